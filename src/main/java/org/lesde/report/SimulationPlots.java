package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lesde.check.Checker;
import org.lesde.model.LeModel;
import org.lesde.monitor.EtfAlignment;
import org.lesde.monitor.EtfPlane;
import org.lesde.monitor.Metric;
import org.lesde.monitor.NeuralCollapse;
import org.lesde.monitor.SimplexEtf;
import org.lesde.plot.HeatMap;
import org.lesde.plot.LineChart;
import org.lesde.plot.Panels;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.PlotOptions;
import org.lesde.sim.ParallelTasks;

/**
 * The figures of a {@code simulate} run, drawn from the files of its output folder alone
 * ({@link SimulationFolder}; what each shows: docs/outputs.md "Figures"):
 * <ul>
 * <li>{@code trajectories}: one pair of panels per class: the representative coordinate (the
 *     class's own logit x_k[k] when p ≥ K, else coordinate 0) of the LE-ODE class mean (solid),
 *     the LE-SDE ensemble mean (black dashed) ± 1 sd (band) and the LE-SGD class mean (dots); under
 *     it the residual against the LE-ODE (SDE mean − ODE with its 95 % Monte Carlo band, SGD − ODE);</li>
 * <li>{@code ode_vs_sde}: the distance of the SDE (and SGD) class means from the LE-ODE over all
 *     classes with its 95 % band (linear axis), and the largest coordinate |z| against its
 *     Bonferroni bound (comparison.csv);</li>
 * <li>{@code etf_alignment}: 1 − the cosine of each centred class mean with its vertex of the
 *     nearest simplex ETF (log axis; line = min over classes, band = min .. max over classes; for the
 *     SDE also the band over the stored sample paths), and the pairwise cosines (median, 5–95 %
 *     band) against −1/(K−1);</li>
 * <li>{@code etf_plane} (K = 3 only): the centred class means divided by ||M̃||_F at each time, in
 *     their plane at the final time, with the vertices of the nearest simplex ETF;</li>
 * <li>{@code nc_metrics}: the plotted log-scale metrics of the catalogue {@link Metric};</li>
 * <li>{@code separability}: min and mean over class pairs of the separated fraction, with the
 *     oracle of docs/theory.md#5-separability-and-the-phase-transition when {@link SeparabilityOracle#applies};</li>
 * <li>{@code cosines}: the K x K cosines between centred SDE ensemble class means at the first, middle and last output time;</li>
 * <li>{@code class_average}: the norm of the class average μ_G(t) and of the deviations μ_k − μ_G.</li>
 * </ul>
 * Class k has palette colour k in every chart.
 */
public final class SimulationPlots {
    /** Up to this many classes, class labels read "class k" (else just "k"). */
    public static final int LONG_LABEL_MAX_CLASSES = 4;

    /** nc_metrics and etf_alignment leave out positive values below this (rounding-level; see the y-axis title). */
    public static final double ROUNDING_LEVEL = 1e-12;

    /** Markers series are thinned to at most this many points. */
    public static final int MAX_MARKERS = 30;

    /** trajectories: SGD − ODE is left out of a residual panel when it exceeds this many times the SDE band. */
    public static final double SGD_RESIDUAL_SCALE = 5;

    /** trajectories: at most this many classes side by side. */
    public static final int TRAJECTORY_COLUMNS = 5;
    /**
     * Figures with one panel or curve per class draw the first this many classes (the figure says
     * so); beyond, a figure would be unreadable and its drawing dominate the run (K = 1000: a
     * thousand panels). The CSVs and the aggregate figures hold every class.
     */
    public static final int MAX_CLASSES_DRAWN = 10;
    /** The cosine heat maps show the K x K cosines of at most this many classes. */
    public static final int MAX_COSINE_CLASSES = 30;

    private static final float WIDE = 3.6f;
    private static final float THIN = 1.4f;
    /** A line wide enough to show around a dashed line drawn on top of it. */
    private static final float MEAN_WIDE = 7f;
    private static final String T_LABEL = "t (training time, t = iteration × step size h)";
    private static final String T_SHORT = "t";

    private SimulationPlots() {
    }

    /** The base names of the figures of a run with K classes, in the order they are written. */
    public static List<String> names(int classes) {
        List<String> n = new ArrayList<>(List.of("trajectories", "ode_vs_sde", "etf_alignment"));
        if (classes == 3) {
            n.add("etf_plane");
        }
        n.addAll(List.of("nc_metrics", "separability", "cosines", "class_average"));
        return List.copyOf(n);
    }

    /**
     * Draws every figure of the finished simulate folder {@code dir} from its files (see
     * {@link SimulationFolder}) into {@code dir}; returns the files written.
     */
    public static List<Path> redraw(Path dir, PlotOptions options) {
        return redraw(dir, options, 1, FigureBatch.Progress.NONE);
    }

