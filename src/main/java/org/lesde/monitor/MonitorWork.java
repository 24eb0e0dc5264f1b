package org.lesde.monitor;

/**
 * Work buffers of the row kernels of the monitor ({@link PairSeparation}, {@link FixedMeanPass})
 * for K classes and p coordinates: one path transposed into p rows of K, and one row of partial
 * sums. One instance per chunk (an {@link EnsembleMonitor} copy shares its instance between all
 * its output rows), so the buffers cost K·p doubles once, not per output row. Not thread-safe.
 *
 * <p>Why rows of separate arrays: HotSpot's C2 (JDK 17) vectorises a loop such as
 * {@code s[l] += (a − m[l])·(b − x[l])} only when every array in it is indexed by the loop
 * variable itself; with {@code m[base + l]} into a flat array it cannot rule out that the store
 * into {@code s} overlaps the loads at an unknown distance and keeps the loop scalar.
 */
final class MonitorWork {
    final int classes;
    final int dim;
    /** One path transposed, {@code xT[j][k] = x[k*p + j]}. */
    final double[][] xT;
    /** Partial sums over classes (pair sums, squared distances): length K. */
    final double[] sums;
    /** A centred sample h − μ_label: length p. */
    final double[] centred;
    /** NC1 projections of one sample: length K − 1. */
    final double[] proj;

    MonitorWork(int classes, int dim) {
        this.classes = classes;
        this.dim = dim;
        this.xT = new double[dim][classes];
        this.sums = new double[classes];
        this.centred = new double[dim];
        this.proj = new double[Math.max(classes - 1, 1)];
    }

    /** {@code [k*p + j]} (rows × p) to p rows of {@code rows}: {@code t[j][k]}. */
    static double[][] transposeRows(double[] a, int rows, int dim) {
        double[][] t = new double[dim][rows];
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < dim; j++) {
                t[j][k] = a[k * dim + j];
            }
        }
        return t;
    }

    boolean fits(int k, int p) {
        return k == classes && p == dim;
    }

    /** The bytes one instance holds. */
    static double bytes(int classes, int dim) {
        double k = classes;
        double p = dim;
        return 8 * (k * p + k + p + k) + (p + 5) * 24;
    }
}
