package org.lesde.check;

import org.lesde.sim.ChunkAccumulator;
import org.lesde.sim.MemoryEstimate;
import org.lesde.sim.Summaries;

/**
 * Mean and co-moment matrix of the first {@code m} coordinates at selected output rows, merged
 * between chunks with Chan et al.'s pairwise update (so results do not depend on threads).
 */
final class CrossMoments implements ChunkAccumulator {
    private final int[] rows;
    private final int m;
    private final long[] count;
    private final double[][] mean;
    /** co-moments, [row slot][i*m + j] = Σ (x_i − mean_i)(x_j − mean_j). */
    private final double[][] c2;

    /** The summary of a run (one copy per chunk) with the bytes one copy holds. */
    static Summaries.Summary<CrossMoments> summary(int[] rows, int m) {
        double bytes = rows.length * ((double) m + (double) m * m) * MemoryEstimate.DOUBLE + 64.0 * rows.length;
        return new Summaries.Summary<>("cross moments", CrossMoments.class, () -> new CrossMoments(rows, m), bytes);
    }

    CrossMoments(int[] rows, int m) {
        this.rows = rows.clone();
        this.m = m;
        this.count = new long[rows.length];
        this.mean = new double[rows.length][m];
        this.c2 = new double[rows.length][m * m];
    }

    private int slot(int row) {
        for (int s = 0; s < rows.length; s++) {
            if (rows[s] == row) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        int s = slot(row);
        if (s < 0) {
            return;
        }
        long c = ++count[s];
        double[] mu = mean[s];
        double[] cc = c2[s];
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            d[i] = x[i] - mu[i];
            mu[i] += d[i] / c;
        }
        for (int i = 0; i < m; i++) {
            double di = x[i] - mu[i];
            for (int j = 0; j < m; j++) {
                cc[i * m + j] += d[j] * di;
            }
        }
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        CrossMoments b = (CrossMoments) later;
        for (int s = 0; s < rows.length; s++) {
            long na = count[s];
            long nb = b.count[s];
            if (nb == 0) {
                continue;
            }
            long nn = na + nb;
            double[] d = new double[m];
            for (int i = 0; i < m; i++) {
                d[i] = b.mean[s][i] - mean[s][i];
            }
            double f = (double) na * nb / nn;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    c2[s][i * m + j] += b.c2[s][i * m + j] + d[i] * d[j] * f;
                }
            }
            for (int i = 0; i < m; i++) {
                mean[s][i] += d[i] * nb / nn;
            }
            count[s] = nn;
        }
    }

    int[] rows() {
        return rows.clone();
    }

    int size() {
        return m;
    }

    long count(int slot) {
        return count[slot];
    }

    /** Unbiased sample covariance (ddof = 1). */
    double covariance(int slot, int i, int j) {
        return c2[slot][i * m + j] / (count[slot] - 1);
    }
}
