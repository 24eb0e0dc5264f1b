package org.lesde.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.RunFailedException;
import org.lesde.io.Npy;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.sim.ChunkAccumulator;
import org.lesde.sim.MemoryEstimate;
import org.lesde.sim.Simulation;
import org.lesde.sim.Summaries;

/**
 * {@code simulate --save-paths N|all}: the state of the first N paths at every output time in
 * {@code paths.npy}, shape (N, outputs + 1, K·p), float64 little-endian, C order (row i of path
 * n at byte {@code header + ((n·rows) + i)·K·p·8}, state coordinates k·p + j as in
 * {@code sde_paths.csv}).
 *
 * <p>Streaming: the header fixes the shape before the run, so every observation has a known file
 * position; each chunk's accumulator writes its own paths there with positioned writes
 * ({@link FileChannel#write(ByteBuffer, long)}, safe from several threads), through one small
 * write-combining buffer (consecutive rows of one path go out in one write). Nothing is kept per
 * path; {@link MemoryEstimate} counts the buffers. Every byte is written once with values that do
 * not depend on the thread count, so the file is byte-identical for any number of threads.
 *
 * <p>Use: {@link #count} validates the option, {@link #addTo} adds the writer to a run's config,
 * {@link #target} names the file (inside the staging folder), {@link #finish} flushes and checks
 * the size after the run, {@link #close} releases the file on any exit.
 */
public final class PathsNpy implements AutoCloseable {
    /** The file name in the output folder. */
    public static final String FILE = "paths.npy";
    /** The most bytes a write-combining buffer holds (or one row if that is larger). */
    static final int BUFFER = 1 << 16;

    private final long keep;
    private Path file;
    private FileChannel channel;
    private long dataOffset;
    private long[] shape;

    /** A writer of the first {@code keep} paths. */
    public PathsNpy(long keep) {
        this.keep = keep;
    }

