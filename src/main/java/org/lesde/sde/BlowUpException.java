package org.lesde.sde;

import org.lesde.RunFailedException;

/** The state became NaN or infinite: names the time and the component. */
public final class BlowUpException extends RunFailedException {
    private static final long serialVersionUID = 1L;
    private final double time;
    private final int component;
    private final double value;

    public BlowUpException(double time, int component, double value) {
        super("state became " + value + " at t = " + time + " (component " + component
                + "); the step is too large for the dynamics: reduce dt (or alpha, beta, sigma)");
        this.time = time;
        this.component = component;
        this.value = value;
    }

    /** The offending value (NaN or ±Infinity). */
    public double value() {
        return value;
    }

    public double time() {
        return time;
    }

    public int component() {
        return component;
    }

    /**
     * Throws if any entry of x is NaN or infinite. Cheap enough to run after every step: the sum
     * of the entries is finite whenever every entry is (a NaN or an infinity makes it NaN or
     * infinite), so one addition per entry, in eight independent chains (no loop-carried latency
     * bottleneck), decides; only a non-finite sum, which may also come from finite entries whose
     * sum overflows, triggers the scan that finds the culprit.
     */
    public static void check(double[] x, double t) {
        if (!finite(x)) {
            for (int j = 0; j < x.length; j++) {
                if (!Double.isFinite(x[j])) {
                    throw new BlowUpException(t, j, x[j]);
                }
            }
        }
    }

    /**
     * True when every entry of x is finite: the eight-chain sum of {@link #check}, and the scan
     * only when the sum is not finite (finite entries whose sum overflows).
     */
    public static boolean finite(double[] x) {
        return finite(x, 0, x.length);
    }

    /** {@link #finite(double[])} of the entries {@code from .. to-1} (true iff every one is finite). */
    public static boolean finite(double[] x, int from, int to) {
        final int n = to;
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double a4 = 0;
        double a5 = 0;
        double a6 = 0;
        double a7 = 0;
        int i = from;
        for (; i + 7 < n; i += 8) {
            a0 += x[i];
            a1 += x[i + 1];
            a2 += x[i + 2];
            a3 += x[i + 3];
            a4 += x[i + 4];
            a5 += x[i + 5];
            a6 += x[i + 6];
            a7 += x[i + 7];
        }
        for (; i < n; i++) {
            a0 += x[i];
        }
        double acc = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
        if (Double.isFinite(acc)) {
            return true;
        }
        for (int j = from; j < n; j++) {
            if (!Double.isFinite(x[j])) {
                return false;
            }
        }
        return true;
    }
}
