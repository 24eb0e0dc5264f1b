package org.lesde.monitor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import org.lesde.sim.ChunkState;

/**
 * Streaming sufficient statistics of labelled features, per class: the count n_k, the mean
 * μ_k, and (optionally) the pooled within-class scatter S_W = Σ_k Σ_{i in k} (h_i − μ_k)(h_i − μ_k)ᵀ.
 *
 * <p><b>Accumulation.</b> Samples are added one at a time with Welford's update (the running mean
 * is the shift, so there is no cancellation between a large mean and a small spread):
 * δ = h − μ_k; μ_k += δ / n_k; S_W += δδᵀ·(n_k − 1)/n_k. The scatter update is written
 * symmetrically, so S_W is exactly symmetric. Cost O(p²) per sample with scatter, O(p) without
 * ({@link #meansOnly}).
 *
 * <p><b>Merging.</b> {@link #merge} adds another accumulator with the pairwise formula of Chan,
 * Golub &amp; LeVeque: per class, with d = μ_k^B − μ_k^A, μ_k = μ_k^A + d·n_B/n and
 * S_W += S_W^B + Σ_k d dᵀ·n_A n_B/n. It is a fixed sequence of floating-point operations, so the
 * result depends only on the data of each chunk and on the merge order. To get the same numbers
 * whatever the thread count, cut the samples (e.g. paths) into chunks by index, independently of
 * the number of threads, accumulate each chunk into its own {@code ClassStats} (any thread) and
 * merge the chunk results in chunk order. Different chunkings agree to rounding error (~1e-15
 * relative), not bit for bit.
 *
 * <p><b>Layout.</b> A sample is p consecutive doubles; a path of the LE-SDE ensemble is one
 * sample per class stored flat as {@code x[k*p + j]} = coordinate j of class k
 * ({@link #addPath(double[])}).
 *
 * <p>Not thread-safe: one instance per thread or chunk.
 */
public final class ClassStats implements LabelledSamples {
    private final int classes;
    private final int dim;
    private final boolean scatter;
    private final long[] count;
    private final double[] mean;
    private final double[] within;
    private final double[] withinTrace;
    private final double[] delta;

    private ClassStats(int classes, int dim, boolean scatter) {
        if (classes < 1 || dim < 1) {
            throw new IllegalArgumentException("need classes >= 1 and dim >= 1, got " + classes + ", " + dim);
        }
        if (scatter && (long) dim * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("dim " + dim + " too large for a dense p x p scatter: use meansOnly + FixedMeanPass");
        }
        this.classes = classes;
        this.dim = dim;
        this.scatter = scatter;
        this.count = new long[classes];
        this.mean = new double[classes * dim];
        this.within = scatter ? new double[dim * dim] : null;
        this.withinTrace = new double[classes];
        this.delta = new double[dim];
    }

    /** Counts, means and the pooled within-class scatter (p x p); enough for all of NC1–NC3. */
    public ClassStats(int classes, int dim) {
        this(classes, dim, true);
    }

    /**
     * Counts, means and per-class within-class sums of squares only (no p x p scatter; O(p) per
     * sample): for the first pass of {@link NeuralCollapse#twoPass} style computations.
     */
    public static ClassStats meansOnly(int classes, int dim) {
        return new ClassStats(classes, dim, false);
    }

