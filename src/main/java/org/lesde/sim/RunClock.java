package org.lesde.sim;

/**
 * Measures the phases of a run as consecutive laps of the wall clock (docs/outputs.md#timings):
 * each {@link #lap} gives the time since the previous lap (or the start) to one phase, so the
 * phases add up to the time since the start. One clock per run, used from one thread.
 */
public final class RunClock {
    /** The phases of a run, in the order of {@link RunTimings}. */
    public enum Phase { ODE, DYNAMICS, MONITOR, WRITE, PLOT }

    private final long start;
    private long mark;
    private final long[] nanos = new long[Phase.values().length];

    private RunClock() {
        start = System.nanoTime();
        mark = start;
    }

    /** A clock started now. */
    public static RunClock start() {
        return new RunClock();
    }

    /** Gives the time since the previous lap to {@code phase}. */
    public void lap(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - mark;
        mark = now;
    }

    /**
     * Gives the time since the previous lap to {@code a} and {@code b}, a fraction {@code fractionB}
     * (clamped to [0, 1]) of it to {@code b}.
     */
    public void lapSplit(Phase a, Phase b, double fractionB) {
        long now = System.nanoTime();
        long d = now - mark;
        double f = Double.isFinite(fractionB) ? Math.max(0, Math.min(1, fractionB)) : 0;
        long toB = Math.round(d * f);
        nanos[b.ordinal()] += toB;
        nanos[a.ordinal()] += d - toB;
        mark = now;
    }

    /**
     * Gives the time since the previous lap to the phases of an inner run measured within it
     * ({@code inner}'s dynamics, monitor, write and plot seconds, as far as the lap holds them) and
     * the rest of the lap to {@link Phase#ODE} (the inner run's LE-ODE and set-up, and what lies
     * around it: reading the input, validation).
     */
    public void lapRun(RunTimings inner) {
        long now = System.nanoTime();
        long left = now - mark;
        double[] parts = {inner.dynamics(), inner.monitor(), inner.write(), inner.plot()};
        Phase[] phases = {Phase.DYNAMICS, Phase.MONITOR, Phase.WRITE, Phase.PLOT};
        for (int i = 0; i < parts.length; i++) {
            long d = Math.min(left, Math.max(0, Math.round(parts[i] * 1e9)));
            nanos[phases[i].ordinal()] += d;
            left -= d;
        }
        nanos[Phase.ODE.ordinal()] += left;
        mark = now;
    }

    /** The phases so far; total is the time from the start to the last lap. */
    public RunTimings timings() {
        return new RunTimings(s(Phase.ODE), s(Phase.DYNAMICS), s(Phase.MONITOR), s(Phase.WRITE), s(Phase.PLOT),
                (mark - start) / 1e9);
    }

    private double s(Phase p) {
        return nanos[p.ordinal()] / 1e9;
    }
}
