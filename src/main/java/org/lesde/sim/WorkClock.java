package org.lesde.sim;

import java.util.concurrent.atomic.LongAdder;

/**
 * The time worker threads spend on an ensemble, and the part of it spent observing the paths at the
 * output rows (the monitors: moments, quantiles, sample paths, neural-collapse metrics), summed
 * over threads (docs/outputs.md#timings). Workers time their chunks, and one observation in
 * {@link #SAMPLE} (so the clock costs two {@code System.nanoTime} calls per {@value #SAMPLE}
 * observations); the ensemble's wall time is split between dynamics and monitor in the proportion
 * {@link #observeFraction()}. Thread-safe.
 */
public final class WorkClock {
    /** One observation in this many is timed. */
    public static final int SAMPLE = 16;

    private final LongAdder work = new LongAdder();
    private final LongAdder observe = new LongAdder();

    /** Adds worker time (nanoseconds) and the estimated part of it spent observing. */
    public void add(long workNanos, long observeNanos) {
        work.add(workNanos);
        observe.add(observeNanos);
    }

    /** The share of the worker time spent observing, in [0, 1] (0 before any work). */
    public double observeFraction() {
        long w = work.sum();
        return w > 0 ? Math.max(0, Math.min(1, observe.sum() / (double) w)) : 0;
    }
}
