package org.lesde.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code metrics.csv} written by {@code simulate} (issue 4): the column names and the
 * formatting of one row. Undefined values (NaN: e.g. the within-class metrics of ODE rows, which
 * have class means only) are written as empty cells; numbers use {@link Double#toString}
 * (shortest round-trip form). Use with {@code org.lesde.io.Csv#rawRow}.
 */
public final class MetricsRow {
    /** The columns, in order. */
    public static final List<String> HEADER = List.of("t", "source", "nc1", "nc2_equinorm", "nc2_equiangularity",
            "nc2_etf_distance", "nc3", "nc4", "residual_cos_mean", "sep_prob_min", "sep_prob_mean");

    private MetricsRow() {
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
        for (double v : new double[] {m.nc1(), m.nc2Equinorm(), m.nc2Equiangularity(), m.nc2EtfDistance(), m.nc3(),
            m.nc4(), m.residualCosMean(), sep == null ? Double.NaN : sep.min(), sep == null ? Double.NaN : sep.mean()}) {
            cells.add(cell(v));
        }
        return cells;
    }

    /** A number cell: empty for NaN, else {@link Double#toString}. */
    public static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
