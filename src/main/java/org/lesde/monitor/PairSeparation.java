package org.lesde.monitor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import org.lesde.sim.ChunkState;

/**
 * Streaming count, over paths, of the class pairs separated along the class-mean difference:
 * path x separates k and k' when (μ_k − μ_k')ᵀ(x_k − x_k') &gt; 0. The means are fixed at
 * construction (per output time): the exact ensemble means need a first pass; in a one-pass
 * simulator use reference means known in advance, e.g. the ODE solution (for a linear SDE the
 * ensemble expectation), which is the direction ν* of the oracle in docs/theory.md#5-separability-and-the-phase-transition.
 *
 * <p>Merging adds integer counts: exact and order-independent. Not thread-safe: one instance per
 * chunk, then {@link #merge}.
 */
public final class PairSeparation {
    private final int classes;
    private final int dim;
    private final double[] means;
    /** The means transposed ({@code meansT[j][k]}), shared read-only; null below {@link #BLOCKED_MIN_CLASSES}. */
    private final double[][] meansT;
    private final long[] separated;
    private long paths;
    /** Own work buffers for {@link #addPath(double[], int)}, made on first use. */
    private MonitorWork work;

    /**
     * From this many classes on, the sums of a path's pairs (k, l &gt; k) advance over j for all
     * l together (transposed, vectorising loops); below, one pair at a time. Both give the same
     * counts: each pair's sum adds the same terms in the order of j.
     */
    static final int BLOCKED_MIN_CLASSES = 8;

    /** @param means class means {@code [k*p + j]} defining the directions (copied) */
    public PairSeparation(int classes, int dim, double[] means) {
        if (classes < 2 || dim < 1 || means.length != classes * dim) {
            throw new IllegalArgumentException("need K >= 2, p >= 1 and K*p means; got K=" + classes + ", p=" + dim + ", " + means.length + " means");
        }
        this.classes = classes;
        this.dim = dim;
        this.means = means.clone();
        this.meansT = classes >= BLOCKED_MIN_CLASSES ? MonitorWork.transposeRows(this.means, classes, dim) : null;
        this.separated = new long[classes * classes];
    }

    private PairSeparation(PairSeparation proto) {
        this.classes = proto.classes;
        this.dim = proto.dim;
        this.means = proto.means;
        this.meansT = proto.meansT;
        this.separated = new long[classes * classes];
    }

    /** Empty counts sharing this one's (read-only) means, for another chunk. */
    public PairSeparation emptyCopy() {
        return new PairSeparation(this);
    }

    /** Adds one path {@code x[offset + k*p + j]}. */
    public void addPath(double[] x, int offset) {
        if (meansT == null) {
            addPathOnePairAtATime(x, offset);
            return;
        }
        if (work == null) {
            work = new MonitorWork(classes, dim);
        }
        addPath(x, offset, work);
    }

