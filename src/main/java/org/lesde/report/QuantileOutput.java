package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lesde.io.Csv;
import org.lesde.model.LeModel;
import org.lesde.sim.EnsembleQuantiles;
import org.lesde.sim.QuantileSketch;
import org.lesde.sim.Simulation;
import org.lesde.sim.Summaries;

/**
 * sde_quantiles.csv (docs/outputs.md#sde_quantilescsv): the SDE ensemble's quantiles per output
 * time and coordinate, from one {@link EnsembleQuantiles} monitor (docs/theory.md#311-quantile-sketch).
 * The levels are {@code simulation.quantiles}; without it the {@link #DEFAULT_LEVELS}, written only
 * when the merged sketches fit in {@link #DEFAULT_MAX_BYTES} (large K·p or many output rows: set the
 * levels explicitly, and the memory estimate decides; {@code quantiles: []} turns it off).
 */
public final class QuantileOutput {
    /** The levels without simulation.quantiles. */
    public static final List<Double> DEFAULT_LEVELS = List.of(0.05, 0.25, 0.5, 0.75, 0.95);
    /** The default levels are used only while the merged sketches stay within this many bytes. */
    public static final double DEFAULT_MAX_BYTES = 64.0 * (1 << 20);

    private QuantileOutput() {
    }

    /** The levels a run of this model writes (empty: no sde_quantiles.csv). */
    public static List<Double> levels(LeModel m) {
        List<Double> q = m.simulation().quantiles();
        if (q != null) {
            return q;
        }
        return bytes(m, m.time().outputs() + 1) <= DEFAULT_MAX_BYTES ? DEFAULT_LEVELS : List.of();
    }

    private static double bytes(LeModel m, int rows) {
        return EnsembleQuantiles.bytes(rows, m.stateDim(), QuantileSketch.DEFAULT_K, m.simulation().paths());
    }

    /** The SDE monitor: the sketches when the model asks for quantiles, else nothing. */
    public static final Simulation.Monitors MONITOR = new Simulation.Monitors() {
        @Override
        public List<Summaries.Summary<?>> apply(Simulation.Context ctx) {
            if (levels(ctx.model()).isEmpty()) {
                return List.of();
            }
            return List.of(EnsembleQuantiles.summary(ctx.outputTimes().length, ctx.model().stateDim(),
                    QuantileSketch.DEFAULT_K, ctx.model().simulation().paths()));
        }

        @Override
        public double bytes(LeModel model, int rows) {
            return levels(model).isEmpty() ? 0 : QuantileOutput.bytes(model, rows);
        }
    };

    /** Column name of level q for a coordinate column: k0_d0 and 0.05 give k0_d0_q05. */
    static String column(String coordinate, double q) {
        double pct = 100 * q;
        String s = pct == Math.rint(pct) ? String.format("%02d", (long) pct)
                : (pct < 10 ? "0" : "") + String.valueOf(pct).replaceAll("0+$", "");
        return coordinate + "_q" + s;
    }

    /** Writes sde_quantiles.csv when the run kept the sketches. */
    public static void write(Simulation.Result r, Path dir) {
        EnsembleQuantiles eq = r.sdeMonitors().find(EnsembleQuantiles.class);
        if (eq == null) {
            return;
        }
        LeModel m = r.model();
        List<Double> levels = levels(m);
        int n = m.stateDim();
        List<String> header = new ArrayList<>();
        header.add("t");
        for (String c : SimulationWriter.stateColumns(m.classes(), m.dim(), "")) {
            for (double q : levels) {
                header.add(column(c, q));
            }
        }
        int maxRetained = 0;
        for (int row = 0; row < eq.rows(); row++) {
            for (int i = 0; i < n; i++) {
                maxRetained = Math.max(maxRetained, eq.sketch(row, i).retained());
            }
        }
        double[] qs = levels.stream().mapToDouble(Double::doubleValue).toArray();
        int retained = maxRetained;
        try (Csv c = Csv.create(dir.resolve("sde_quantiles.csv"), header)) {
            // the rows (each its sketches' quantiles, then its cells) on the run's threads: the same bytes
            CsvRows.write(c, eq.rows(), 1L + (long) n * qs.length, r.threads(), (row, out) -> {
                double[] line = new double[1 + n * qs.length];
                double[] work = new double[retained];
                long[] weights = new long[retained];
                line[0] = r.outputTimes()[row];
                for (int i = 0; i < n; i++) {
                    eq.sketch(row, i).quantiles(qs, line, 1 + i * qs.length, work, weights);
                }
                Csv.append(out, null, line, 0, line.length);
            });
        }
    }
}
