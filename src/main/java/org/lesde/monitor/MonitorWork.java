package org.lesde.monitor;

/**
 * Work buffers of the blocked monitor kernels ({@link PairSeparation}, {@link FixedMeanPass}) for
 * K classes and p coordinates: one path transposed and the {@link #BLOCK} rows of partial sums
 * the kernels advance together. One instance per chunk (an {@link EnsembleMonitor} copy shares
 * its instance between all its output rows), so the buffers cost K·p doubles once, not per row.
 * Not thread-safe.
 */
final class MonitorWork {
    /** Samples (classes of a path, or first classes of a pair) advanced together by the kernels. */
    static final int BLOCK = 4;

    final int classes;
    final int dim;
    /** One path transposed, {@code [j*K + k]}. */
    final double[] xT;
    /** BLOCK rows of partial sums over classes (pair sums, squared distances): length K each. */
    final double[][] sums;
    /** BLOCK centred samples h − μ_label: length p each. */
    final double[][] centred;
    /** BLOCK rows of NC1 projections: length K − 1 each. */
    final double[][] proj;

    MonitorWork(int classes, int dim) {
        this.classes = classes;
        this.dim = dim;
        this.xT = new double[classes * dim];
        this.sums = new double[BLOCK][classes];
        this.centred = new double[BLOCK][dim];
        this.proj = new double[BLOCK][Math.max(classes - 1, 1)];
    }

    boolean fits(int k, int p) {
        return k == classes && p == dim;
    }

    /** The bytes one instance holds. */
    static double bytes(int classes, int dim) {
        double k = classes;
        double p = dim;
        return 8 * (k * p + BLOCK * (k + p + k)) + 6 * 64;
    }
}
