package org.lesde.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Per output row and coordinate: count, mean and sum of squared deviations (Welford within a
 * chunk, Chan et al.'s pairwise update between chunks), giving the ensemble mean and the
 * standard deviation (ddof = 0).
 */
public final class Moments implements ChunkState {
    private final int rows;
    private final int n;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;

    /** The summary of a run: one copy per chunk, with the bytes it holds. */
    public static Summaries.Summary<Moments> summary(int rows, int n) {
        return new Summaries.Summary<>("moments", Moments.class, () -> new Moments(rows, n), bytes(rows, n));
    }

    /** The bytes one copy holds (count, mean and m2 arrays). */
    public static double bytes(double rows, double n) {
        return rows * (2 * n * MemoryEstimate.DOUBLE + 8) + 3 * MemoryEstimate.ARRAY;
    }

    public Moments(int rows, int n) {
        this.rows = rows;
        this.n = n;
        this.count = new long[rows];
        this.mean = new double[rows * n];
        this.m2 = new double[rows * n];
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        long c = ++count[row];
        int o = row * n;
        // one division per row, not per component (d·(1/c) may differ from d/c in the last bit:
        // still a deterministic function of the observations)
        final double inv = 1.0 / c;
        final double[] mu = mean;
        final double[] s2 = m2;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mu[o + i];
            double m = mu[o + i] + d * inv;
            mu[o + i] = m;
            s2[o + i] += d * (x[i] - m);
        }
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        Moments b = (Moments) later;
        for (int r = 0; r < rows; r++) {
            long na = count[r];
            long nb = b.count[r];
            if (nb == 0) {
                continue;
            }
            long nn = na + nb;
            int o = r * n;
            for (int i = 0; i < n; i++) {
                double d = b.mean[o + i] - mean[o + i];
                mean[o + i] += d * nb / nn;
                m2[o + i] += b.m2[o + i] + d * d * ((double) na * nb / nn);
            }
            count[r] = nn;
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        ChunkState.write(out, count);
        ChunkState.write(out, mean);
        ChunkState.write(out, m2);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        ChunkState.read(in, count);
        ChunkState.read(in, mean);
        ChunkState.read(in, m2);
    }

    public int rows() {
        return rows;
    }

    public long count(int row) {
        return count[row];
    }

    /** Ensemble mean of coordinate i at output row r. */
    public double mean(int r, int i) {
        return mean[r * n + i];
    }

    /** Ensemble standard deviation (population, ddof = 0). */
    public double sd(int r, int i) {
        long c = count[r];
        return c == 0 ? Double.NaN : Math.sqrt(m2[r * n + i] / c);
    }

    /** Ensemble variance (population, ddof = 0). */
    public double variance(int r, int i) {
        long c = count[r];
        return c == 0 ? Double.NaN : m2[r * n + i] / c;
    }
}
