package org.lesde.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps the full output trajectory of the first {@code keep} paths (for {@code sde_paths.csv}). */
public final class SamplePaths implements ChunkState {
    private final int keep;
    private final int rows;
    private final TreeMap<Long, double[][]> paths = new TreeMap<>();

    /** The summary of a run keeping {@code keep} paths of n coordinates, with the bytes it may hold. */
    public static Summaries.Summary<SamplePaths> summary(int keep, int rows, int n) {
        return new Summaries.Summary<>("sample paths", SamplePaths.class, () -> new SamplePaths(keep, rows), bytes(keep, rows, n));
    }

    /** The bytes of the kept trajectories (one double[n] per kept path and row). */
    public static double bytes(double keep, double rows, double n) {
        return keep * rows * (n * MemoryEstimate.DOUBLE + MemoryEstimate.ARRAY + 8);
    }

    public SamplePaths(int keep, int rows) {
        this.keep = keep;
        this.rows = rows;
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        if (path < keep) {
            paths.computeIfAbsent(path, p -> new double[rows][])[row] = x.clone();
        }
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        paths.putAll(((SamplePaths) later).paths);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(paths.size());
        for (Map.Entry<Long, double[][]> e : paths.entrySet()) {
            out.writeLong(e.getKey());
            for (double[] row : e.getValue()) {
                out.writeInt(row.length);
                ChunkState.write(out, row);
            }
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        paths.clear();
        int kept = in.readInt();
        if (kept < 0 || kept > keep) {
            throw new IOException("expected at most " + keep + " sample paths, got " + kept);
        }
        for (int k = 0; k < kept; k++) {
            long path = in.readLong();
            double[][] p = new double[rows][];
            for (int r = 0; r < rows; r++) {
                int n = in.readInt();
                if (n < 0 || n > 1 << 28) {
                    throw new IOException("bad sample path row length " + n);
                }
                p[r] = new double[n];
                ChunkState.read(in, p[r]);
            }
            paths.put(path, p);
        }
    }

    /** The kept trajectories by path index: [row][coordinate]. */
    public List<Map.Entry<Long, double[][]>> paths() {
        return new ArrayList<>(paths.entrySet());
    }
}
