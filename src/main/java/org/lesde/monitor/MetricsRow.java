package org.lesde.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code metrics.csv} written by {@code simulate}: the column names and the
 * formatting of one row. Undefined values (NaN: e.g. the within-class metrics of ODE rows, which
 * have class means only) are written as empty cells; numbers use {@link Double#toString}
 * (shortest round-trip form). Use with {@code org.lesde.io.Csv#rawRow}.
 */
public final class MetricsRow {
    /** The columns, in order. */
    public static final List<String> HEADER = header();

    private MetricsRow() {
    }

    /**
     * t, source, the neural-collapse keys of {@link Metric} in catalogue order, the separability
     * columns, then the ETF-alignment keys (appended last, so that the earlier columns keep their place).
     */
    private static List<String> header() {
        List<String> h = new ArrayList<>(List.of("t", "source"));
        h.addAll(Metric.keys(Metric.Family.NEURAL_COLLAPSE));
        h.addAll(List.of("sep_prob_min", "sep_prob_mean"));
        h.addAll(Metric.keys(Metric.Family.ETF_ALIGNMENT));
        return List.copyOf(h);
    }

    /**
     * One row.
     *
     * @param source {@code ode}, {@code sde} or {@code sgd}
     * @param sep the separation counts of this output time, or null (empty separability cells)
     */
    public static List<String> of(double t, String source, NcMetrics m, PairSeparation sep) {
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(Double.toString(t));
        cells.add(source);
        for (Metric q : Metric.of(Metric.Family.NEURAL_COLLAPSE)) {
            cells.add(cell(q.of(m)));
        }
        cells.add(cell(sep == null ? Double.NaN : sep.min()));
        cells.add(cell(sep == null ? Double.NaN : sep.mean()));
        for (Metric q : Metric.of(Metric.Family.ETF_ALIGNMENT)) {
            cells.add(cell(q.of(m)));
        }
        return cells;
    }

    /** A number cell: empty for NaN, else {@link Double#toString}. */
    public static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