    /** Parses {@code --save-paths N|all} for a run of {@code paths} paths: 1 <= N <= paths. */
    public static long count(String text, long paths) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return paths;
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new BadInputException("--save-paths must be a number of paths or 'all', got " + Require.quoted(text));
        }
        if (n <= 0) {
            throw new BadInputException("--save-paths must be >= 1 (or 'all'), got " + n);
        }
        if (n > paths) {
            throw new BadInputException("--save-paths " + n + " is more than the run's " + paths
                    + " paths (simulation.paths / --paths); use at most " + paths + " or 'all'");
        }
        return n;
    }

    /** The paths written. */
    public long paths() {
        return keep;
    }

    /** The file to write (inside the run's staging folder); set before the run starts. */
    public void target(Path file) {
        this.file = file;
    }

    /** {@code base} with this writer added to the SDE monitors (null: {@code base} unchanged). */
    public static Simulation.Config addTo(Simulation.Config base, PathsNpy writer) {
        if (writer == null) {
            return base;
        }
        Simulation.Monitors sde = base.sdeMonitors();
        Simulation.Monitors both = new Simulation.Monitors() {
            @Override
            public List<Summaries.Summary<?>> apply(Simulation.Context ctx) {
                List<Summaries.Summary<?>> l = new ArrayList<>(sde.apply(ctx));
                l.add(writer.summary(ctx));
                return l;
            }

            @Override
            public double bytes(LeModel model, int rows) {
                return sde.bytes(model, rows) + PathsNpy.bytes(model);
            }
        };
        return base.withMonitors(both, base.sgdMonitors());
    }

    /** The bytes one chunk's writer holds: its buffer. */
    static double bytes(LeModel m) {
        return bufferSize(m) + MemoryEstimate.ARRAY + 64;
    }

    /** One row (K·p doubles) for the ensemble closure (all chunks alive, rows of a path never consecutive), else up to {@link #BUFFER}. */
    private static int bufferSize(LeModel m) {
        int row = Math.multiplyExact(m.stateDim(), 8);
        return m.closure() == Closure.ENSEMBLE ? row : Math.max(row, BUFFER / row * row);
    }

    /** Opens the file, writes the header and returns the per-chunk writers (called by the run). */
    private Summaries.Summary<Chunk> summary(Simulation.Context ctx) {
        if (file == null) {
            throw new IllegalStateException("PathsNpy.target not set");
        }
        int rows = ctx.outputTimes().length;
        int n = ctx.model().stateDim();
        shape = new long[] {keep, rows, n};
        byte[] header = Npy.header(Npy.Dtype.F8, false, shape);
        dataOffset = header.length;
        double need = (double) keep * rows * n * 8 + header.length;
        try {
            long free = Files.getFileStore(file.getParent()).getUsableSpace();
            if (free > 0 && need > free) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--save-paths %d: paths.npy would take %.3g GB, the disk has %.3g GB free; save fewer paths",
                        keep, need / 1e9, free / 1e9));
            }
        } catch (IOException e) {
            // free space unknown: the write itself reports a full disk
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Npy.writeAt(channel, 0, ByteBuffer.wrap(header));
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + e.getMessage(), e);
        }
        int buffer = bufferSize(ctx.model());
        return new Summaries.Summary<>("paths.npy writer", Chunk.class, () -> new Chunk(this, rows, n, buffer),
                bytes(ctx.model()));
    }

    /** After the run: writes what the last chunk buffered, checks the file size, syncs and closes it. */
    public void finish(Simulation.Result r) {
        Chunk last = r.sdeMonitors().find(Chunk.class);
        last.flush();
        try {
            long expected = dataOffset + keep * shape[1] * shape[2] * 8;
            if (channel.size() != expected) {
                throw new RunFailedException("paths.npy: wrote " + channel.size() + " bytes, expected " + expected);
            }
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The entry of summary.json: file, paths, shape, dtype, order. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", FILE);
        m.put("paths", keep);
        m.put("shape", List.of(shape[0], shape[1], shape[2]));
        m.put("dtype", Npy.Dtype.F8.descr());
        m.put("order", "C");
        m.put("axes", List.of("path", "output time (the t column of sde_mean.csv)", "state coordinate k*p + j"));
        return m;
    }

    /** Releases the file (after {@link #finish} or a failed run). */
    @Override
    public void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException e) {
                // the run failed already or the file is complete; nothing else to release
            }
        }
    }

    private void write(long position, ByteBuffer data) {
        try {
            Npy.writeAt(channel, position, data);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One chunk's writer: buffers consecutive rows and writes them at their position. */
    public static final class Chunk implements ChunkAccumulator {
        private final PathsNpy owner;
        private final int rows;
        private final int n;
        private final int capacity;
        private ByteBuffer buf;
        private long start = -1; // file position of the buffered bytes
        private long next = -1; // the position that would extend them

        Chunk(PathsNpy owner, int rows, int n, int capacity) {
            this.owner = owner;
            this.rows = rows;
            this.n = n;
            this.capacity = capacity;
        }

        @Override
        public void observe(long path, int row, double t, double[] x) {
            if (path >= owner.keep) {
                return;
            }
            if (buf == null) {
                buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            }
            long pos = owner.dataOffset + (path * rows + row) * n * 8L;
            if (pos != next || buf.remaining() < n * 8) {
                flush();
                start = pos;
            }
            for (int i = 0; i < n; i++) {
                buf.putDouble(x[i]);
            }
            next = pos + n * 8L;
        }

        /** Writes the buffered bytes. */
        void flush() {
            if (buf != null && buf.position() > 0) {
                buf.flip();
                owner.write(start, buf);
                buf.clear();
            }
            next = -1;
        }

        @Override
        public void mergeFrom(ChunkAccumulator later) {
            // both chunks are complete when they are merged: write what they still buffer
            flush();
            ((Chunk) later).flush();
        }
    }
}
