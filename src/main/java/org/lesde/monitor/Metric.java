package org.lesde.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The catalogue of neural-collapse metrics: every writer (the columns of {@code metrics.csv} and
 * {@code fit_metrics.csv}, the keys of the JSON summaries), the table of {@code lesde metrics}
 * and every figure iterate over it, in this order. Definitions in {@link NeuralCollapse}.
 *
 * <p>Adding a metric: add a constant here (key, label, definition, accessor, plotted, scale),
 * add its component to {@link NcMetrics} and compute it in {@link NeuralCollapse}; document the
 * key in the docs (a test checks that every key is there).
 */
public enum Metric {
    NC1("nc1", "NC1", "(1/K) tr(Sw Sb^+): within- vs between-class spread, 0 = collapsed", NcMetrics::nc1, true, true),
    NC2_EQUINORM("nc2_equinorm", "NC2 equinorm", "std/mean of ||mu_k - mu_G||, 0 = equal norms", NcMetrics::nc2Equinorm,
            true, true),
    NC2_EQUIANGULARITY("nc2_equiangularity", "NC2 equiangularity", "mean |cos + 1/(K-1)| over class pairs, 0 = equal angles",
            NcMetrics::nc2Equiangularity, true, true),
    NC2_ETF_DISTANCE("nc2_etf_distance", "NC2 ETF distance", "distance of the normalised Gram matrix to the simplex ETF",
            NcMetrics::nc2EtfDistance, true, true),
    NC3("nc3", "NC3", "distance between normalised W^T and centred means (self-duality)", NcMetrics::nc3, true, false),
    NC4("nc4", "NC4", "fraction where classifier argmax != nearest class mean", NcMetrics::nc4, true, true),
    RESIDUAL_COS_MEAN("residual_cos_mean", "residual cos (mean)", "mean cos(mu_k - mu_G, e_k - 1/K), 1 = aligned",
            NcMetrics::residualCosMean, true, false);

    private final String key;
    private final String label;
    private final String definition;
    private final ToDoubleFunction<NcMetrics> accessor;
    private final boolean plotted;
    private final boolean logScale;

    Metric(String key, String label, String definition, ToDoubleFunction<NcMetrics> accessor, boolean plotted,
            boolean logScale) {
        this.key = key;
        this.label = label;
        this.definition = definition;
        this.accessor = accessor;
        this.plotted = plotted;
        this.logScale = logScale;
    }

    /** The name in CSV headers and JSON keys, e.g. {@code nc2_etf_distance}. */
    public String key() {
        return key;
    }

    /** The name in figures and tables, e.g. {@code NC2 ETF distance}. */
    public String label() {
        return label;
    }

    /** One line: what it measures and its value at perfect collapse. */
    public String definition() {
        return definition;
    }

    /** Whether figures draw it. */
    public boolean plotted() {
        return plotted;
    }

    /** Whether figures draw it on a logarithmic axis (values that go to 0 at collapse), else on a linear one. */
    public boolean logScale() {
        return logScale;
    }

    /** Its value in a set of metrics (NaN where undefined). */
    public double of(NcMetrics m) {
        return accessor.applyAsDouble(m);
    }

    /** Its values over a series of metrics; a null entry (metrics undefined there) gives NaN. */
    public double[] of(NcMetrics[] ms) {
        double[] v = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            v[i] = ms[i] == null ? Double.NaN : of(ms[i]);
        }
        return v;
    }

    /** The keys of all metrics, in catalogue order. */
    public static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (Metric m : values()) {
            k.add(m.key);
        }
        return k;
    }

    /** The plotted metrics drawn on a log axis ({@code logScale}) or on a linear one, in catalogue order. */
    public static List<Metric> plotted(boolean logScale) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : values()) {
            if (m.plotted && m.logScale == logScale) {
                out.add(m);
            }
        }
        return out;
    }
}
