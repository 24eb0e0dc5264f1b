package org.lesde.monitor;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain reference implementations of the monitor's per-path kernels, written from the
 * definitions one pair, one row and one class at a time (the loops the blocked kernels of
 * {@link PairSeparation} and {@link FixedMeanPass} replace): the tests compare the blocked
 * kernels with these.
 */
final class MonitorReference {
    private MonitorReference() {
    }

    /** Adds to {@code counts[k*K + l]} (k &lt; l) whether (μ_k − μ_l)ᵀ(x_k − x_l) &gt; 0. */
    static void separatedPairs(double[] means, int k, int p, double[] x, long[] counts) {
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += (means[a * p + j] - means[b * p + j]) * (x[a * p + j] - x[b * p + j]);
                }
                if (s > 0) {
                    counts[a * k + b]++;
                }
            }
        }
    }

    /** The NC1 projector R = (M̃Q)^† of the means, K − 1 rows of p ({@code [c*p + j]}). */
    static double[] projector(double[] means, int k, int p) {
        DMatrixRMaj r = MeanGeometry.nc1Projector(MeanGeometry.centred(means, k, p), k, p);
        return r.data.clone();
    }

    /**
     * {@code total} plus, sample after sample, ||R (x_c − μ_c)||² of the K samples of a path
     * (sample c = x_c, class c), each summed over the rows in order.
     */
    static double addProjectedScatter(double total, double[] r, double[] means, int k, int p, double[] x) {
        double[] w = new double[p];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                w[j] = x[c * p + j] - means[c * p + j];
            }
            double s = 0;
            for (int row = 0; row < k - 1; row++) {
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += r[row * p + j] * w[j];
                }
                s += v * v;
            }
            total += s;
        }
        return total;
    }

    /** The samples of a path whose argmax (logits, p = K) differs from the nearest class mean. */
    static long mismatches(double[] means, int k, int p, double[] x) {
        long m = 0;
        for (int c = 0; c < k; c++) {
            int arg = 0;
            for (int j = 1; j < k; j++) {
                if (x[c * p + j] > x[c * p + arg]) {
                    arg = j;
                }
            }
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int q = 0; q < k; q++) {
                double d = 0;
                for (int j = 0; j < p; j++) {
                    double e = x[c * p + j] - means[q * p + j];
                    d += e * e;
                }
                if (d < bestD) {
                    bestD = d;
                    best = q;
                }
            }
            if (arg != best) {
                m++;
            }
        }
        return m;
    }
}
