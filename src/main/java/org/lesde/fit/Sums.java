package org.lesde.fit;

/**
 * Summation orders that mirror the reference (numpy / pandas) implementations, so that results
 * agree with the official analysis to the last few bits rather than only to rounding level.
 */
final class Sums {
    /** numpy's block size for pairwise summation ({@code PW_BLOCKSIZE}). */
    private static final int BLOCK = 128;

    private Sums() {
    }

    /**
     * numpy's pairwise summation of {@code a[from .. from+n)} ({@code pairwise_sum_DOUBLE}):
     * plain loop below 8 elements, eight interleaved accumulators up to 128, recursive halving
     * (split rounded down to a multiple of 8) above. This is what {@code np.sum} / {@code np.mean}
     * use along a contiguous axis.
     */
    static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i;
            int stop = n - (n % 8);
            for (i = 8; i < stop; i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
        }
    }

    /**
     * {@code np.nanmean} of {@code a[from .. from+n)}: NaN entries are replaced by 0 for a
     * pairwise sum that is divided by the number of non-NaN entries (NaN if there are none).
     * Infinities are not ignored.
     */
    static double nanmean(double[] a, int from, int n, double[] scratch) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            double v = a[from + i];
            if (Double.isNaN(v)) {
                scratch[i] = 0.0;
            } else {
                scratch[i] = v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : pairwise(scratch, 0, n) / count;
    }
}
