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

    /** Throws if any entry of x is NaN or infinite. */
    public static void check(double[] x, double t) {
        double acc = 0;
        for (double v : x) {
            acc += v * 0; // NaN iff some v is NaN or ±Inf
        }
        if (acc != 0 || Double.isNaN(acc)) {
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new BlowUpException(t, i, x[i]);
                }
            }
        }
    }
}
