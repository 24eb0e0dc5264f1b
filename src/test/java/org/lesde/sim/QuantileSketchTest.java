package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.lesde.random.Streams;

/** The quantile sketch (docs/theory.md#311-quantile-sketch): its rank-error guarantee and determinism. */
class QuantileSketchTest {
    static final double[] LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};

    /** A Gaussian ensemble fed in chunks of 32 and merged in chunk order, as the runner does. */
    static QuantileSketch gaussian(int n, double mu, double sd, long seed, double[] all) {
        ZigguratSampler.NormalizedGaussian g = Streams.normal(Streams.of(seed).stream(0));
        QuantileSketch merged = null;
        for (int c = 0; c < n; c += 32) {
            QuantileSketch chunk = new QuantileSketch(QuantileSketch.DEFAULT_K);
            for (int i = c; i < Math.min(n, c + 32); i++) {
                all[i] = mu + sd * g.sample();
                chunk.update(all[i]);
            }
            if (merged == null) {
                merged = chunk;
            } else {
                merged.merge(chunk);
            }
        }
        return merged;
    }

    @Test
    void gaussianQuantilesWithinTheRankErrorOfMeanPlusZSd() {
        int n = 50000;
        double mu = 3;
        double sd = 2;
        double[] all = new double[n];
        QuantileSketch s = gaussian(n, mu, sd, 11, all);
        double eps = s.rankErrorBound();
        assertTrue(eps > 0 && eps < 0.03, "rank error bound " + eps);
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        double[] work = new double[s.retained()];
        long[] w = new long[s.retained()];
        NormalDistribution z = new NormalDistribution();
        for (double q : LEVELS) {
            double x = s.quantile(q, work, w);
            // the guarantee, on the sample itself: the empirical rank of x is within eps of q
            double rank = (double) upperRank(sorted, x) / n;
            assertEquals(q, rank, eps + 1.0 / n, "empirical rank at level " + q);
            // against the law: Φ((x − μ)/sd) within eps plus 4 standard errors of a sample quantile
            double se = Math.sqrt(q * (1 - q) / n);
            assertEquals(q, z.cumulativeProbability((x - mu) / sd), eps + 4 * se, "level " + q + ": " + x
                    + " vs mean + z·sd = " + (mu + sd * z.inverseCumulativeProbability(q)));
        }
    }

    @Test
    void exactBelowTheCapacity() {
        int n = 400;
        double[] all = new double[n];
        QuantileSketch s = gaussian(n, 0, 1, 12, all);
        assertEquals(0.0, s.rankErrorBound());
        Arrays.sort(all);
        double[] work = new double[n];
        long[] w = new long[n];
        for (double q : LEVELS) {
            assertEquals(all[(int) Math.ceil(q * n) - 1], s.quantile(q, work, w), 0.0, "level " + q);
        }
    }

    @Test
    void sameInputsAndMergeOrderSameBits() {
        double[] a = new double[20000];
        QuantileSketch s1 = gaussian(a.length, 0, 1, 13, a);
        QuantileSketch s2 = gaussian(a.length, 0, 1, 13, a);
        double[] work = new double[s1.retained()];
        long[] w = new long[s1.retained()];
        for (double q : LEVELS) {
            assertEquals(Double.doubleToLongBits(s1.quantile(q, work, w)), Double.doubleToLongBits(s2.quantile(q, work, w)));
        }
        assertTrue(s1.retained() <= QuantileSketch.maxRetained(a.length, QuantileSketch.DEFAULT_K), "" + s1.retained());
    }

    /** The number of values ≤ x. */
    static int upperRank(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Exact regime (no compaction): every level at once equals the order statistic of the sorted data, ties and −0.0 included. */
    @Test
    void allLevelsAtOnceEqualTheOrderStatisticsWhileExact() {
        double[] data = {3, -0.0, 0.0, 1, 1, 1, -2, 7.5, 3, 0.25, -2, 9};
        QuantileSketch s = new QuantileSketch(QuantileSketch.DEFAULT_K);
        for (double x : data) {
            s.update(x);
        }
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        double[] qs = {0, 0.05, 0.25, 0.5, 0.75, 0.95, 1};
        double[] out = new double[qs.length + 2];
        double[] work = new double[s.retained()];
        long[] w = new long[s.retained()];
        s.quantiles(qs, out, 2, work, w);
        for (int j = 0; j < qs.length; j++) {
            int idx = Math.max(0, (int) Math.ceil(qs[j] * data.length) - 1);
            assertEquals(Double.doubleToLongBits(sorted[idx]), Double.doubleToLongBits(out[2 + j]), "level " + qs[j]);
            assertEquals(Double.doubleToLongBits(out[2 + j]), Double.doubleToLongBits(s.quantile(qs[j], work, w)));
        }
    }

    /** Asking for quantiles leaves the sketch as it was: later merges give what they give without the query. */
    @Test
    void aQueryDoesNotChangeTheSketch() {
        double[] all = new double[20000];
        QuantileSketch a = gaussian(20000, 0, 1, 5, all);
        QuantileSketch b = gaussian(20000, 0, 1, 5, all);
        double[] work = new double[4 * a.retained() + 64];
        long[] w = new long[work.length];
        double[] before = new double[LEVELS.length];
        a.quantiles(LEVELS, before, 0, work, w);
        QuantileSketch more = gaussian(5000, 1, 1, 6, new double[5000]);
        a.merge(more);
        b.merge(gaussian(5000, 1, 1, 6, new double[5000]));
        double[] qa = new double[LEVELS.length];
        double[] qb = new double[LEVELS.length];
        a.quantiles(LEVELS, qa, 0, work, w);
        b.quantiles(LEVELS, qb, 0, work, w);
        assertTrue(Arrays.equals(qa, qb), Arrays.toString(qa) + " vs " + Arrays.toString(qb));
    }
}
