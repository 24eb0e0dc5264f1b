package org.lesde.plot;

import java.util.Arrays;

/**
 * Decimation of a series to what a figure can show: with x increasing, the points are put in
 * {@code buckets} equal slices of the x range (on a log scale for a logarithmic axis) and each
 * slice keeps the points of its smallest and largest y, in their order, so that every local
 * envelope (min and max) the figure can resolve is kept, as are the first and last points and
 * the points next to a gap (a NaN). Series not increasing in x (a trajectory in a plane) keep
 * the points that move at least a fraction of a pixel from the last one kept. Package-private.
 */
final class Decimate {
    private Decimate() {
    }

    /** The indices to keep (increasing) of the series (x, y), for a plot about {@code buckets} pixels wide. */
    static int[] minMax(double[] x, double[] y, int buckets, boolean logX) {
        int n = x.length;
        if (n <= 2L * buckets + 2) {
            return identity(n);
        }
        boolean increasing = true;
        double lo = Double.NaN;
        double hi = Double.NaN;
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = tx(x[i], logX);
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < prev) {
                increasing = false;
            }
            prev = v;
            lo = Double.isNaN(lo) ? v : Math.min(lo, v);
            hi = Double.isNaN(hi) ? v : Math.max(hi, v);
        }
        if (!increasing || !(hi > lo)) {
            return identity(n);
        }
        int[] keep = new int[2 * n + 2];
        int m = 0;
        int bucket = -1;
        int minI = -1;
        int maxI = -1;
        int lastValid = -1;
        boolean wasGap = true;
        for (int i = 0; i < n; i++) {
            double v = tx(x[i], logX);
            if (Double.isNaN(v) || !Double.isFinite(y[i])) {
                m = flush(keep, m, minI, maxI);
                minI = -1;
                maxI = -1;
                if (lastValid >= 0) {
                    keep[m++] = lastValid; // last point before the gap
                }
                keep[m++] = i; // the gap stays a gap
                wasGap = true;
                continue;
            }
            int b = (int) Math.min(buckets - 1, Math.floor((v - lo) / (hi - lo) * buckets));
            if (wasGap) {
                keep[m++] = i; // first point of a run
            }
            if (wasGap || b != bucket) {
                m = flush(keep, m, minI, maxI);
                bucket = b;
                minI = i;
                maxI = i;
            } else {
                if (y[i] < y[minI]) {
                    minI = i;
                }
                if (y[i] > y[maxI]) {
                    maxI = i;
                }
            }
            wasGap = false;
            lastValid = i;
        }
        m = flush(keep, m, minI, maxI);
        if (keep[m - 1] != n - 1) {
            keep[m++] = n - 1;
        }
        int[] out = Arrays.copyOf(keep, m);
        Arrays.sort(out);
        return dedupe(out);
    }

    /** A band (lo, hi over x): each slice keeps the points of the smallest lo and of the largest hi. */
    static int[] band(double[] x, double[] lo, double[] hi, int buckets, boolean logX) {
        int[] a = minMax(x, lo, buckets, logX);
        int[] b = minMax(x, hi, buckets, logX);
        int[] all = new int[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        return dedupe(all);
    }

    static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static int flush(int[] keep, int m, int minI, int maxI) {
        if (minI < 0) {
            return m;
        }
        if (minI == maxI) {
            keep[m++] = minI;
        } else if (minI < maxI) {
            keep[m++] = minI;
            keep[m++] = maxI;
        } else {
            keep[m++] = maxI;
            keep[m++] = minI;
        }
        return m;
    }

    private static double tx(double v, boolean log) {
        if (!Double.isFinite(v) || (log && !(v > 0))) {
            return Double.NaN;
        }
        return log ? Math.log10(v) : v;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] dedupe(int[] sorted) {
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (m == 0 || sorted[m - 1] != sorted[i]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }
}
