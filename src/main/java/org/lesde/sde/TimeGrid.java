package org.lesde.sde;

import org.lesde.Require;

/**
 * A uniform integration grid t_n = horizon·n/steps (n = 0..steps) with output rows at steps
 * round(i·steps/outputs), i = 0..outputs (so t = 0 and t = horizon are always output).
 */
public final class TimeGrid {
    private final double horizon;
    private final int steps;
    private final int[] outputSteps;

    private TimeGrid(double horizon, int steps, int outputs) {
        this.horizon = horizon;
        this.steps = steps;
        int rows = Math.min(outputs, steps) + 1;
        this.outputSteps = new int[rows];
        for (int i = 0; i < rows; i++) {
            outputSteps[i] = (int) Math.round((double) i * steps / (rows - 1));
        }
    }

    /**
     * The grid for a horizon and step; the horizon must be a whole number of steps (to 1e-9
     * relative) so no step is silently shortened.
     */
    public static TimeGrid of(double horizon, double dt, int outputs) {
        Require.positive("time.horizon", horizon);
        Require.positive("time.dt", dt);
        Require.atLeast("time.outputs", outputs, 1);
        Require.that(dt <= horizon, "time.dt must be <= time.horizon (" + horizon + "), got " + dt);
        double ratio = horizon / dt;
        long n = Math.round(ratio);
        Require.that(Math.abs(ratio - n) <= 1e-9 * ratio,
                "time.horizon (" + horizon + ") must be a whole number of steps time.dt (" + dt + "), got " + ratio + " steps");
        Require.that(n <= Integer.MAX_VALUE, "time.horizon/time.dt is too many steps: " + n);
        return new TimeGrid(horizon, (int) n, outputs);
    }

    /** A grid with a given number of steps. */
    public static TimeGrid ofSteps(double horizon, int steps, int outputs) {
        return new TimeGrid(horizon, steps, outputs);
    }

    public double horizon() {
        return horizon;
    }

    public int steps() {
        return steps;
    }

    public double dt() {
        return horizon / steps;
    }

    /** Time of step n. */
    public double time(int n) {
        return n == steps ? horizon : horizon * n / steps;
    }

    /** Number of output rows (including t = 0). */
    public int outputs() {
        return outputSteps.length;
    }

    /** Step index of output row i. */
    public int outputStep(int i) {
        return outputSteps[i];
    }

    /** Time of output row i. */
    public double outputTime(int i) {
        return time(outputSteps[i]);
    }

    /** All output times. */
    public double[] outputTimes() {
        double[] t = new double[outputSteps.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = outputTime(i);
        }
        return t;
    }
}
