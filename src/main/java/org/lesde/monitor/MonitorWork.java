package org.lesde.monitor;

/**
 * Work buffers of the row kernels of the monitor ({@link PairSeparation}, {@link FixedMeanPass})
 * for K classes and p coordinates: one path transposed into p rows of K, and the partial sums of
 * the K samples of a path. One instance per chunk (an {@link EnsembleMonitor} copy shares its
 * instance between all its output rows), so the buffers cost about 4·K·p doubles once, not per
 * output row. Not thread-safe.
 *
 * <p>The kernels run over the coordinates j in tiles of {@link #TILE}: the tile's rows of the
 * transposed means (or projector) stay in L1 while every sample (or first class) of the path
 * goes over them, instead of streaming all p rows from L2 once per sample. Every partial sum
 * still adds its terms in the order of j.
 *
 * <p>Why rows of separate arrays: HotSpot's C2 (JDK 17) vectorises a loop such as
 * {@code s[l] += (a − m[l])·(b − x[l])} only when every array in it is indexed by the loop
 * variable itself; with {@code m[base + l]} into a flat array it cannot rule out that the store
 * into {@code s} overlaps the loads at an unknown distance and keeps the loop scalar.
 */
final class MonitorWork {
    /** Coordinates per tile (8 rows of K = 100 doubles, two arrays: 12.8 KB). */
    static final int TILE = 8;

    final int classes;
    final int dim;
    /** One path transposed, {@code xT[j][k] = x[k*p + j]}. */
    final double[][] xT;
    /** Partial sums of the K samples of a path over classes (pair sums, squared distances): K rows of K. */
    final double[][] sums;
    /** The K centred samples h_c − μ_c of a path: K rows of p. */
    final double[][] centred;
    /** The NC1 projections of the K samples of a path: K rows of K − 1. */
    final double[][] proj;

    MonitorWork(int classes, int dim) {
        this.classes = classes;
        this.dim = dim;
        this.xT = new double[dim][classes];
        this.sums = new double[classes][classes];
        this.centred = new double[classes][dim];
        this.proj = new double[classes][Math.max(classes - 1, 1)];
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
        return 8 * (k * p + k * k + k * p + k * (k - 1)) + (p + 3 * k + 5) * 24;
    }
}
