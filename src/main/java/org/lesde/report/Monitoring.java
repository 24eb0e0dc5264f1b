package org.lesde.report;

import java.nio.file.Path;
import java.util.List;

import org.lesde.io.Csv;
import org.lesde.io.CsvRow;
import org.lesde.model.LeModel;
import org.lesde.monitor.EnsembleMonitor;
import org.lesde.monitor.MetricsRow;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;
import org.lesde.monitor.PairSeparation;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.ParallelTasks;
import org.lesde.sim.Simulation;
import org.lesde.sim.Summaries;

/**
 * Connects the neural-collapse monitor to a simulation: {@link #config} adds an
 * {@link EnsembleMonitor} to the SDE ensemble and to the LE-SGD particles, and
 * {@link #writeMetrics} writes metrics.csv (ODE rows from the class means alone).
 */
public final class Monitoring {
    private Monitoring() {
    }

    /** The default simulation config plus the SDE and SGD monitors. */
    public static Simulation.Config config() {
        return Simulation.Config.defaults().withMonitors(SDE_MONITORS, MONITOR);
    }

    /** The SDE ensemble's monitors: neural collapse and the quantile sketches of sde_quantiles.csv. */
    private static final Simulation.Monitors SDE_MONITORS = new Simulation.Monitors() {
        @Override
        public List<Summaries.Summary<?>> apply(Simulation.Context ctx) {
            List<Summaries.Summary<?>> l = new java.util.ArrayList<>(MONITOR.apply(ctx));
            l.addAll(QuantileOutput.MONITOR.apply(ctx));
            return l;
        }

        @Override
        public double bytes(LeModel model, int rows) {
            return MONITOR.bytes(model, rows) + QuantileOutput.MONITOR.bytes(model, rows);
        }
    };

    /** One neural-collapse monitor per run, with its declared memory. */
    private static final Simulation.Monitors MONITOR = new Simulation.Monitors() {
        @Override
        public List<Summaries.Summary<?>> apply(Simulation.Context ctx) {
            int k = ctx.model().classes();
            int p = ctx.model().dim();
            EnsembleMonitor prototype = new EnsembleMonitor(k, p, ctx.ode(), EnsembleRunner.threads(ctx.model().simulation().threads()));
            return List.of(new Summaries.Summary<>("neural-collapse monitor", EnsembleMonitor.class, prototype::emptyCopy,
                    EnsembleMonitor.bytes(k, p, ctx.ode().length)));
        }

        @Override
        public double bytes(LeModel model, int rows) {
            return EnsembleMonitor.bytes(model.classes(), model.dim(), rows);
        }
    };

    /** The SDE monitor of a run made with {@link #config}. */
    public static EnsembleMonitor sde(Simulation.Result r) {
        return r.sdeMonitors().find(EnsembleMonitor.class);
    }

    /** The SGD monitor, or null without particles. */
    public static EnsembleMonitor sgd(Simulation.Result r) {
        return r.sgd() == null ? null : r.sgdMonitors().find(EnsembleMonitor.class);
    }

    /** Metrics of the LE-ODE class means at output row i (within-class metrics NaN). */
    public static NcMetrics ode(Simulation.Result r, int row) {
        return NeuralCollapse.fromMeans(r.ode()[row], r.model().classes(), r.model().dim(), null);
    }

    /** Writes rows of {@link #metrics} to {@code file}. */
    public static void writeMetrics(List<CsvRow> rows, Path file) {
        try (Csv c = Csv.create(file, MetricsRow.HEADER)) {
            for (CsvRow row : rows) {
                c.row(row);
            }
        }
    }

    /** The rows of metrics.csv: source ode, then sde, then sgd, each in time order (labelled by source). */
    public static List<CsvRow> metrics(Simulation.Result r) {
        // the rows are independent (at large K each is an O(K²p + K³) computation): computed on
        // the run's threads, written in order, so the file is the same for any thread count
        double[] t = r.outputTimes();
        EnsembleMonitor sde = sde(r);
        EnsembleMonitor sgd = sgd(r);
        int sgdRows = sgd == null ? 0 : r.sgdTimes().length;
        int rows = 2 * t.length + sgdRows;
        return ParallelTasks.map(r.threads(), rows, "lesde-metrics", i -> {
            if (i < t.length) {
                return MetricsRow.row(t[i], "ode", ode(r, i), null);
            }
            if (i < 2 * t.length) {
                int row = i - t.length;
                return MetricsRow.row(t[row], "sde", sde.metrics(row), sde.separation(row));
            }
            int row = i - 2 * t.length;
            return MetricsRow.row(r.sgdTimes()[row], "sgd", sgd.metrics(row), sgd.separation(row));
        });
    }
}
