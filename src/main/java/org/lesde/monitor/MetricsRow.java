package org.lesde.monitor;

import java.util.ArrayList;
import java.util.List;

import org.lesde.io.CsvRow;

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
        return row(t, source, m, sep).cells();
    }

    /** {@link #of} as numbers (NaN in the source column and for undefined values) and the source. */
    public static CsvRow row(double t, String source, NcMetrics m, PairSeparation sep) {
        double[] v = new double[HEADER.size()];
        int c = 0;
        v[c++] = t;
        v[c++] = Double.NaN; // source
        for (Metric q : Metric.of(Metric.Family.NEURAL_COLLAPSE)) {
            v[c++] = q.of(m);
        }
        v[c++] = sep == null ? Double.NaN : sep.min();
        v[c++] = sep == null ? Double.NaN : sep.mean();
        for (Metric q : Metric.of(Metric.Family.ETF_ALIGNMENT)) {
            v[c++] = q.of(m);
        }
        return new CsvRow(v, List.of(source));
    }

    /** A number cell: empty for NaN, else {@link Double#toString}. */
    public static String cell(double v) {
        return CsvRow.cell(v);
    }
}
