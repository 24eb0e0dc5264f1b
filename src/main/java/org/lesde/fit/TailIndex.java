package org.lesde.fit;

import org.lesde.BadInputException;

/**
 * Tail index of a series (the official {@code estimate_tail_idx}, docs/theory.md#7-fitting-a-training-log): over the last
 * {@code tail} entries x(t), t = n−tail..n−1, flip the sign of the whole series if strictly more
 * than half of those entries are negative, then
 * r̂ = 1 − nanmean_t [ ln x(t) / ln(t+1) ] with the 1-based position t+1 in the denominator.
 * Entries that are negative (after the flip) or NaN give NaN and are ignored; an entry exactly 0
 * gives −∞ and is not ignored (r̂ = +∞). For x(t) = (t+1)^γ, r̂ = 1 − γ; r̂ < 1 means ∫α diverges.
 * The mean uses numpy's pairwise summation.
 */
public final class TailIndex {
    private TailIndex() {
    }

    /**
     * @param r        the tail index r̂ (NaN if every tail entry was ignored)
     * @param flipped  whether the series was negated first
     * @param ignored  tail entries ignored as negative (after the flip) or NaN
     * @param zeros    tail entries exactly 0 (each makes r̂ infinite)
     * @param tail     the number of tail entries used
     */
    public record Result(double r, boolean flipped, int ignored, int zeros, int tail) {
    }

    public static Result estimate(double[] x, int tail) {
        int n = x.length;
        if (tail < 1 || tail > n) {
            throw new BadInputException("tail must be in 1.." + n + " (series length), got " + tail);
        }
        int from = n - tail;
        int negative = 0;
        for (int t = from; t < n; t++) {
            if (x[t] < 0) {
                negative++;
            }
        }
        boolean flip = negative > tail / 2.0;
        double[] ratio = new double[tail];
        int ignored = 0;
        int zeros = 0;
        for (int t = from; t < n; t++) {
            double v = flip ? -x[t] : x[t];
            double q = Math.log(v) / Math.log(t + 1);
            if (Double.isNaN(q)) {
                ignored++;
            }
            if (v == 0) {
                zeros++;
            }
            ratio[t - from] = q;
        }
        double mean = Sums.nanmean(ratio, 0, tail, new double[tail]);
        return new Result(1 - mean, flip, ignored, zeros, tail);
    }
}