    /**
     * Adds one path with the given work buffers (shared by the rows of one monitor copy). The
     * path is transposed into {@code work.xT}; then, tile of coordinates after tile, for each
     * first class k the sums s_kl = Σ_j (μ_kj − μ_lj)(x_kj − x_lj) of all l &gt; k advance
     * together over j, the loop over l running on contiguous rows (it vectorises, see
     * {@link MonitorWork}). Each s_kl adds the
     * same products in the order of j as {@link #addPathOnePairAtATime}, so the counts are the
     * same.
     */
    void addPath(double[] x, int offset, MonitorWork work) {
        if (meansT == null) {
            addPathOnePairAtATime(x, offset);
            return;
        }
        if (!work.fits(classes, dim)) {
            throw new IllegalArgumentException("work buffers for K=" + work.classes + ", p=" + work.dim + " used for K=" + classes + ", p=" + dim);
        }
        paths++;
        final int kk = classes;
        final int p = dim;
        final double[][] xt = work.xT;
        for (int k = 0; k < kk; k++) {
            final int src = offset + k * p;
            for (int j = 0; j < p; j++) {
                xt[j][k] = x[src + j];
            }
        }
        final double[][] mt = meansT;
        final double[][] sums = work.sums;
        for (int k = 0; k < kk - 1; k++) {
            Arrays.fill(sums[k], k + 1, kk, 0.0);
        }
        for (int j0 = 0; j0 < p; j0 += MonitorWork.TILE) {
            final int j1 = Math.min(p, j0 + MonitorWork.TILE);
            for (int k = 0; k < kk - 1; k++) {
                final double[] s = sums[k];
                final int lo = k + 1;
                for (int j = j0; j < j1; j++) {
                    final double[] mj = mt[j];
                    final double[] xj = xt[j];
                    final double a = mj[k];
                    final double b = xj[k];
                    for (int l = lo; l < kk; l++) {
                        s[l] += (a - mj[l]) * (b - xj[l]);
                    }
                }
            }
        }
        for (int k = 0; k < kk - 1; k++) {
            final double[] s = sums[k];
            final int row = k * kk;
            for (int l = k + 1; l < kk; l++) {
                if (s[l] > 0) {
                    separated[row + l]++;
                }
            }
        }
    }

    /** One pair at a time (small K, and the definition the blocked kernel is tested against). */
    void addPathOnePairAtATime(double[] x, int offset) {
        paths++;
        for (int k = 0; k < classes; k++) {
            for (int l = k + 1; l < classes; l++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += (means[k * dim + j] - means[l * dim + j]) * (x[offset + k * dim + j] - x[offset + l * dim + j]);
                }
                if (s > 0) {
                    separated[k * classes + l]++;
                }
            }
        }
    }

    /** The separated-pair count of k &lt; l (tests). */
    long separatedCount(int k, int l) {
        return separated[k * classes + l];
    }

    /** Adds one path stored from index 0. */
    public void addPath(double[] x) {
        addPath(x, 0);
    }

    /** Adds {@code other}'s counts (same shape and means); returns this. */
    public PairSeparation merge(PairSeparation other) {
        if (other.classes != classes || other.dim != dim || !Arrays.equals(other.means, means)) {
            throw new IllegalArgumentException("can only merge PairSeparation built on the same means");
        }
        paths += other.paths;
        for (int i = 0; i < separated.length; i++) {
            separated[i] += other.separated[i];
        }
        return this;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeLong(paths);
        ChunkState.write(out, separated);
    }

    void readState(DataInput in) throws IOException {
        paths = in.readLong();
        ChunkState.read(in, separated);
    }

    public void reset() {
        paths = 0;
        Arrays.fill(separated, 0);
    }

    public long paths() {
        return paths;
    }

    /** Fraction of paths separating k and k2 (symmetric); NaN without paths or for k = k2. */
    public double fraction(int k, int k2) {
        if (k == k2 || paths == 0) {
            return Double.NaN;
        }
        int a = Math.min(k, k2);
        int b = Math.max(k, k2);
        return (double) separated[a * classes + b] / paths;
    }

    /** K x K fractions, flat {@code [k*K + k2]}, NaN on the diagonal. */
    public double[] fractions() {
        double[] f = new double[classes * classes];
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                f[k * classes + l] = fraction(k, l);
            }
        }
        return f;
    }

    /** Minimum over pairs k &lt; k' of the separated fraction (the {@code sep_prob_min} column). */
    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            for (int l = k + 1; l < classes; l++) {
                m = Math.min(m, fraction(k, l));
            }
        }
        return paths == 0 ? Double.NaN : m;
    }

    /** Mean over pairs k &lt; k' of the separated fraction (the {@code sep_prob_mean} column). */
    public double mean() {
        if (paths == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int k = 0; k < classes; k++) {
            for (int l = k + 1; l < classes; l++) {
                s += fraction(k, l);
            }
        }
        return s / (classes * (classes - 1) / 2.0);
    }
}
