package org.lesde.report;

import org.lesde.model.LeModel;
import org.lesde.monitor.EnsembleMonitor;
import org.lesde.monitor.NcMetrics;
import org.lesde.sim.RunTimings;
import org.lesde.sim.Simulation;
import org.lesde.sweep.CellResult;
import org.lesde.sweep.SweepRunner;

/** Evaluates a sweep cell: one monitored simulation, summarised at the final time. */
public final class SweepEvaluator implements SweepRunner.CellEvaluator {
    private RunTimings timings = RunTimings.ZERO;

    /** The phases of every cell evaluated so far, summed (docs/outputs.md#timings). */
    public RunTimings timings() {
        return timings;
    }

    @Override
    public CellResult evaluate(LeModel model, double threshold) {
        Simulation.Result r = Simulation.run(model, Monitoring.config());
        timings = timings.plus(r.timings());
        EnsembleMonitor mon = Monitoring.sde(r);
        int last = mon.rows() - 1;
        double tSep = Double.NaN;
        for (int i = 0; i < mon.rows(); i++) {
            if (mon.separation(i).min() >= threshold) {
                tSep = r.outputTimes()[i];
                break;
            }
        }
        NcMetrics m = mon.metrics(last);
        return new CellResult(mon.separation(last).min(), mon.separation(last).mean(), m.nc2EtfDistance(), m.nc1(), tSep);
    }
}
