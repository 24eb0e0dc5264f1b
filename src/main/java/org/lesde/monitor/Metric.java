package org.lesde.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The catalogue of neural-collapse metrics: every writer (the columns of {@code metrics.csv} and
 * {@code fit_metrics.csv}, the keys of the JSON summaries), the table of {@code lesde metrics}
 * and every figure iterate over it, in this order. Definitions in {@link NeuralCollapse}.
 *
 * <p>Adding a metric: add a constant here (key, label, definition, accessor, plotted, scale, family),
 * add its component to {@link NcMetrics} and compute it in {@link NeuralCollapse}; document the
 * key in the docs (a test checks that every key is there).
 */
public enum Metric {
    NC1("nc1", "NC1", "(1/K) tr(Sw Sb^+): within- vs between-class spread, 0 = collapsed", NcMetrics::nc1, true, true, Family.NEURAL_COLLAPSE),
    NC2_EQUINORM("nc2_equinorm", "NC2 equinorm", "std/mean of ||mu_k - mu_G||, 0 = equal norms", NcMetrics::nc2Equinorm,
            true, true, Family.NEURAL_COLLAPSE),
    NC2_EQUIANGULARITY("nc2_equiangularity", "NC2 equiangularity", "mean |cos + 1/(K-1)| over class pairs, 0 = equal angles",
            NcMetrics::nc2Equiangularity, true, true, Family.NEURAL_COLLAPSE),
    NC2_ETF_DISTANCE("nc2_etf_distance", "NC2 ETF distance", "distance of the normalised Gram matrix to the simplex ETF",
            NcMetrics::nc2EtfDistance, true, true, Family.NEURAL_COLLAPSE),
    NC3("nc3", "NC3", "distance between normalised W^T and centred means (self-duality)", NcMetrics::nc3, true, false, Family.NEURAL_COLLAPSE),
    NC4("nc4", "NC4", "fraction where classifier argmax != nearest class mean", NcMetrics::nc4, true, true, Family.NEURAL_COLLAPSE),
    RESIDUAL_COS_MEAN("residual_cos_mean", "residual cos (mean)", "mean cos(mu_k - mu_G, e_k - 1/K), 1 = aligned",
            NcMetrics::residualCosMean, true, false, Family.NEURAL_COLLAPSE),
    VERTEX_COS_MIN("vertex_cos_min", "vertex cos (min)",
            "min over classes of cos(mu_k - mu_G, its vertex of the nearest simplex ETF), 1 = aligned",
            m -> m.alignment().vertexCosMin(), false, false, Family.ETF_ALIGNMENT),
    VERTEX_COS_MEDIAN("vertex_cos_median", "vertex cos (median)", "median over classes of the vertex cosine, 1 = aligned",
            m -> m.alignment().vertexCosMedian(), false, false, Family.ETF_ALIGNMENT),
    VERTEX_COS_MAX("vertex_cos_max", "vertex cos (max)", "max over classes of the vertex cosine, 1 = aligned",
            m -> m.alignment().vertexCosMax(), false, false, Family.ETF_ALIGNMENT),
    PAIR_COS_Q05("pair_cos_q05", "pair cos (5 %)", "5 % quantile of cos(mu_k - mu_G, mu_l - mu_G) over pairs k < l, ETF: -1/(K-1)",
            m -> m.alignment().pairCosQ05(), false, false, Family.ETF_ALIGNMENT),
    PAIR_COS_Q50("pair_cos_q50", "pair cos (median)", "median of the pairwise cosines of centred means, ETF: -1/(K-1)",
            m -> m.alignment().pairCosQ50(), false, false, Family.ETF_ALIGNMENT),
    PAIR_COS_Q95("pair_cos_q95", "pair cos (95 %)", "95 % quantile of the pairwise cosines of centred means, ETF: -1/(K-1)",
            m -> m.alignment().pairCosQ95(), false, false, Family.ETF_ALIGNMENT);

    /**
     * Which table a metric belongs to: the neural-collapse metrics (every writer) or the alignment
     * with the simplex ETF (docs/theory.md#65-alignment-to-the-nearest-simplex-etf; written in
     * metrics.csv after the separability columns, drawn in etf_alignment).
     */
    public enum Family {
        NEURAL_COLLAPSE, ETF_ALIGNMENT
    }


    private final String key;
    private final String label;
    private final String definition;
    private final ToDoubleFunction<NcMetrics> accessor;
    private final boolean plotted;
    private final boolean logScale;
    private final Family family;

    Metric(String key, String label, String definition, ToDoubleFunction<NcMetrics> accessor, boolean plotted,
            boolean logScale, Family family) {
        this.family = family;
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

    /** Its family. */
    public Family family() {
        return family;
    }

    /** The metrics of one family, in catalogue order. */
    public static List<Metric> of(Family f) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : values()) {
            if (m.family == f) {
                out.add(m);
            }
        }
        return out;
    }

    /** The keys of the metrics of one family, in catalogue order. */
    public static List<String> keys(Family f) {
        List<String> k = new ArrayList<>();
        for (Metric m : of(f)) {
            k.add(m.key);
        }
        return k;
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
