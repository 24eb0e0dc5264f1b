package org.lesde.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;
import org.lesde.Shard;
import org.lesde.Version;
import org.lesde.io.Json;
import org.lesde.io.Provenance;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.sim.Assembly;
import org.lesde.sim.ChunkAccumulator;
import org.lesde.sim.ChunkState;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.Progress;
import org.lesde.sim.Simulation;

/**
 * One ensemble over many machines. {@code simulate --shard i/n} runs the chunks c ≡ i (mod n) of
 * the SDE ensemble (the chunks of {@link EnsembleRunner}, whose size depends on the path count
 * only) and writes, instead of the results, a shard folder:
 * <ul>
 * <li>{@value #CHUNKS}: the accumulators of each of its chunks, unmerged, in chunk order and
 *     lossless (every double as its IEEE-754 bits, {@link ChunkState});</li>
 * <li>{@value #SGD} (shard 0 only, when the model has LE-SGD particles): LE-SGD's accumulators —
 *     LE-SGD is one sequential, seeded run, so shard 0 computes it whole;</li>
 * <li>{@value #MANIFEST}: lesde version, model hash, seed, i, n, the chunk list, the SHA-256 of
 *     the state files and the resolved model (so the folder is a valid model file).</li>
 * </ul>
 * {@link #merge} checks that the shards belong together and are complete, reads the chunks back
 * in chunk order (chunk c from shard c mod n) and folds them exactly as the unsharded run folds
 * them in memory ({@link EnsembleRunner.Fold}), so every output is byte for byte the unsharded
 * run's. The LE-ODE part (deterministic, cheap) is recomputed by every shard and by the merge.
 */
public final class EnsembleShards {
    /** The manifest of a shard folder (also what tells {@code merge} the folder's kind). */
    public static final String MANIFEST = "shard.json";
    /** The chunk states of a shard. */
    public static final String CHUNKS = "chunks.bin";
    /** LE-SGD's merged state (shard 0). */
    public static final String SGD = "sgd.bin";
    static final String KIND = "simulate-shard";
    private static final long MAGIC = 0x4c45534445534831L; // "LESDESH1"

    private EnsembleShards() {
    }

    /** What a shard run did. */
    public record Written(int chunks, int threads, double wallSeconds) {
    }

    /** The merged result, with the wall seconds of the shards summed in. */
    public record Merged(Simulation.Result result, int shards) {
    }

    /** Refuses (exit code 2) a model whose ensemble cannot be split into shards. */
    public static void requireShardable(LeModel m, String field) {
        if (!Simulation.shardable(m)) {
            throw new BadInputException(field + ": closure " + m.closure().key() + " couples all paths into one system, so its"
                    + " ensemble cannot be split across shards; run it unsharded");
        }
    }