    /**
     * {@link #redraw(Path, PlotOptions)} with the figures (and the formats of each) drawn in
     * parallel on {@code threads} threads (the files are the same for any count), telling
     * {@code progress} after each figure.
     */
    public static List<Path> redraw(Path dir, PlotOptions options, int threads, FigureBatch.Progress progress) {
        SimulationFolder f = SimulationFolder.read(dir, threads);
        return draw(f, options, threads, progress);
    }

    /**
     * Draws every figure of the folder content {@code f} into {@code f.dir()} on {@code threads}
     * threads (what {@link #redraw} does once it has read the folder; {@code simulate} passes the
     * content it has just written, {@link SimulationFolder#of}); returns the files written.
     */
    public static List<Path> draw(SimulationFolder f, PlotOptions options, int threads, FigureBatch.Progress progress) {
        return options.none() ? new ArrayList<>() : new ArrayList<>(batch(f, options, threads).run(progress));
    }

    /** The figures of {@link #draw} as a batch to run or start (empty for {@code --plots none}). */
    public static FigureBatch batch(SimulationFolder f, PlotOptions options, int threads) {
        Path dir = f.dir();
        FigureBatch batch = FigureBatch.of(threads);
        if (options.none()) {
            return batch;
        }
        batch.add(() -> trajectories(f, dir, options));
        batch.add(() -> odeVsSde(f, dir, options));
        batch.add(() -> etfAlignment(f, dir, options, threads));
        if (f.model().classes() == 3) {
            batch.add(() -> etfPlane(f, dir, options));
        }
        batch.add(() -> ncMetrics(f, dir, options));
        batch.add(() -> separability(f, dir, options));
        batch.add(() -> cosines(f, dir, options));
        batch.add(() -> classAverage(f, dir, options));
        return batch;
    }

    /** The representative coordinate of class k: its own logit when p ≥ K, else coordinate 0. */
    public static int representativeCoordinate(int k, int classes, int dim) {
        return dim >= classes ? k : 0;
    }

    private static String classLabel(int k) {
        return "class " + k;
    }

