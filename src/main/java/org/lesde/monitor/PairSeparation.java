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
    private final long[] separated;
    private long paths;

    /** @param means class means {@code [k*p + j]} defining the directions (copied) */
    public PairSeparation(int classes, int dim, double[] means) {
        if (classes < 2 || dim < 1 || means.length != classes * dim) {
            throw new IllegalArgumentException("need K >= 2, p >= 1 and K*p means; got K=" + classes + ", p=" + dim + ", " + means.length + " means");
        }
        this.classes = classes;
        this.dim = dim;
        this.means = means.clone();
        this.separated = new long[classes * classes];
    }

    private PairSeparation(PairSeparation proto) {
        this.classes = proto.classes;
        this.dim = proto.dim;
        this.means = proto.means;
        this.separated = new long[classes * classes];
    }

    /** Empty counts sharing this one's (read-only) means, for another chunk. */
    public PairSeparation emptyCopy() {
        return new PairSeparation(this);
    }

    /** Adds one path {@code x[offset + k*p + j]}. */
    public void addPath(double[] x, int offset) {
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
