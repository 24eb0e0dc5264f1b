package org.lesde.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall seconds of the phases of a run (docs/outputs.md#timings): the LE-ODE reference and set-up,
 * the dynamics (path stepping), the monitors (the statistics observed at the output rows), writing
 * the files and drawing the figures. The phases are consecutive laps of one {@link RunClock}, so
 * they add up to {@code total} (up to the rounding of nanoseconds to seconds).
 */
public record RunTimings(double ode, double dynamics, double monitor, double write, double plot, double total) {
    /** No time at all (a run that measured nothing). */
    public static final RunTimings ZERO = new RunTimings(0, 0, 0, 0, 0, 0);

    /** The phase-by-phase sum of two runs (e.g. the cells of a sweep). */
    public RunTimings plus(RunTimings o) {
        return new RunTimings(ode + o.ode, dynamics + o.dynamics, monitor + o.monitor, write + o.write, plot + o.plot,
                total + o.total);
    }

    /** The {@code timings} object of summary.json, fit.json and sweep.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ode_seconds", ode);
        m.put("dynamics_seconds", dynamics);
        m.put("monitor_seconds", monitor);
        m.put("write_seconds", write);
        m.put("plot_seconds", plot);
        m.put("total_seconds", total);
        return m;
    }

    /** "8.12 s (ode 0.3, dynamics 1.9, monitor 0.4, write 0.2, plots 5.3)": the console line's account. */
    public String console() {
        return String.format(Locale.ROOT, "%.2f s (ode %.2f, dynamics %.2f, monitor %.2f, write %.2f, plots %.2f)", total, ode,
                dynamics, monitor, write, plot);
    }
}
