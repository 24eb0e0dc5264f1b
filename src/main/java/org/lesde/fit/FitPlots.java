package org.lesde.fit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.io.Json;
import org.lesde.io.NumericCsv;
import org.lesde.monitor.Metric;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.LineChart;
import org.lesde.plot.PlotOptions;

/**
 * The figures of {@code lesde fit}, drawn from the files of a fit folder alone
 * (docs/theory.md#76-the-papers-figures): {@link #redraw} reads {@code fit.csv}, {@code fit.json},
 * {@code class_means.csv}, {@code fit_metrics.csv}, {@code projection*.csv},
 * {@code replay.csv} and {@code replay_scaled.csv}, and for a folder of several fits
 * ({@code fit_summary.csv}) the summary and every listed fit folder.
 * <ul>
 * <li>{@code fit_AB}, {@code fit_alpha_beta}: Â, B̂ and α̂, β̂ of both models, every iteration;</li>
 * <li>{@code fit_nc}, {@code fit_nc1}: the NC metrics of the logged logits (linear / log axis);</li>
 * <li>{@code fig1_separation}: the paper's Figure 1 (one dimension) as its code draws it;</li>
 * <li>{@code fig3_AB_I}, {@code fig3_AB_L}, {@code fig3_alpha_beta_I}, {@code fig3_alpha_beta_L}:
 * the paper's Figure 3, points at {@code plt_itrs} with the official moving average;</li>
 * <li>with a replay, {@code replay_vs_genuine_k<c>}: genuine class means against the replay mean
 * ± sd as computed (unscaled), and {@code fig5_replay_scaled_k<c>}: the paper's Figure 5 with
 * its rescaling;</li>
 * <li>in a summary folder, {@code fig4_tail}, {@code fig4_val_loss}, {@code fig4_val_acc}
 * ({@link FitSummary}).</li>
 * </ul>
 * Logit j has palette colour j in every series of a figure (genuine and replay alike); class c
 * has colour c in Figure 1.
 */
public final class FitPlots {
    /** Number of evenly spaced iterations with error bars in the official Figure 5. */
    static final int ERROR_BARS = 20;

    /**
     * The base names of every figure a fit folder can hold, in the order they are written
     * ({@code {c}}: one per class; the last three only in a folder of several fits).
     */
    public static final List<String> FIGURES = List.of("fit_AB", "fit_alpha_beta", "fit_nc", "fit_nc1", "fig3_AB_I",
            "fig3_alpha_beta_I", "fig3_AB_L", "fig3_alpha_beta_L", "fig1_separation", "replay_vs_genuine_k{c}",
            "fig5_replay_scaled_k{c}", "fig4_tail", "fig4_val_loss", "fig4_val_acc");

    private FitPlots() {
    }