    @Override
    public void add(int label, double[] h, int offset) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
        }
        long n = ++count[label];
        int base = label * dim;
        double inv = 1.0 / n;
        double ss = 0;
        for (int j = 0; j < dim; j++) {
            double d = h[offset + j] - mean[base + j];
            delta[j] = d;
            mean[base + j] += d * inv;
            ss += d * d;
        }
        double w = (n - 1) * inv;
        withinTrace[label] += ss * w;
        if (scatter) {
            rankOne(delta, w);
        }
    }

    private void rankOne(double[] d, double w) {
        for (int a = 0; a < dim; a++) {
            double da = d[a] * w;
            if (da == 0) {
                continue;
            }
            int row = a * dim;
            for (int b = a; b < dim; b++) {
                within[row + b] += da * d[b];
            }
        }
    }

    /**
     * Adds {@code other} into this accumulator (Chan et al. pairwise merge) and returns this.
     * {@code other} is not modified. Deterministic: see the class comment.
     */
    public ClassStats merge(ClassStats other) {
        if (other.classes != classes || other.dim != dim) {
            throw new IllegalArgumentException("cannot merge stats of shape " + other.classes + "x" + other.dim
                    + " into " + classes + "x" + dim);
        }
        if (scatter && !other.scatter) {
            throw new IllegalArgumentException("cannot merge means-only stats into stats with scatter");
        }
        if (scatter) {
            for (int a = 0; a < dim; a++) {
                for (int b = a; b < dim; b++) {
                    within[a * dim + b] += other.within[a * dim + b];
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            long nb = other.count[k];
            if (nb == 0) {
                continue;
            }
            long na = count[k];
            int base = k * dim;
            if (na == 0) {
                System.arraycopy(other.mean, base, mean, base, dim);
                count[k] = nb;
                withinTrace[k] = other.withinTrace[k];
                continue;
            }
            long n = na + nb;
            double fb = (double) nb / n;
            double w = (double) na * (double) nb / n;
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                double d = other.mean[base + j] - mean[base + j];
                delta[j] = d;
                mean[base + j] += d * fb;
                ss += d * d;
            }
            withinTrace[k] += other.withinTrace[k] + ss * w;
            count[k] = n;
            if (scatter) {
                rankOne(delta, w);
            }
        }
        return this;
    }

    /** Writes the counts, means, traces and scatter exactly (for shards, see {@link ChunkState}). */
    void writeState(DataOutput out) throws IOException {
        ChunkState.write(out, count);
        ChunkState.write(out, mean);
        ChunkState.write(out, withinTrace);
        if (scatter) {
            ChunkState.write(out, within);
        }
    }

    /** Reads what {@link #writeState} wrote into stats of the same shape. */
    void readState(DataInput in) throws IOException {
        ChunkState.read(in, count);
        ChunkState.read(in, mean);
        ChunkState.read(in, withinTrace);
        if (scatter) {
            ChunkState.read(in, within);
        }
    }

    /** An independent copy. */
    public ClassStats copy() {
        ClassStats c = new ClassStats(classes, dim, scatter);
        System.arraycopy(count, 0, c.count, 0, classes);
        System.arraycopy(mean, 0, c.mean, 0, mean.length);
        System.arraycopy(withinTrace, 0, c.withinTrace, 0, classes);
        if (scatter) {
            System.arraycopy(within, 0, c.within, 0, within.length);
        }
        return c;
    }

    /** Forgets all samples (keeps the shape), so an accumulator can be reused per output time. */
    public void reset() {
        Arrays.fill(count, 0);
        Arrays.fill(mean, 0);
        Arrays.fill(withinTrace, 0);
        if (scatter) {
            Arrays.fill(within, 0);
        }
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** Whether the p x p within-class scatter is tracked. */
    public boolean hasScatter() {
        return scatter;
    }

    /** Number of samples of class k. */
    public long count(int k) {
        return count[k];
    }

    /** Total number of samples N = Σ n_k. */
    public long total() {
        long n = 0;
        for (long c : count) {
            n += c;
        }
        return n;
    }

    /** The mean of class k (a copy, length p). */
    public double[] mean(int k) {
        return Arrays.copyOfRange(mean, k * dim, (k + 1) * dim);
    }

    /** All class means, flat {@code [k*p + j]} (a copy). */
    public double[] means() {
        return mean.clone();
    }

    /** The global mean μ_G = (1/K) Σ_k μ_k: the unweighted mean of the class means (docs/theory.md#6-neural-collapse-metrics). */
    public double[] globalMean() {
        return NeuralCollapse.globalMean(mean, classes, dim);
    }

    /**
     * The within-class covariance Σ_W = S_W / N (normalised by the total count N, not N − K),
     * flat p x p row-major (a new array).
     *
     * @throws IllegalStateException for {@link #meansOnly} stats
     */
    public double[] withinCovariance() {
        if (!scatter) {
            throw new IllegalStateException("within-class scatter not tracked (meansOnly)");
        }
        double[] c = new double[dim * dim];
        double inv = 1.0 / total();
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                double v = within[a * dim + b] * inv;
                c[a * dim + b] = v;
                c[b * dim + a] = v;
            }
        }
        return c;
    }

    /** Mean squared distance of class k's samples to their class mean: (1/n_k) Σ ||h − μ_k||² = tr Σ_k. */
    public double withinVariance(int k) {
        return withinTrace[k] / count[k];
    }

    /** tr Σ_W = (1/N) Σ_k Σ_{i in k} ||h_i − μ_k||². */
    public double withinTrace() {
        double s = 0;
        for (double v : withinTrace) {
            s += v;
        }
        return s / total();
    }
}