    /**
     * The fingerprint of a resolved model apart from its seed (checked on its own) and its thread
     * count (which changes nothing but speed, and may differ between machines).
     */
    public static String modelHash(LeModel m) {
        Map<String, Object> d = ModelFile.describe(m);
        @SuppressWarnings("unchecked")
        Map<String, Object> sim = new LinkedHashMap<>((Map<String, Object>) d.get("simulation"));
        sim.remove("seed");
        sim.remove("threads");
        d.put("simulation", sim);
        return sha256(Json.compact(d).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs shard {@code shard} of the model's ensemble and writes the shard folder's files into {@code dir}. */
    public static Written run(LeModel m, Shard shard, Path dir, Progress progress, List<String> command) {
        requireShardable(m, "--shard");
        long start = System.nanoTime();
        Assembly a = Assembly.of(m);
        int[] written = {0};
        MessageDigest chunkDigest = digest();
        MessageDigest sgdDigest = digest();
        boolean sgd = shard.index() == 0 && m.simulation().sgdParticles() > 0;
        Simulation.Result r;
        try (DataOutputStream out = open(dir.resolve(CHUNKS), chunkDigest)) {
            r = Simulation.run(a, Monitoring.config().withProgress(progress), new Simulation.Ensembles() {
                @Override
                public List<ChunkAccumulator> sde(Assembly as, List<Supplier<ChunkAccumulator>> stats, Progress p) {
                    Simulation.sdeChunks(as, stats, p, shard, (c, acc) -> {
                        try {
                            out.writeInt(c);
                            writeAll(out, acc);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        written[0]++;
                    });
                    return fresh(stats);
                }

                @Override
                public List<ChunkAccumulator> sgd(Assembly as, List<Supplier<ChunkAccumulator>> stats) {
                    if (!sgd) {
                        return fresh(stats);
                    }
                    List<ChunkAccumulator> acc = Simulation.COMPUTED.sgd(as, stats);
                    try (DataOutputStream s = open(dir.resolve(SGD), sgdDigest)) {
                        writeAll(s, acc);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return acc;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new RunFailedException("cannot write " + dir.resolve(CHUNKS) + ": " + e.getMessage(), e);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("kind", KIND);
        j.put("lesde_version", Version.get());
        j.put("model_hash", modelHash(m));
        j.put("seed", m.simulation().seed());
        j.put("shard", shard.toString());
        j.put("index", shard.index());
        j.put("count", shard.count());
        j.put("paths", m.simulation().paths());
        j.put("chunk_size", EnsembleRunner.chunkSize(m.simulation().paths()));
        j.put("chunks", chunkList(m.simulation().paths(), shard));
        j.put("chunks_sha256", HexFormat.of().formatHex(chunkDigest.digest()));
        j.put("sgd", sgd);
        if (sgd) {
            j.put("sgd_sha256", HexFormat.of().formatHex(sgdDigest.digest()));
        }
        j.put("threads", r.threads());
        j.put("wall_seconds", wall);
        j.put("command", command);
        j.put("model", ModelFile.describe(m));
        Json.write(dir.resolve(MANIFEST), Provenance.into(j, "simulate"));
        return new Written(written[0], r.threads(), wall);
    }

    /** The chunks of the ensemble of {@code paths} paths that a shard runs. */
    public static List<Integer> chunkList(long paths, Shard shard) {
        List<Integer> l = new ArrayList<>();
        for (int c = shard.index(); c < EnsembleRunner.chunks(paths); c += shard.count()) {
            l.add(c);
        }
        return l;
    }

    /** Whether a folder is a simulate shard folder. */
    public static boolean isShardFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** A shard folder's manifest, read and checked for shape. */
    private record Manifest(Path dir, String version, String hash, long seed, Shard shard, long paths, List<Integer> chunks,
            String chunksSha, boolean sgd, String sgdSha, double wall) {
    }

    private static Manifest manifest(Path d) {
        Object json = Json.read(d.resolve(MANIFEST), "shard folder " + d);
        try {
            Map<?, ?> j = (Map<?, ?>) json;
            if (!KIND.equals(j.get("kind"))) {
                throw new BadInputException("shard folder " + d + ": " + MANIFEST + " is not a simulate shard manifest");
            }
            List<Integer> chunks = new ArrayList<>();
            for (Object o : (List<?>) j.get("chunks")) {
                chunks.add(((Number) o).intValue());
            }
            boolean sgd = (Boolean) j.get("sgd");
            return new Manifest(d, (String) j.get("lesde_version"), (String) j.get("model_hash"),
                    ((Number) j.get("seed")).longValue(),
                    new Shard(((Number) j.get("index")).intValue(), ((Number) j.get("count")).intValue()),
                    ((Number) j.get("paths")).longValue(), chunks, (String) j.get("chunks_sha256"), sgd,
                    sgd ? (String) j.get("sgd_sha256") : null, ((Number) j.get("wall_seconds")).doubleValue());
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("shard folder " + d + ": " + d.resolve(MANIFEST) + " is not a valid shard manifest");
        }
    }

    /** Shard folders checked to be the complete set of one run, and the run's model. */
    public static final class Checked {
        private final List<Manifest> ordered;
        private final LeModel model;

        private Checked(List<Manifest> ordered, LeModel model) {
            this.ordered = ordered;
            this.model = model;
        }

        /** The resolved model of the run (shard 0's). */
        public LeModel model() {
            return model;
        }
    }

    /**
     * Checks, reading only the manifests and the model, that the shard folders are the n shards
     * of one run: written by this lesde version, same model and seed, each shard once, none
     * missing (one-line errors naming the shard folder, exit code 2).
     */
    public static Checked check(List<Path> dirs) {
        List<Manifest> ms = new ArrayList<>();
        for (Path d : dirs) {
            ms.add(manifest(d));
        }
        Manifest first = ms.get(0);
        TreeMap<Integer, Manifest> byIndex = new TreeMap<>();
        for (Manifest m : ms) {
            if (!Version.get().equals(m.version())) {
                throw new BadInputException("shard folder " + m.dir() + " was written by lesde " + m.version()
                        + ", this is lesde " + Version.get() + ": merge shards with the lesde that wrote them");
            }
            if (m.seed() != first.seed()) {
                throw new BadInputException("shard folder " + m.dir() + " has seed " + m.seed() + ", shard folder " + first.dir()
                        + " has seed " + first.seed() + ": shards of one run share the seed");
            }
            if (!m.hash().equals(first.hash())) {
                throw new BadInputException("shard folder " + m.dir() + " comes from a different model than shard folder "
                        + first.dir() + " (model hash " + shortHash(m.hash()) + " vs " + shortHash(first.hash()) + ")");
            }
            if (m.shard().count() != first.shard().count()) {
                throw new BadInputException("shard folder " + m.dir() + " is shard " + m.shard() + ", shard folder " + first.dir()
                        + " is shard " + first.shard() + ": all shards of one run have the same n");
            }
            if (!m.chunks().equals(chunkList(m.paths(), m.shard()))) {
                throw new BadInputException("shard folder " + m.dir() + ": the chunk list does not match shard " + m.shard());
            }
            Manifest prev = byIndex.put(m.shard().index(), m);
            if (prev != null) {
                throw new BadInputException("shard folder " + m.dir() + " repeats shard " + m.shard() + " (also " + prev.dir()
                        + ")");
            }
        }
        int n = first.shard().count();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n && missing.size() < 10; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + n);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("shard " + String.join(", ", missing) + (missing.size() == 10 ? " ..." : "")
                    + " of the run in " + first.dir() + " is missing (" + dirs.size() + " of " + n + " shard folders given)");
        }
        Manifest zero = byIndex.get(0);
        LeModel model = ModelFile.read(zero.dir().resolve(MANIFEST));
        if (!modelHash(model).equals(zero.hash()) || model.simulation().seed() != zero.seed()
                || model.simulation().paths() != zero.paths()) {
            throw new BadInputException("shard folder " + zero.dir() + ": the model in " + MANIFEST + " does not match its model_hash");
        }
        requireShardable(model, "merge");
        return new Checked(new ArrayList<>(byIndex.values()), model);
    }

    /** Merges checked shards into the result of the unsharded run (state files checked as they are read). */
    public static Merged merge(Checked checked) {
        long start = System.nanoTime();
        List<Manifest> ordered = checked.ordered;
        int n = ordered.size();
        Simulation.Result r = Simulation.run(Assembly.of(checked.model), Monitoring.config(),
                new Reader(ordered, ordered.get(0)));
        double wall = (System.nanoTime() - start) / 1e9;
        for (Manifest m : ordered) {
            wall += m.wall();
        }
        Simulation.Result merged = new Simulation.Result(r.model(), r.grid(), r.mean0(), r.outputTimes(), r.ode(), r.sde(),
                r.samples(), r.sdeMonitors(), r.sgdTimes(), r.sgd(), r.sgdMonitors(), r.threads(), wall, r.sgdRepeats(),
                r.timings());
        return new Merged(merged, n);
    }

    /** Supplies the merge's ensembles from the shards' state files. */
    private static final class Reader implements Simulation.Ensembles {
        private final List<Manifest> shards;
        private final Manifest zero;

        Reader(List<Manifest> shards, Manifest zero) {
            this.shards = shards;
            this.zero = zero;
        }

        @Override
        public List<ChunkAccumulator> sde(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress) {
            int n = shards.size();
            int chunks = EnsembleRunner.chunks(a.model().simulation().paths());
            List<DataInputStream> in = new ArrayList<>();
            List<MessageDigest> digests = new ArrayList<>();
            EnsembleRunner.Fold fold = new EnsembleRunner.Fold();
            try {
                for (Manifest m : shards) {
                    MessageDigest md = digest();
                    digests.add(md);
                    in.add(openIn(m.dir().resolve(CHUNKS), md));
                }
                for (int c = 0; c < chunks; c++) {
                    Path f = shards.get(c % n).dir().resolve(CHUNKS);
                    DataInputStream s = in.get(c % n);
                    List<ChunkAccumulator> acc = fresh(stats);
                    try {
                        int index = s.readInt();
                        if (index != c) {
                            throw damaged(f, "chunk " + index + " where chunk " + c + " belongs");
                        }
                        readAll(s, acc);
                    } catch (EOFException e) {
                        throw damaged(f, "truncated in chunk " + c);
                    } catch (IOException e) {
                        throw damaged(f, "chunk " + c + ": " + e.getMessage());
                    }
                    fold.accept(c, acc);
                    progress.update(c + 1, chunks);
                }
                for (int i = 0; i < n; i++) {
                    Path f = shards.get(i).dir().resolve(CHUNKS);
                    if (in.get(i).read() != -1) {
                        throw damaged(f, "data after the last chunk");
                    }
                    checkDigest(f, digests.get(i), shards.get(i).chunksSha());
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read a shard's " + CHUNKS + ": " + e.getMessage());
            } finally {
                for (DataInputStream s : in) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // read-only
                    }
                }
            }
            return fold.result();
        }

        @Override
        public List<ChunkAccumulator> sgd(Assembly a, List<Supplier<ChunkAccumulator>> stats) {
            Path f = zero.dir().resolve(SGD);
            if (!zero.sgd()) {
                throw new BadInputException("shard folder " + zero.dir() + " holds no LE-SGD state although the model has particles");
            }
            MessageDigest md = digest();
            try (DataInputStream s = openIn(f, md)) {
                List<ChunkAccumulator> acc = fresh(stats);
                readAll(s, acc);
                if (s.read() != -1) {
                    throw damaged(f, "data after the LE-SGD state");
                }
                checkDigest(f, md, zero.sgdSha());
                return acc;
            } catch (IOException e) {
                throw damaged(f, e.getMessage());
            }
        }
    }

    private static BadInputException damaged(Path f, String what) {
        return new BadInputException("shard file " + f + " is damaged (" + what + ")");
    }

    private static void checkDigest(Path f, MessageDigest md, String expected) {
        if (!HexFormat.of().formatHex(md.digest()).equals(expected)) {
            throw damaged(f, "its SHA-256 differs from the one in " + MANIFEST);
        }
    }

    private static List<ChunkAccumulator> fresh(List<Supplier<ChunkAccumulator>> stats) {
        List<ChunkAccumulator> l = new ArrayList<>(stats.size());
        for (Supplier<ChunkAccumulator> s : stats) {
            l.add(s.get());
        }
        return l;
    }

    private static void writeAll(DataOutputStream out, List<ChunkAccumulator> acc) throws IOException {
        for (ChunkAccumulator c : acc) {
            state(c).writeState(out);
        }
    }

    private static void readAll(DataInputStream in, List<ChunkAccumulator> acc) throws IOException {
        for (ChunkAccumulator c : acc) {
            state(c).readState(in);
        }
    }

    private static ChunkState state(ChunkAccumulator c) {
        if (c instanceof ChunkState s) {
            return s;
        }
        throw new IllegalStateException(c.getClass().getSimpleName() + " cannot be written to a shard (not a ChunkState)");
    }

    private static DataOutputStream open(Path f, MessageDigest md) throws IOException {
        OutputStream o = new DigestOutputStream(Files.newOutputStream(f), md);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(o, 1 << 16));
        out.writeLong(MAGIC);
        return out;
    }

    private static DataInputStream openIn(Path f, MessageDigest md) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw new BadInputException("shard folder " + f.getParent() + ": missing " + f);
        }
        InputStream i = new DigestInputStream(Files.newInputStream(f), md);
        DataInputStream in = new DataInputStream(new BufferedInputStream(i, 1 << 13));
        if (in.readLong() != MAGIC) {
            in.close();
            throw damaged(f, "not a lesde shard state file");
        }
        return in;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(digest().digest(b));
    }

    private static String shortHash(String h) {
        return h == null ? "none" : h.substring(0, Math.min(12, h.length()));
    }
}
