package org.lesde.check;

import org.lesde.sim.ChunkAccumulator;
import org.lesde.sim.MemoryEstimate;
import org.lesde.sim.Summaries;

/**
 * Count, mean and central moment sums of order 2, 3 and 4 of every coordinate at every output row
 * (Terriberry's one-pass update, Pébay's pairwise merge in chunk order, so results do not depend
 * on threads). The variance z-test of a non-Gaussian ensemble needs the fourth moment
 * (docs/theory.md#37-weak-references-for-proportional-noise).
 */
final class FourthMoments implements ChunkAccumulator {
    private final int n;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private final double[] m3;
    private final double[] m4;

    static Summaries.Summary<FourthMoments> summary(int rows, int n) {
        double bytes = (double) rows * n * 4 * MemoryEstimate.DOUBLE + rows * 8.0 + 64;
        return new Summaries.Summary<>("fourth moments", FourthMoments.class, () -> new FourthMoments(rows, n), bytes);
    }

    FourthMoments(int rows, int n) {
        this.n = n;
        this.count = new long[rows];
        this.mean = new double[rows * n];
        this.m2 = new double[rows * n];
        this.m3 = new double[rows * n];
        this.m4 = new double[rows * n];
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        long n1 = count[row];
        long c = ++count[row];
        int o = row * n;
        for (int i = 0; i < n; i++) {
            int k = o + i;
            double delta = x[i] - mean[k];
            double dn = delta / c;
            double dn2 = dn * dn;
            double term1 = delta * dn * n1;
            mean[k] += dn;
            m4[k] += term1 * dn2 * ((double) c * c - 3.0 * c + 3) + 6 * dn2 * m2[k] - 4 * dn * m3[k];
            m3[k] += term1 * dn * (c - 2) - 3 * dn * m2[k];
            m2[k] += term1;
        }
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        FourthMoments b = (FourthMoments) later;
        for (int r = 0; r < count.length; r++) {
            double na = count[r];
            double nb = b.count[r];
            if (nb == 0) {
                continue;
            }
            double nn = na + nb;
            int o = r * n;
            for (int i = 0; i < n; i++) {
                int k = o + i;
                double d = b.mean[k] - mean[k];
                double d2 = d * d;
                double a2 = m2[k];
                double a3 = m3[k];
                m4[k] += b.m4[k] + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (nn * nn * nn)
                        + 6 * d2 * (na * na * b.m2[k] + nb * nb * a2) / (nn * nn) + 4 * d * (na * b.m3[k] - nb * a3) / nn;
                m3[k] += b.m3[k] + d2 * d * na * nb * (na - nb) / (nn * nn) + 3 * d * (na * b.m2[k] - nb * a2) / nn;
                m2[k] += b.m2[k] + d2 * na * nb / nn;
                mean[k] += d * nb / nn;
            }
            count[r] += b.count[r];
        }
    }

    /** The central fourth moment (1/N)·Σ(x − mean)⁴. */
    double fourth(int row, int i) {
        return m4[row * n + i] / count[row];
    }
}