    /** Reads a CSV of a fit folder (header, NaN and empty cells allowed); a missing file is bad input. */
    static NumericCsv.Data table(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new BadInputException("fit folder " + dir + ": missing " + name);
        }
        return NumericCsv.read(f, null, NumericCsv.Options.defaults().withRequiredHeader().withNonFinite().withEmpty());
    }

    static double[] col(NumericCsv.Data d, String name) {
        return d.values(d.column(name, null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path dir) {
        Object o = Json.read(dir.resolve("fit.json"), "fit.json of " + dir);
        if (!(o instanceof Map)) {
            throw new BadInputException("fit folder " + dir + ": fit.json is not a JSON object");
        }
        return (Map<String, Object>) o;
    }

    /**
     * Draws every figure of a fit folder (or of a folder of several fits) from its files, in the
     * formats of {@code options}; returns the files written (none for {@link PlotOptions#NONE}).
     */
    public static List<Path> redraw(Path dir, PlotOptions options) {
        return redraw(dir, options, 1);
    }

    /**
     * {@link #redraw(Path, PlotOptions)} with the figures drawn in parallel on {@code threads}
     * threads ({@link FigureBatch}: the same files, in the same order, for any count).
     */
    public static List<Path> redraw(Path dir, PlotOptions options, int threads) {
        FigureBatch batch = FigureBatch.of(threads);
        addFolder(batch, dir, options);
        return new ArrayList<>(batch.run(FigureBatch.Progress.NONE));
    }

    /**
     * Adds the figures of a fit folder, or of a folder of several fits, to the batch (none for
     * {@link PlotOptions#NONE}, but the folder is still checked).
     */
    static void addFolder(FigureBatch batch, Path dir, PlotOptions options) {
        if (Files.isRegularFile(dir.resolve(FitSummary.FILE))) {
            FitSummary.add(batch, dir, options);
            return;
        }
        if (!Files.isRegularFile(dir.resolve("fit.json"))) {
            throw new BadInputException("not a fit folder (no fit.json or " + FitSummary.FILE + "): " + dir);
        }
        if (!options.none()) {
            add(batch, dir, options);
        }
    }

    /** Adds every figure of the fit folder {@code dir} to the batch, in the order they are written. */
    private static void add(FigureBatch batch, Path dir, PlotOptions options) {
        Map<String, Object> j = json(dir);
        NumericCsv.Data fit = table(dir, "fit.csv");
        double[] itr = col(fit, "itr");
        int t = itr.length;
        int window = ((Number) j.get("window")).intValue();
        batch.add(() -> LineChart.titled("Â = ∫α̂, B̂ = ∫β̂").xLabel("iteration").xRange(0, t - 1).yLabel("integrated impact")
                .series("Â (I-model)", itr, col(fit, "A_I")).series("B̂ (I-model)", itr, col(fit, "B_I"))
                .dashed("Â (L-model)", itr, col(fit, "A_L")).dashed("B̂ (L-model)", itr, col(fit, "B_L"))
                .write(dir, "fit_AB", options));
        batch.add(() -> LineChart.titled("α̂, β̂ (Savitzky-Golay, window " + window + ")").xLabel("iteration").xRange(0, t - 1)
                .yLabel("rate per iteration").series("α̂ (I-model)", itr, col(fit, "alpha_I"))
                .series("β̂ (I-model)", itr, col(fit, "beta_I")).dashed("α̂ (L-model)", itr, col(fit, "alpha_L"))
                .dashed("β̂ (L-model)", itr, col(fit, "beta_L")).write(dir, "fit_alpha_beta", options));
        if (Files.isRegularFile(dir.resolve("fit_metrics.csv"))) {
            NumericCsv.Data nc = table(dir, "fit_metrics.csv");
            double[] ni = col(nc, "itr");
            batch.add(() -> {
                LineChart linear = LineChart.titled("Neural collapse of the logged logits").xRange(0, t - 1)
                        .xLabel("iteration (samples: all trials)").yLabel("metric");
                for (Metric q : Metric.plotted(false)) {
                    linear.series(q.label(), ni, col(nc, q.key()));
                }
                return linear.write(dir, "fit_nc", options);
            });
            batch.add(() -> {
                LineChart log = LineChart.titled("Neural collapse of the logged logits (log scale)")
                        .xLabel("iteration (samples: all trials)").xRange(0, t - 1)
                        .yLabel("metric (log scale; 0 = perfect collapse)").logY();
                for (Metric q : Metric.plotted(true)) {
                    log.series(q.label(), ni, col(nc, q.key()));
                }
                return log.write(dir, "fit_nc1", options);
            });
        }
        figure3(batch, dir, fit, options);
        batch.add(() -> figure1(dir, j, options));
        if (Files.isRegularFile(dir.resolve("replay.csv"))) {
            figure5(batch, dir, j, options);
        }
    }

    private static double[] at(double[] x, int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = x[idx[i]];
        }
        return v;
    }

    private static double[] asDouble(int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = idx[i];
        }
        return v;
    }

    /** Figure 3: Â, B̂ (and α̂, β̂) at plt_itrs as points, the official moving average (window 10) as lines. */
    private static void figure3(FigureBatch batch, Path dir, NumericCsv.Data fit, PlotOptions options) {
        int t = fit.rows().length;
        int[] plt = Projection.plotIterations(t);
        double[] px = asDouble(plt);
        String[][] sets = {{"A", "B", "Â(t)", "B̂(t)", "fig3_AB", "integrated impact"},
            {"alpha", "beta", "α̂(t)", "β̂(t)", "fig3_alpha_beta", "rate per iteration"}};
        for (String model : new String[] {"I", "L"}) {
            for (String[] s : sets) {
                batch.add(() -> {
                    LineChart ch = LineChart.titled("Paper's Fig. 3 (" + model + "-model): " + s[2] + ", " + s[3]
                            + ", moving average (window " + MovingAverage.OFFICIAL_WINDOW + ")")
                            .xLabel("t (iteration; points at every 5th iteration)").xRange(0, t - 1).yLabel(s[5]);
                    for (int q = 0; q < 2; q++) {
                        double[] v = at(col(fit, s[q] + "_" + model), plt);
                        ch.markers(s[2 + q], px, v).colour(q);
                        ch.series(s[2 + q] + " moving average", px, MovingAverage.centred(v, MovingAverage.OFFICIAL_WINDOW))
                                .colour(q).width(3f);
                    }
                    return ch.write(dir, s[4] + "_" + model, options);
                });
            }
        }
    }

    /** Figure 1: samples' projections at 50 iterations (points), class-mean projections at plt_itrs (lines); iteration on y. */
    @SuppressWarnings("unchecked")
    private static List<Path> figure1(Path dir, Map<String, Object> j, PlotOptions options) {
        NumericCsv.Data pm = table(dir, "projection_means.csv");
        NumericCsv.Data ps = table(dir, "projection.csv");
        int t = pm.rows().length;
        int k = pm.columns() - 1;
        List<Object> cls = (List<Object>) ((Map<String, Object>) j.get("projection")).get("classes");
        int[] plt = Projection.plotIterations(t);
        double[] py = asDouble(plt);
        double[] sItr = col(ps, "itr");
        double[] sY = col(ps, "y");
        double[] sP = col(ps, "proj");
        LineChart ch = LineChart.titled("Paper's Figure 1: logits projected on the class " + cls.get(0) + " − class "
                + cls.get(1) + " direction").xLabel("projection of the logits on u (u: last two iterations' class-mean difference, normalised)")
                .yLabel("iteration").yRange(0, t - 1);
        LineChart.MarkerShape[] shapes = LineChart.MarkerShape.values();
        for (int c = 0; c < k; c++) {
            int n = 0;
            for (double y : sY) {
                if ((int) y == c) {
                    n++;
                }
            }
            double[] x = new double[n];
            double[] y = new double[n];
            int i = 0;
            for (int r = 0; r < sY.length; r++) {
                if ((int) sY[r] == c) {
                    x[i] = sP[r];
                    y[i++] = sItr[r];
                }
            }
            if (n > 0) {
                ch.markers("class " + c + " samples", x, y).colour(c).shape(shapes[c % shapes.length]);
            }
        }
        for (int c = 0; c < k; c++) {
            ch.series("class " + c + " mean", at(col(pm, "k" + c), plt), py).colour(c).width(3f);
        }
        return ch.write(dir, "fig1_separation", options);
    }

    /** The replay figures: unscaled (as computed) and the paper's rescaled Figure 5. */
    private static void figure5(FigureBatch batch, Path dir, Map<String, Object> j, PlotOptions options) {
        NumericCsv.Data g = table(dir, "class_means.csv");
        NumericCsv.Data rp = table(dir, "replay.csv");
        NumericCsv.Data rs = table(dir, "replay_scaled.csv");
        double[] itr = col(g, "itr");
        int t = itr.length;
        int k = (int) Math.round(Math.sqrt(g.columns() - 1));
        Map<?, ?> replay = (Map<?, ?>) j.get("replay");
        String about = replay == null ? "" : " (" + replay.get("trials") + " trials, L-model rates, window " + replay.get("window") + ")";
        List<?> factors = (List<?>) j.get("replay_scale");
        List<?> align = (List<?>) j.get("replay_scale_align");
        Map<?, ?> fitJ = (Map<?, ?>) j.get("replay_fit");
        List<?> fitU = fitJ == null ? null : (List<?>) fitJ.get("unscaled");
        List<?> fitS = fitJ == null ? null : (List<?>) fitJ.get("scaled");
        int[] plt = Projection.plotIterations(t);
        double[] px = asDouble(plt);
        int[] bars = Projection.evenly(t, ERROR_BARS);
        for (int cc = 0; cc < k; cc++) {
            final int c = cc;
            batch.add(() -> {
                LineChart un = LineChart.titled("Class " + c + ": genuine vs LE-ODE replay, UNSCALED"
                        + (fitU == null ? "" : " (rel. RMS distance " + fmt(fitU.get(c)) + ")"))
                        .xRange(0, t - 1).xLabel("iteration; replay" + about).yLabel("class-mean logit");
                for (int q = 0; q < k; q++) {
                    String name = "k" + c + "_d" + q;
                    double[] mu = col(rp, name);
                    double[] sd = col(rp, name + "_sd");
                    double[] lo = new double[t];
                    double[] hi = new double[t];
                    for (int m = 0; m < t; m++) {
                        lo[m] = mu[m] - sd[m];
                        hi[m] = mu[m] + sd[m];
                    }
                    String logit = "logit " + q;
                    un.series(logit + " genuine", itr, col(g, name)).colour(q).dashed(logit + " replay mean", itr, mu).colour(q).width(3f)
                            .band(logit + " replay mean", itr, lo, hi).colour(q);
                }
                return un.write(dir, "replay_vs_genuine_k" + c, options);
            });
            batch.add(() -> {
                String f = factors == null ? "?" : fmt(factors.get(c));
                String a = align == null ? "?" : String.valueOf(align.get(c));
                LineChart sc = LineChart.titled("Paper's Fig. 5, class " + c + ": replay RESCALED × " + f
                        + (fitS == null ? "" : " (rel. RMS distance " + fmt(fitS.get(c)) + ")"))
                        .xRange(0, t - 1).xLabel("iteration; s matches logit " + a + " over the last " + j.get("replay_scale_tail")
                                + " iterations; bars: unscaled sd, as the paper's code")
                        .yLabel("class-mean logit");
                for (int q = 0; q < k; q++) {
                    String name = "k" + c + "_d" + q;
                    double[] mu = col(rs, name);
                    double[] sd = col(rp, name + "_sd");
                    String logit = "logit " + q;
                    sc.markers(logit + " genuine", px, at(col(g, name), plt)).colour(q);
                    sc.series(logit + " replay mean × s", itr, mu).colour(q).width(4f);
                    for (int b : bars) {
                        sc.series(logit + " sd bar " + b, new double[] {b, b}, new double[] {mu[b] - sd[b], mu[b] + sd[b]})
                                .colour(q).width(1.5f).noLegend();
                    }
                }
                return sc.write(dir, "fig5_replay_scaled_k" + c, options);
            });
        }
    }

    static String fmt(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : "n/a";
    }
}