    /** The class means of the LE-SGD repeats at the SGD times: their mean and its standard error (NaN for one repeat). */
    private static double[][][] sgdMeanAndSe(SimulationFolder f) {
        List<double[][]> reps = f.sgdRepeats();
        int rows = f.sgdTimes().length;
        int n = f.model().stateDim();
        double[][] mean = new double[rows][n];
        double[][] se = new double[rows][n];
        int rr = reps.size();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (double[][] rep : reps) {
                    s += rep[r][i];
                }
                double mu = s / rr;
                double v = 0;
                for (double[][] rep : reps) {
                    v += (rep[r][i] - mu) * (rep[r][i] - mu);
                }
                mean[r][i] = mu;
                se[r][i] = Comparison.standardError(Math.sqrt(v / rr), rr);
            }
        }
        return new double[][][] {mean, se};
    }

    public static List<Path> trajectories(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        int kk = m.classes();
        int p = m.dim();
        double[] t = f.t();
        long paths = m.simulation().paths();
        double[][][] sgdMs = f.sgd() == null ? null : sgdMeanAndSe(f);
        int drawn = Math.min(kk, MAX_CLASSES_DRAWN);
        int cols = Math.min(drawn, TRAJECTORY_COLUMNS);
        List<LineChart> top = new ArrayList<>();
        List<LineChart> bottom = new ArrayList<>();
        // one axis type for every class panel: log when every class's curves allow it
        boolean log = true;
        for (int k = 0; k < drawn && log; k++) {
            int i = k * p + representativeCoordinate(k, kk, p);
            double[][] v = new double[3][t.length];
            for (int row = 0; row < t.length; row++) {
                v[0][row] = f.ode()[row][i];
                v[1][row] = f.sdeMean()[row][i] - f.sdeSd()[row][i];
                v[2][row] = f.sdeMean()[row][i] + f.sdeSd()[row][i];
            }
            log = wantsLogScale(v);
        }
        for (int k = 0; k < drawn; k++) {
            int i = k * p + representativeCoordinate(k, kk, p);
            double[] ode = new double[t.length];
            double[] mean = new double[t.length];
            double[] lo = new double[t.length];
            double[] hi = new double[t.length];
            double[] res = new double[t.length];
            double[] rlo = new double[t.length];
            double[] rhi = new double[t.length];
            for (int row = 0; row < t.length; row++) {
                ode[row] = f.ode()[row][i];
                mean[row] = f.sdeMean()[row][i];
                double sd = f.sdeSd()[row][i];
                lo[row] = mean[row] - sd;
                hi[row] = mean[row] + sd;
                res[row] = mean[row] - ode[row];
                double se = Comparison.standardError(sd, paths);
                rlo[row] = res[row] - Comparison.Z95 * se;
                rhi[row] = res[row] + Comparison.Z95 * se;
            }
            double[] sgd = null;
            double[] sgdRes = null;
            if (sgdMs != null) {
                sgd = new double[f.sgdTimes().length];
                sgdRes = new double[sgd.length];
                for (int row = 0; row < sgd.length; row++) {
                    sgd[row] = sgdMs[0][row][i];
                    int o = Comparison.outputRow(t, f.sgdTimes()[row]);
                    sgdRes[row] = o < 0 ? Double.NaN : sgd[row] - f.ode()[o][i];
                }
            }
            String own = p >= kk ? "x̄_" + k + "[" + k + "]" : "x̄_" + k + "[0]";
            LineChart c = LineChart.titled(classLabel(k) + (drawn < kk ? " of " + kk : "") + ": class mean " + own
                    + (p >= kk ? " (own logit)" : "")).xLabel(T_SHORT)
                    .yLabel(own + (log ? " (log scale)" : "")).legendBelow();
            if (log) {
                c.logY();
            }
            c.band("SDE \u00b1 1 sd", t, lo, hi).colour(k);
            c.series("ODE", t, ode).colour(k).width(WIDE);
            c.dashed("SDE mean", t, mean).ink().width(THIN);
            if (sgd != null) {
                addMarkers(c, "SGD", f.sgdTimes(), sgd, k);
            }
            top.add(c);
            // SGD − ODE only when it is on the scale of the SDE residual (else it would flatten it)
            double scale = Math.max(maxAbs(rlo), maxAbs(rhi));
            boolean sgdOn = sgdRes != null && hasFinite(sgdRes) && maxAbs(sgdRes) <= SGD_RESIDUAL_SCALE * scale;
            boolean sgdOff = sgdRes != null && hasFinite(sgdRes) && !sgdOn;
            LineChart r = LineChart.titled(classLabel(k) + ": residual vs LE-ODE" + (sgdOff ? " (SGD off scale)" : ""))
                    .xLabel(T_SHORT).yLabel("source \u2212 ODE").legendBelow();
            r.band("SDE \u2212 ODE, 95 % band", t, rlo, rhi).colour(k);
            r.series("SDE \u2212 ODE", t, res).colour(k).width(THIN);
            r.dashed("0", new double[] {t[0], t[t.length - 1]}, new double[] {0, 0}).ink().width(THIN);
            if (sgdOn) {
                addMarkers(r, "SGD \u2212 ODE", f.sgdTimes(), sgdRes, k);
            }
            bottom.add(r);
        }
        Panels panels = Panels.grid(cols, 560, 400);
        for (int start = 0; start < drawn; start += cols) {
            for (int k = start; k < start + cols; k++) {
                panels.add(k < drawn ? top.get(k) : blank());
            }
            for (int k = start; k < start + cols; k++) {
                panels.add(k < drawn ? bottom.get(k) : blank());
            }
        }
        return panels.write(dir, "trajectories", options);
    }

    /** An empty panel (a chart with no data) for the unused cells of a grid. */
    private static LineChart blank() {
        return LineChart.titled("").xLabel("").yLabel("");
    }

    public static List<Path> odeVsSde(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        List<String> sources = new ArrayList<>();
        for (String s : List.of("sde", "sgd")) {
            if (f.comparison().containsKey(s) && f.comparison().get(s).containsKey("all")) {
                sources.add(s);
            }
        }
        int td = Comparison.HEADER.indexOf("t");
        int di = Comparison.HEADER.indexOf("dist");
        int lo = Comparison.HEADER.indexOf("lo95");
        int hi = Comparison.HEADER.indexOf("hi95");
        int zi = Comparison.HEADER.indexOf("max_z");
        int bi = Comparison.HEADER.indexOf("z_bound");
        Panels panels = Panels.grid(Math.max(1, sources.size()), sources.size() > 1 ? 700 : 1000, 440);
        List<LineChart> zs = new ArrayList<>();
        for (int q = 0; q < sources.size(); q++) {
            String s = sources.get(q);
            double[][] rows = f.comparison().get(s).get("all");
            double[] t = SimulationFolder.column(rows, td);
            String who = s.equals("sde") ? "LE-SDE ensemble mean (" + m.simulation().paths() + " paths)"
                    : "LE-SGD class means (" + f.sgdRepeats().size() + (f.sgdRepeats().size() == 1 ? " realisation" : " repeats") + ")";
            LineChart d = LineChart.titled(m.name() + ": " + who + " vs LE-ODE").xLabel(T_SHORT)
                    .yLabel("\u2016class means \u2212 ODE\u2016, all classes").legendBelow();
            double[] dl = SimulationFolder.column(rows, lo);
            if (hasFinite(dl)) {
                d.band("95 % Monte Carlo band", t, dl, SimulationFolder.column(rows, hi)).colour(q);
            }
            d.series("distance", t, SimulationFolder.column(rows, di)).colour(q).width(WIDE);
            panels.add(d);
            double[] z = SimulationFolder.column(rows, zi);
            LineChart zc = LineChart.titled(s.toUpperCase(java.util.Locale.ROOT) + ": largest coordinate |z| = |source \u2212 ODE| / SE")
                    .xLabel(T_SHORT).yLabel("max |z| over the K\u00b7p coordinates").legendBelow();
            if (hasFinite(z)) {
                zc.series("max |z|", t, z).colour(q).width(THIN);
            }
            zc.dashed("Bonferroni bound, family-wise " + Checker.FAMILY_ALPHA + " per time", t, SimulationFolder.column(rows, bi))
                    .ink().width(THIN);
            if (!hasFinite(z)) {
                zc.xLabel(T_SHORT + " (1 realisation: no SE; simulation.sgd.repeats \u2265 2)");
            }
            zs.add(zc);
        }
        for (LineChart z : zs) {
            panels.add(z);
        }
        if (panels.size() == 0) {
            panels.add(blank());
        }
        return panels.write(dir, "ode_vs_sde", options);
    }

    /**
     * The band of {@code etf_alignment} over the stored sample paths costs one alignment with the
     * nearest simplex ETF per path and output time, about K²p + K³ multiply-adds each (55 ms at
     * K = p = 300 and 1.3 s at K = p = 1000 on the development machine): at most this many in
     * all, about 3 s on one core. Beyond it the band is drawn at fewer output times, evenly
     * spaced, the first and the last included, and left out when fewer than two fit; the legend
     * or the x-axis label says so. Every time is drawn up to K = p = 100 with the five paths simulate keeps.
     */
    public static final double PATH_BAND_BUDGET = 3e9;

    /**
     * The output rows (indices into t) at which the band over {@code paths} stored paths is
     * computed within {@code budget} multiply-adds (see {@link #PATH_BAND_BUDGET}): every row when
     * they fit, else evenly spaced rows with the first and the last, else none (fewer than two fit).
     */
    static int[] pathBandRows(int classes, int dim, int paths, int rows, double budget) {
        double per = (double) classes * classes * dim + (double) classes * classes * classes;
        double fit = Math.floor(budget / (per * Math.max(1, paths)));
        if (fit >= rows) {
            int[] all = new int[rows];
            for (int r = 0; r < rows; r++) {
                all[r] = r;
            }
            return all;
        }
        if (fit < 2) {
            return new int[0];
        }
        int n = (int) fit;
        int[] sel = new int[n];
        for (int j = 0; j < n; j++) {
            sel[j] = (int) Math.round(j * (rows - 1.0) / (n - 1)); // distinct: the step (rows - 1)/(n - 1) exceeds 1
        }
        return sel;
    }

    /** Per-path alignment of the stored sample paths at the given output rows: [path][j] vertex_cos_min at row rowsUsed[j]. */
    private static double[][] pathAlignment(SimulationFolder f, int[] rowsUsed, int threads) {
        int kk = f.model().classes();
        int p = f.model().dim();
        List<double[][]> paths = new ArrayList<>(f.samplePaths().values());
        int rows = rowsUsed.length;
        List<Double> v = ParallelTasks.map(kk >= EtfAlignment.GRAM_ROUTE_MIN_CLASSES ? threads : 1, paths.size() * rows,
                "lesde-figures-alignment", i -> {
                    // the vertex_cos_min of EtfAlignment.of, without the pairwise cosines it does not need
                    return EtfAlignment.quantile(EtfAlignment.vertexCosines(paths.get(i / rows)[rowsUsed[i % rows]], kk, p), 0);
                });
        double[][] out = new double[paths.size()][rows];
        for (int i = 0; i < v.size(); i++) {
            out[i / rows][i % rows] = v.get(i);
        }
        return out;
    }

    private static double[] misalignment(double[] cos) {
        double[] v = new double[cos.length];
        for (int i = 0; i < v.length; i++) {
            double x = 1 - cos[i];
            v[i] = x < ROUNDING_LEVEL ? Double.NaN : x;
        }
        return v;
    }

    public static List<Path> etfAlignment(SimulationFolder f, Path dir, PlotOptions options) {
        return etfAlignment(f, dir, options, 1);
    }

    /**
     * {@link #etfAlignment(SimulationFolder, Path, PlotOptions)} with the sample paths' alignments
     * computed on up to {@code threads} threads when there are enough classes for it to matter
     * (one O(K²p + K³) alignment per path and output row).
     */
    static List<Path> etfAlignment(SimulationFolder f, Path dir, PlotOptions options, int threads) {
        return etfAlignment(f, dir, options, threads, PATH_BAND_BUDGET);
    }

    /** {@link #etfAlignment(SimulationFolder, Path, PlotOptions, int)} with the path band's budget (tests). */
    static List<Path> etfAlignment(SimulationFolder f, Path dir, PlotOptions options, int threads, double pathBandBudget) {
        LeModel m = f.model();
        int kk = m.classes();
        int stored = f.samplePaths().size();
        int[] bandRows = pathBandRows(kk, m.dim(), stored, f.t().length, pathBandBudget);
        // (the title is as long as a title can be: the note goes under the axis)
        String xLabel = stored > 0 && bandRows.length == 0
                ? T_LABEL + "; no band over the stored paths at K = " + kk + " (docs/outputs.md: its cost)"
                : T_LABEL;
        LineChart v = LineChart.titled(m.name() + ": alignment of each centred class mean with its vertex of the nearest simplex ETF")
                .xLabel(xLabel).yLabel("1 \u2212 cos(\u03bc\u0303_k, vertex k)  (log; 0 = on the ETF)").logY();
        LineChart pc = LineChart.titled(m.name() + ": pairwise cosines of centred class means")
                .xLabel(T_LABEL).yLabel("cos(\u03bc\u0303_k, \u03bc\u0303_l), k < l");
        int tc = f.metricsColumn("t");
        int vmin = f.metricsColumn("vertex_cos_min");
        int vmax = f.metricsColumn("vertex_cos_max");
        int q05 = f.metricsColumn("pair_cos_q05");
        int q50 = f.metricsColumn("pair_cos_q50");
        int q95 = f.metricsColumn("pair_cos_q95");
        String[] src = {"sde", "sgd", "ode"};
        for (int s = 0; s < src.length; s++) {
            double[][] rows = f.metrics(src[s]);
            if (rows == null) {
                continue;
            }
            double[] t = SimulationFolder.column(rows, tc);
            double[] worst = misalignment(SimulationFolder.column(rows, vmin));
            double[] best = misalignment(SimulationFolder.column(rows, vmax));
            String name = switch (src[s]) {
                case "sde" -> "SDE ensemble means";
                case "sgd" -> "SGD class means";
                default -> "ODE class means";
            };
            if (src[s].equals("ode")) {
                v.dashed(name + ": worst class (black dashed)", t, worst).ink().width(THIN);
                pc.dashed(name + ": median (black dashed)", t, SimulationFolder.column(rows, q50)).ink().width(THIN);
                continue;
            }
            double[] lo = new double[worst.length];
            double[] hi = new double[worst.length];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = Double.isNaN(best[i]) ? ROUNDING_LEVEL : best[i];
                hi[i] = worst[i];
            }
            v.band(name + ": best .. worst class", t, lo, hi).colour(s);
            pc.band(name + ": 5 .. 95 % over pairs", t, SimulationFolder.column(rows, q05), SimulationFolder.column(rows, q95))
                    .colour(s);
            if (src[s].equals("sgd")) {
                addMarkers(v, name + ": worst class", t, worst, s);
                addMarkers(pc, name + ": median", t, SimulationFolder.column(rows, q50), s);
            } else {
                v.series(name + ": worst class", t, worst).colour(s).width(WIDE);
                pc.series(name + ": median", t, SimulationFolder.column(rows, q50)).colour(s).width(WIDE);
            }
        }
        double[][] pa = bandRows.length == 0 ? new double[0][] : pathAlignment(f, bandRows, threads);
        if (pa.length > 0) {
            double[] bandT = new double[bandRows.length];
            for (int j = 0; j < bandRows.length; j++) {
                bandT[j] = f.t()[bandRows[j]];
            }
            String at = bandRows.length < f.t().length ? ", at " + bandRows.length + " of " + f.t().length + " times" : "";
            double[] lo = new double[bandRows.length];
            double[] hi = new double[lo.length];
            double[] med = new double[lo.length];
            for (int r = 0; r < lo.length; r++) {
                double[] x = new double[pa.length];
                for (int q = 0; q < pa.length; q++) {
                    x[q] = 1 - pa[q][r];
                }
                lo[r] = Math.max(ROUNDING_LEVEL, EtfAlignment.quantile(x, 0));
                hi[r] = Math.max(ROUNDING_LEVEL, EtfAlignment.quantile(x, 1));
                med[r] = EtfAlignment.quantile(x, 0.5);
            }
            v.band("single SDE paths (" + pa.length + " stored" + at + "): range of the worst class", bandT, lo, hi).colour(2);
            v.dashed("single SDE paths: median of the worst class", bandT, misalignment(oneMinus(med))).colour(2).width(THIN);
        }
        double target = SimplexEtf.cosine(kk);
        double[] t = f.t();
        pc.dashed("simplex ETF: \u22121/(K\u22121) = " + trim(target), new double[] {t[0], t[t.length - 1]},
                new double[] {target, target}).colour(3).width(THIN);
        return Panels.grid(1, 1500, 560).add(v).add(pc).write(dir, "etf_alignment", options);
    }

    private static double[] oneMinus(double[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 - x[i];
        }
        return v;
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "").replace('-', '\u2212');
    }

    public static List<Path> etfPlane(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        int kk = m.classes();
        int p = m.dim();
        double[][] ode = f.ode();
        double[] last = ode[ode.length - 1];
        EtfPlane plane = EtfPlane.fit(last, kk, p);
        double tEnd = f.t()[f.t().length - 1];
        LineChart c = LineChart.titled(m.name() + ": centred class means / \u2016M\u0303\u2016_F in the simplex-ETF plane (K = 3)")
                .xLabel("u1 (plane of the ODE class means at t = " + fmt(tEnd) + "; class 0 on the u1 axis; scale-free)")
                .yLabel("u2").equalAspect().size(1100, 850);
        double[] origin = plane.origin();
        double[][] odeUv = projectNormalised(plane, origin, ode, kk, p);
        double[][] sdeUv = projectNormalised(plane, origin, f.sdeMean(), kk, p);
        double[][] sgdUv = f.sgd() == null ? null : projectNormalised(plane, origin, f.sgd(), kk, p);
        for (int k = 0; k < kk; k++) {
            c.series("class " + k + " (ODE)", column(odeUv, 2 * k), column(odeUv, 2 * k + 1)).colour(k).width(WIDE);
        }
        for (int k = 0; k < kk; k++) {
            c.dashed(k == 0 ? "SDE ensemble mean (dashed)" : "SDE mean, class " + k, column(sdeUv, 2 * k),
                    column(sdeUv, 2 * k + 1)).ink().width(THIN);
            if (k > 0) {
                c.noLegend();
            }
        }
        if (sgdUv != null) {
            for (int k = 0; k < kk; k++) {
                addMarkers(c, k == 0 ? "SGD class means (dots)" : "SGD, class " + k, column(sgdUv, 2 * k),
                        column(sgdUv, 2 * k + 1), k);
                if (k > 0) {
                    c.noLegend();
                }
            }
        }
        if (p >= kk - 1) {
            double[] lastNorm = normalisedCentred(last, kk, p, origin);
            double[] v = plane.projectAll(SimplexEtf.nearest(lastNorm, kk, p));
            double[] vx = new double[kk];
            double[] vy = new double[kk];
            String[] labels = new String[kk];
            for (int k = 0; k < kk; k++) {
                vx[k] = v[2 * k];
                vy[k] = v[2 * k + 1];
                labels[k] = "class " + k;
            }
            c.labelledPoints("nearest simplex ETF (vertices, at t = " + fmt(tEnd) + ")", vx, vy, labels);
        }
        return c.write(dir, "etf_plane", options);
    }

    /** (μ_k − μ_G)/||M̃||_F placed at {@code origin}, flat. */
    private static double[] normalisedCentred(double[] means, int classes, int dim, double[] origin) {
        double[] c = NeuralCollapse.centredMeans(means, classes, dim);
        double nn = 0;
        for (double x : c) {
            nn += x * x;
        }
        double s = nn > 0 ? 1 / Math.sqrt(nn) : Double.NaN;
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i] * s + origin[i % dim];
        }
        return c;
    }

    private static double[][] projectNormalised(EtfPlane plane, double[] origin, double[][] rows, int classes, int dim) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = plane.projectAll(normalisedCentred(rows[r], classes, dim, origin));
        }
        return out;
    }

    public static List<Path> ncMetrics(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        int tc = f.metricsColumn("t");
        double[][] sdeRows = f.metrics("sde");
        double[][] sgdRows = f.metrics("sgd");
        double[][] odeRows = f.metrics("ode");
        List<Metric> drawn = new ArrayList<>();
        List<String> zero = new ArrayList<>();
        for (Metric q : Metric.plotted(true)) {
            int c = f.metricsColumn(q.key());
            boolean defined = anyFinite(sdeRows, c) || anyFinite(sgdRows, c);
            boolean allZero = defined && allZeroOrNaN(sdeRows, c) && allZeroOrNaN(sgdRows, c);
            if (defined && !allZero || sdeRows == null && sgdRows == null) {
                drawn.add(q);
            } else if (allZero) {
                zero.add(q.label());
            }
        }
        String title = m.name() + ": neural-collapse metrics"
                + (zero.isEmpty() ? "" : " (" + String.join(", ", zero) + " = 0 at every t: not drawn)");
        LineChart c = LineChart.titled(title).xLabel(T_LABEL).yLabel("metric (log scale; 0 = perfect collapse)").logY()
                .size(1100, 650);
        boolean[] dropped = {false};
        for (int q = 0; q < drawn.size(); q++) {
            Metric x = drawn.get(q);
            int col = f.metricsColumn(x.key());
            if (sdeRows != null) {
                c.series(x.label() + " (SDE)", SimulationFolder.column(sdeRows, tc), drawable(SimulationFolder.column(sdeRows, col), dropped))
                        .colour(q).width(WIDE);
            }
            if (sgdRows != null) {
                addMarkers(c, x.label() + " (SGD, dots)", SimulationFolder.column(sgdRows, tc),
                        drawable(SimulationFolder.column(sgdRows, col), dropped), q);
            }
        }
        boolean first = true;
        for (Metric x : drawn) {
            int col = f.metricsColumn(x.key());
            if (odeRows == null || !anyFinite(odeRows, col)) {
                continue;
            }
            c.dashed(first ? "ODE class means (black dashed)" : x.label() + " (ODE)", SimulationFolder.column(odeRows, tc),
                    drawable(SimulationFolder.column(odeRows, col), dropped)).ink().width(THIN);
            if (!first) {
                c.noLegend();
            }
            first = false;
        }
        if (dropped[0]) {
            c.yLabel("metric (log scale; values < 1e-12, i.e. 0 up to rounding, not drawn)");
        }
        return c.write(dir, "nc_metrics", options);
    }

    public static List<Path> separability(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        double[] t = f.t();
        int tc = f.metricsColumn("t");
        int minC = f.metricsColumn("sep_prob_min");
        int meanC = f.metricsColumn("sep_prob_mean");
        double[][] sde = f.metrics("sde");
        double[][] sgd = f.metrics("sgd");
        boolean oracle = SeparabilityOracle.applies(m);
        LineChart c = LineChart.titled(m.name() + ": separability of class pairs")
                .xLabel(T_LABEL).yLabel("P(pair separated along class-mean difference)").yRange(0, 1.02).size(1100, 650);
        // the mean is never below the min and often equal to it: the mean as a wide line (circles)
        // drawn first, the min dashed (triangles) on top, so that both show where they coincide
        String[] stat = {"mean over pairs", "min over pairs"};
        for (int q = 0; q < 2; q++) {
            int col = q == 1 ? minC : meanC;
            if (sde != null) {
                String name = stat[q] + " (SDE, " + m.simulation().paths() + " paths" + (q == 0 ? ", wide line)" : ", dashed)");
                if (q == 0) {
                    c.series(name, SimulationFolder.column(sde, tc), SimulationFolder.column(sde, col)).colour(q).width(MEAN_WIDE);
                } else {
                    c.dashed(name, SimulationFolder.column(sde, tc), SimulationFolder.column(sde, col)).colour(q).width(2.6f);
                }
            }
            if (sgd != null) {
                addMarkers(c, stat[q] + " (SGD, " + m.simulation().sgdParticles() + " particles" + (q == 0 ? ", circles)" : ", triangles)"),
                        SimulationFolder.column(sgd, tc), SimulationFolder.column(sgd, col), q);
                if (q == 1) {
                    c.shape(LineChart.MarkerShape.TRIANGLE_UP);
                }
            }
        }
        if (oracle) {
            // mean and min over pairs of the closed form, thin black dashed on top of the SDE lines
            double[][] pr = SeparabilityOracle.pairProbabilities(m, f.ode()[0], t);
            for (int q = 0; q < 2; q++) {
                double[] y = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    double lo = Double.POSITIVE_INFINITY;
                    double sum = 0;
                    for (double v : pr[i]) {
                        lo = Math.min(lo, v);
                        sum += v;
                    }
                    y[i] = q == 1 ? lo : sum / pr[i].length;
                }
                c.dashed(q == 0 ? "separability oracle, theory \u00a75.2 (black dashed)" : "oracle, min over pairs", t, y).ink().width(THIN);
                if (q != 0) {
                    c.noLegend();
                }
            }
        }
        return c.write(dir, "separability", options);
    }

    /** The output rows the cosine heat maps show: the first, the middle one and the last. */
    static int[] cosineRows(int rows) {
        int last = rows - 1;
        return java.util.Arrays.stream(new int[] {0, last / 2, last}).distinct().toArray();
    }

    public static List<Path> cosines(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        int kk = m.classes();
        int shown = Math.min(kk, MAX_COSINE_CLASSES);
        String[] labels = new String[shown];
        for (int k = 0; k < shown; k++) {
            labels[k] = kk <= LONG_LABEL_MAX_CLASSES ? "class " + k : String.valueOf(k);
        }
        int[] rows = cosineRows(f.t().length);
        Panels panels = Panels.grid(3, 700, 600);
        for (int row : rows) {
            double[] all = NeuralCollapse.cosineMatrix(f.sdeMean()[row], kk, m.dim());
            double[] cos = new double[shown * shown];
            for (int a = 0; a < shown; a++) {
                System.arraycopy(all, a * kk, cos, a * shown, shown);
            }
            String title = shown < kk
                    ? "cos, centred SDE means 0.." + (shown - 1) + " of " + kk + ", t = " + fmt(f.t()[row])
                    : "cos of centred SDE class means, t = " + fmt(f.t()[row]) + "; ETF: " + trim(SimplexEtf.cosine(kk));
            HeatMap h = HeatMap.titled(title).xLabel("class").yLabel("class").values(cos, shown, shown).labels(labels)
                    .diverging(-1, 1);
            if (shown <= 12) {
                h.showValues(shown <= 6 ? "0.000" : "0.00");
            }
            panels.add(h);
        }
        return panels.write(dir, "cosines", options);
    }

    public static List<Path> classAverage(SimulationFolder f, Path dir, PlotOptions options) {
        LeModel m = f.model();
        int kk = m.classes();
        int drawn = Math.min(kk, MAX_CLASSES_DRAWN);
        int p = m.dim();
        double[] t = f.t();
        double[][][] sources = {f.ode(), f.sdeMean(), f.sgd()};
        double[][] avg = new double[3][];
        double[][][] dev = new double[3][][];
        for (int s = 0; s < 3; s++) {
            double[][] rows = sources[s];
            if (rows == null) {
                continue;
            }
            avg[s] = new double[rows.length];
            dev[s] = new double[kk][rows.length];
            for (int r = 0; r < rows.length; r++) {
                double[] g = NeuralCollapse.globalMean(rows[r], kk, p);
                avg[s][r] = norm(g, 0, p);
                double[] c = NeuralCollapse.centredMeans(rows[r], kk, p);
                for (int k = 0; k < kk; k++) {
                    dev[s][k][r] = norm(c, k * p, (k + 1) * p);
                }
            }
        }
        // log axes whenever the norms are positive: exponential growth rates become slopes
        boolean logA = positive(new double[][] {avg[0], avg[1]});
        boolean logD = positive(dev[0]) && positive(dev[1]);
        LineChart a = LineChart.titled(m.name() + ": class average \u03bc_G(t) = (1/K) \u03a3_k \u03bc_k(t)").xLabel(T_LABEL)
                .yLabel("\u2016\u03bc_G\u2016" + (logA ? " (log scale)" : "")).legendBelow();
        LineChart d = LineChart.titled(m.name() + ": deviations from the class average"
                + (drawn < kk ? " (classes 0.." + (drawn - 1) + " of " + kk + ")" : "")).xLabel(T_LABEL)
                .yLabel("\u2016\u03bc_k \u2212 \u03bc_G\u2016" + (logD ? " (log scale)" : ""));
        if (kk <= 2) {
            d.legendBelow(); // a legend below is one row: K + 2 entries fit for two classes only
        }
        if (logA) {
            a.logY();
        }
        if (logD) {
            d.logY();
        }
        a.series("ODE", t, avg[0]).colour(0).width(WIDE);
        a.dashed("SDE ensemble mean (black dashed)", t, avg[1]).ink().width(THIN);
        if (avg[2] != null) {
            addMarkers(a, "SGD (dots)", f.sgdTimes(), avg[2], 0);
        }
        for (int k = 0; k < drawn; k++) {
            d.series("class " + k + " (ODE)", t, dev[0][k]).colour(k).width(WIDE);
        }
        for (int k = 0; k < drawn; k++) {
            d.dashed(k == 0 ? "SDE ensemble mean (black dashed)" : "SDE, class " + k, t, dev[1][k]).ink().width(THIN);
            if (k > 0) {
                d.noLegend();
            }
        }
        if (dev[2] != null) {
            for (int k = 0; k < drawn; k++) {
                addMarkers(d, k == 0 ? "SGD (dots)" : "SGD, class " + k, f.sgdTimes(), dev[2][k], k);
                if (k > 0) {
                    d.noLegend();
                }
            }
        }
        return Panels.grid(2, 800, 600).add(a).add(d).write(dir, "class_average", options);
    }

    private static boolean positive(double[][] rows) {
        for (double[] r : rows) {
            for (double v : r) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double norm(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    private static boolean hasFinite(double[] v) {
        for (double x : v) {
            if (Double.isFinite(x)) {
                return true;
            }
        }
        return false;
    }

    /** A log y axis when every value is positive and they span at least two decades. */
    private static boolean wantsLogScale(double[][]... sets) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[][] set : sets) {
            if (set == null) {
                continue;
            }
            for (double[] row : set) {
                if (row == null) {
                    continue;
                }
                for (double v : row) {
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    if (!(v > 0) || Double.isInfinite(v)) {
                        return false;
                    }
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > 0 && hi / lo >= 100;
    }

    // ---- helpers ----

    private static void addMarkers(LineChart c, String name, double[] x, double[] y, int colour) {
        int n = x.length;
        int keep = Math.min(n, MAX_MARKERS);
        double[] xs = new double[keep];
        double[] ys = new double[keep];
        for (int j = 0; j < keep; j++) {
            int i = keep == 1 ? 0 : (int) Math.round((double) j * (n - 1) / (keep - 1));
            xs[j] = x[i];
            ys[j] = y[i];
        }
        c.markers(name, xs, ys).colour(colour).shape(LineChart.MarkerShape.CIRCLE);
    }

    private static double[] column(double[][] a, int j) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][j];
        }
        return c;
    }

    /**
     * The metrics are dimensionless; values below {@link #ROUNDING_LEVEL} are exact collapse up to
     * floating-point rounding (e.g. the ODE means of a symmetric model sit on an exact ETF) and
     * would stretch the log axis over 15 decades of noise: they become NaN (not drawn).
     */
    private static double[] drawable(double[] v, boolean[] dropped) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < ROUNDING_LEVEL) {
                dropped[0] |= out[i] > 0;
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static boolean anyFinite(double[][] rows, int c) {
        if (rows != null) {
            for (double[] r : rows) {
                if (Double.isFinite(r[c])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allZeroOrNaN(double[][] rows, int c) {
        if (rows != null) {
            for (double[] r : rows) {
                if (!Double.isNaN(r[c]) && r[c] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String fmt(double t) {
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? String.valueOf((long) t) : String.format(Locale.ROOT, "%.4g", t);
    }
}
