package org.lesde.monitor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.lesde.sim.ChunkAccumulator;
import org.lesde.sim.ChunkState;
import org.lesde.sim.ParallelTasks;

/**
 * The neural-collapse and separability monitor of an ensemble, as a streaming step observer
 * ({@link ChunkAccumulator}): at every output row it accumulates, over paths (or LE-SGD
 * replicas), the class statistics (each path contributes one sample per class), the pairs
 * separated along the reference class-mean difference, and the NC4 mismatches.
 *
 * <p>Definitions used (see {@link NeuralCollapse} for the metrics themselves):
 * <ul>
 * <li>The reference means of a row are the LE-ODE class means at that time (the expectation of
 *     the linear SDE under the mean closure), known before the paths are seen: they give the
 *     separation directions ν = μ_k − μ_k' (docs/theory.md#5-separability-and-the-phase-transition) and the nearest-class-mean classifier of NC4.</li>
 * <li>NC1 uses the exact empirical class means and within-class scatter when p ≤
 *     {@link #SCATTER_MAX_DIM}; for wider features it is computed about the reference means
 *     (O(Kp) per sample, no p×p matrix; see {@link FixedMeanPass}).</li>
 * <li>NC3 and NC4 take the logits as features (W = I − 11ᵀ/K, argmax of the logits) when p = K;
 *     otherwise they are NaN.</li>
 * </ul>
 */
public final class EnsembleMonitor implements ChunkState {
    /** Largest p for which the exact p×p within-class scatter is accumulated. */
    public static final int SCATTER_MAX_DIM = 64;

    private final int classes;
    private final int dim;
    private final ClassStats[] stats;
    private final PairSeparation[] sep;
    private final FixedMeanPass[] pass;
    /** Work buffers of the path kernels, shared by the rows of this copy (one chunk). */
    private final MonitorWork work;

    /**
     * @param reference the reference class means per output row ([row][K·p])
     */
    public EnsembleMonitor(int classes, int dim, double[][] reference) {
        this(classes, dim, reference, 1);
    }

    /**
     * The monitor with its per-row set-up (reference means, NC1 projector: an SVD of a
     * p x (K−1) matrix per output row) built on up to {@code threads} threads; the same monitor
     * for any count.
     */
    public EnsembleMonitor(int classes, int dim, double[][] reference, int threads) {
        this.classes = classes;
        this.dim = dim;
        int rows = reference.length;
        this.stats = new ClassStats[rows];
        this.sep = new PairSeparation[rows];
        this.pass = new FixedMeanPass[rows];
        boolean scatter = dim <= SCATTER_MAX_DIM;
        List<FixedMeanPass> passes = ParallelTasks.map(threads, rows, "lesde-monitor-setup", r ->
                // NC1 comes from the exact scatter when it is tracked: the pass then only counts NC4
                scatter ? FixedMeanPass.nc4Only(reference[r], classes, dim, null) : new FixedMeanPass(reference[r], classes, dim, null));
        for (int r = 0; r < rows; r++) {
            stats[r] = scatter ? new ClassStats(classes, dim) : ClassStats.meansOnly(classes, dim);
            sep[r] = new PairSeparation(classes, dim, reference[r]);
            pass[r] = passes.get(r);
        }
        this.work = new MonitorWork(classes, dim);
    }

    private EnsembleMonitor(EnsembleMonitor proto) {
        this.classes = proto.classes;
        this.dim = proto.dim;
        int rows = proto.stats.length;
        this.stats = new ClassStats[rows];
        this.sep = new PairSeparation[rows];
        this.pass = new FixedMeanPass[rows];
        for (int r = 0; r < rows; r++) {
            stats[r] = proto.stats[r].hasScatter() ? new ClassStats(classes, dim) : ClassStats.meansOnly(classes, dim);
            sep[r] = proto.sep[r].emptyCopy();
            pass[r] = proto.pass[r].emptyCopy();
        }
        this.work = new MonitorWork(classes, dim);
    }

    /**
     * An empty monitor for another chunk, sharing this one's read-only per-row set-up (reference
     * means, NC1 projectors): build one prototype per run and copy it per chunk.
     */
    public EnsembleMonitor emptyCopy() {
        return new EnsembleMonitor(this);
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        stats[row].addPath(x);
        sep[row].addPath(x, 0, work);
        pass[row].addPath(x, 0, work);
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        EnsembleMonitor b = (EnsembleMonitor) later;
        for (int r = 0; r < stats.length; r++) {
            stats[r].merge(b.stats[r]);
            sep[r].merge(b.sep[r]);
            pass[r].merge(b.pass[r]);
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (int r = 0; r < stats.length; r++) {
            stats[r].writeState(out);
            sep[r].writeState(out);
            pass[r].writeState(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        for (int r = 0; r < stats.length; r++) {
            stats[r].readState(in);
            sep[r].readState(in);
            pass[r].readState(in);
        }
    }

    public int rows() {
        return stats.length;
    }

    /** Separation counts of a row. */
    public PairSeparation separation(int row) {
        return sep[row];
    }

    /** Class statistics of a row. */
    public ClassStats stats(int row) {
        return stats[row];
    }

    /** The metrics of a row (NaN where undefined; see the class comment). */
    public NcMetrics metrics(int row) {
        NcMetrics m = NeuralCollapse.of(stats[row], (double[]) null);
        double nc1 = stats[row].hasScatter() ? m.nc1() : pass[row].nc1();
        List<String> notes = new ArrayList<>(m.notes());
        notes.removeIf(s -> s.startsWith("NC4 not computed") || s.startsWith("NC1 not computed"));
        notes.add("NC4 against the LE-ODE reference means (streaming)");
        return m.withSampleMetrics(nc1, pass[row].nc4(), notes);
    }

    /**
     * The bytes one copy holds for K classes, p coordinates and the given output rows: per row the
     * class statistics (counts, means, traces and, for p <= {@link #SCATTER_MAX_DIM}, the p×p
     * scatter), the K² separated-pair counts, the fixed-mean pass's work row and (8 ≤ K ≤ 256)
     * its K² mean distances; once, the work
     * buffers of the path kernels ({@link MonitorWork}).
     */
    public static double bytes(int classes, int dim, int rows) {
        double k = classes;
        double p = dim;
        double scatter = dim <= SCATTER_MAX_DIM ? p * p : 0;
        double distances = classes >= FixedMeanPass.TRANSPOSED_MIN_CLASSES && classes <= FixedMeanPass.PRUNE_MAX_CLASSES ? k * k : 0;
        double perRow = 8 * (k + k * p + scatter + k + p + k * k + p + distances) + 3 * 64;
        return rows * perRow + MonitorWork.bytes(classes, dim);
    }
}
