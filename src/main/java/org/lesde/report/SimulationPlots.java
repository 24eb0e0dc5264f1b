package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lesde.model.LeModel;
import org.lesde.monitor.EnsembleMonitor;
import org.lesde.monitor.EtfPlane;
import org.lesde.monitor.Metric;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;
import org.lesde.monitor.PairSeparation;
import org.lesde.monitor.SimplexEtf;
import org.lesde.plot.HeatMap;
import org.lesde.plot.LineChart;
import org.lesde.sim.Moments;
import org.lesde.sim.Simulation;
import org.lesde.sim.Summaries;

/**
 * The plots of a {@code simulate} run, each written as PNG and SVG (see README "What simulate
 * plots"):
 * <ul>
 * <li>{@code trajectories}: per class one representative coordinate (the class's own logit
 *     x_k[k] when p ≥ K, else coordinate 0) of the class mean: LE-ODE (solid, class colour), LE-SDE
 *     ensemble mean (black dashed) ± 1 sd (band, class colour), LE-SGD class means (dots);</li>
 * <li>{@code etf_plane}: the centred class means μ_k(t) − μ_G(t) of each source (a common shift
 *     of all classes says nothing about collapse) projected on the plane of {@link EtfPlane#fit}
 *     at the final LE-ODE means (exact for K = 3, the best-fitting plane for K &gt; 3), ODE solid,
 *     SDE mean black dashed, SGD dots, with the vertices of the nearest simplex ETF
 *     ({@link SimplexEtf#nearest}) labelled by class; equal scale on both axes;</li>
 * <li>{@code nc_metrics}: the plotted log-scale metrics of the catalogue {@link Metric} (NC1, NC2
 *     equinorm / equiangularity / ETF distance and NC4, when defined)
 *     against t on a logarithmic y axis (linear t, so that t = 0 is shown), one colour per metric:
 *     SDE solid, SGD dots, ODE black dashed (only the metrics of class means: no NC1 or NC4); values 0 cannot
 *     be drawn on the log axis (a metric identically 0 is said in the title), and values below
 *     {@value #ROUNDING_LEVEL} (exact collapse up to rounding) are not drawn either (said in the
 *     y-axis title);</li>
 * <li>{@code separability}: the minimum and mean over class pairs of the fraction of paths
 *     separated along the class-mean difference, SDE (lines) and SGD (dots), with the oracle of
 *     docs/theory.md#5-separability-and-the-phase-transition (dashed) when {@link SeparabilityOracle#applies};</li>
 * <li>{@code cosines}: the K x K cosines between centred SDE ensemble class means at the final
 *     time (blue −1 ... white 0 ... red +1).</li>
 * </ul>
 * Class k has palette colour k in every chart (colours repeat from K = 11 on); the legends
 * list each class once (its ODE line) and explain the SDE (black dashed) and SGD (dots) styles
 * once, so that K = 10 stays readable. Markers series are thinned to at most {@value #MAX_MARKERS}
 * points. The y axis of {@code trajectories} is logarithmic when all values are positive and span
 * two decades or more.
 */
public final class SimulationPlots {
    /** The base names of the plot files, in the order they are written. */
    public static final List<String> NAMES = List.of("trajectories", "etf_plane", "nc_metrics", "separability", "cosines");

    /** Up to this many classes, class labels read "class k" (else just "k"). */
    public static final int LONG_LABEL_MAX_CLASSES = 4;

    /** For K &gt; 3, ETF vertices whose projection is shorter than this fraction of the longest are unlabelled. */
    public static final double VERTEX_LABEL_MIN = 0.35;

    /** nc_metrics leaves out positive values below this (rounding-level; see the y-axis title). */
    public static final double ROUNDING_LEVEL = 1e-12;

    /** Markers series are thinned to at most this many points. */
    public static final int MAX_MARKERS = 30;

    private static final float WIDE = 3.6f;
    private static final float THIN = 1.4f;
    private static final String T_LABEL = "t (training time, t = iteration x step size h)";

    private SimulationPlots() {
    }

    /** Writes every plot into {@code dir}; returns the files written (PNG, SVG per plot). */
    public static List<Path> writeAll(Simulation.Result r, Path dir) {
        List<Path> files = new ArrayList<>();
        files.addAll(trajectories(r, dir));
        files.addAll(etfPlane(r, dir));
        files.addAll(ncMetrics(r, dir));
        files.addAll(separability(r, dir));
        files.addAll(cosines(r, dir));
        return files;
    }

    /** The representative coordinate of class k: its own logit when p ≥ K, else coordinate 0. */
    public static int representativeCoordinate(int k, int classes, int dim) {
        return dim >= classes ? k : 0;
    }

    public static List<Path> trajectories(Simulation.Result r, Path dir) {
        LeModel m = r.model();
        int kk = m.classes();
        int p = m.dim();
        double[] t = r.outputTimes();
        double[][] ode = new double[kk][t.length];
        double[][] mean = new double[kk][t.length];
        double[][] sd = new double[kk][t.length];
        double[][] sgd = r.sgd() == null ? null : new double[kk][r.sgdTimes().length];
        for (int k = 0; k < kk; k++) {
            int i = k * p + representativeCoordinate(k, kk, p);
            for (int row = 0; row < t.length; row++) {
                ode[k][row] = r.ode()[row][i];
                mean[k][row] = r.sde().mean(row, i);
                sd[k][row] = r.sde().sd(row, i);
            }
            if (sgd != null) {
                for (int row = 0; row < sgd[k].length; row++) {
                    sgd[k][row] = r.sgd().mean(row, i);
                }
            }
        }
        boolean log = wantsLogScale(ode, mean, sgd);
        String coord = p >= kk ? "x_k[k]" : "x_k[0]";
        LineChart c = LineChart.titled(m.name() + ": class means of " + coord + (p >= kk ? ", the class's own logit" : ""))
                .xLabel(T_LABEL).yLabel("class mean of " + coord + (log ? " (log scale)" : "")).size(1100, 650);
        if (log) {
            c.logY();
        }
        for (int k = 0; k < kk; k++) {
            c.series("class " + k + " (ODE)", t, ode[k]).colour(k).width(WIDE);
        }
        for (int k = 0; k < kk; k++) {
            double[] lo = new double[t.length];
            double[] hi = new double[t.length];
            for (int row = 0; row < t.length; row++) {
                lo[row] = mean[k][row] - sd[k][row];
                hi[row] = mean[k][row] + sd[k][row];
            }
            String name = k == 0 ? "SDE mean (dashed) \u00b1 1 sd (band)" : "SDE mean, class " + k;
            c.dashed(name, t, mean[k]).ink().width(THIN);
            if (k > 0) {
                c.noLegend();
            }
            c.band("band " + k, t, lo, hi).colour(k).noLegend();
        }
        if (sgd != null) {
            for (int k = 0; k < kk; k++) {
                addMarkers(c, k == 0 ? "SGD class means (dots)" : "SGD, class " + k, r.sgdTimes(), sgd[k], k);
                if (k > 0) {
                    c.noLegend();
                }
            }
        }
        return c.write(dir, "trajectories");
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

    public static List<Path> etfPlane(Simulation.Result r, Path dir) {
        LeModel m = r.model();
        int kk = m.classes();
        int p = m.dim();
        double[][] ode = r.ode();
        double[] last = ode[ode.length - 1];
        EtfPlane plane = EtfPlane.fit(last, kk, p);
        String which = kk == 3 ? "the simplex-ETF plane (exact, K = 3)"
                : kk == 2 ? "a plane (K = 2)"
                : "the best-fit plane (K = " + kk + ")";
        double tEnd = r.outputTimes()[r.outputTimes().length - 1];
        LineChart c = LineChart.titled(m.name() + ": centred class means in " + which)
                .xLabel("u1 (plane fitted to the ODE class means at t = " + fmt(tEnd) + "; class 0 on the u1 axis)")
                .yLabel("u2").equalAspect().size(1100, 850);
        double[] origin = plane.origin();
        double[][] odeUv = projectCentred(plane, origin, ode, kk, p);
        double[][] sdeUv = projectCentred(plane, origin, means(r.sde(), r.outputTimes().length, kk * p), kk, p);
        double[][] sgdUv = r.sgd() == null ? null : projectCentred(plane, origin, means(r.sgd(), r.sgdTimes().length, kk * p), kk, p);
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
            double[] v = plane.projectAll(SimplexEtf.nearest(last, kk, p));
            double[] vx = new double[kk];
            double[] vy = new double[kk];
            double longest = 0;
            for (int k = 0; k < kk; k++) {
                vx[k] = v[2 * k];
                vy[k] = v[2 * k + 1];
                longest = Math.max(longest, Math.hypot(vx[k], vy[k]));
            }
            // for K > 3 the vertices far out of the plane project near its origin: leave those
            // unlabelled, their labels would pile up on each other
            String[] labels = new String[kk];
            boolean skipped = false;
            for (int k = 0; k < kk; k++) {
                boolean label = kk <= 3 || Math.hypot(vx[k], vy[k]) >= VERTEX_LABEL_MIN * longest;
                labels[k] = !label ? null : kk <= LONG_LABEL_MAX_CLASSES ? "class " + k : String.valueOf(k);
                skipped |= !label;
            }
            c.labelledPoints(kk == 3 ? "nearest simplex ETF (vertices)"
                    : "nearest simplex ETF, projected" + (skipped ? " (short: no label)" : ""), vx, vy, labels);
        }
        return c.write(dir, "etf_plane");
    }

    public static List<Path> ncMetrics(Simulation.Result r, Path dir) {
        LeModel m = r.model();
        double[] t = r.outputTimes();
        EnsembleMonitor sde = monitor(r.sdeMonitors());
        EnsembleMonitor sgd = r.sgd() == null ? null : monitor(r.sgdMonitors());
        NcMetrics[] odeM = new NcMetrics[t.length];
        NcMetrics[] sdeM = sde == null ? null : new NcMetrics[t.length];
        for (int i = 0; i < t.length; i++) {
            odeM[i] = NeuralCollapse.fromMeans(r.ode()[i], m.classes(), m.dim(), null);
            if (sdeM != null) {
                sdeM[i] = sde.metrics(i);
            }
        }
        NcMetrics[] sgdM = null;
        if (sgd != null) {
            sgdM = new NcMetrics[r.sgdTimes().length];
            for (int i = 0; i < sgdM.length; i++) {
                sgdM[i] = sgd.metrics(i);
            }
        }
        // the catalogue's plotted log-scale metrics; one that is 0 at every t (or never defined) cannot be drawn
        List<Metric> drawn = new ArrayList<>();
        List<String> zero = new ArrayList<>();
        for (Metric q : Metric.plotted(true)) {
            boolean defined = anyFinite(sdeM, q) || anyFinite(sgdM, q);
            boolean allZero = defined && allZeroOrNaN(sdeM, q) && allZeroOrNaN(sgdM, q);
            if (defined && !allZero || sdeM == null && sgdM == null) {
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
            if (sdeM != null) {
                c.series(x.label() + " (SDE)", t, drawable(x.of(sdeM), dropped)).colour(q).width(WIDE);
            }
            if (sgdM != null) {
                addMarkers(c, x.label() + " (SGD, dots)", r.sgdTimes(), drawable(x.of(sgdM), dropped), q);
            }
        }
        // the ODE class means (no within-class spread: metrics such as NC1 and NC4 undefined) on top, black dashed
        boolean first = true;
        for (Metric x : drawn) {
            if (!anyFinite(odeM, x)) {
                continue;
            }
            c.dashed(first ? "ODE class means (black dashed)" : x.label() + " (ODE)", t, drawable(x.of(odeM), dropped))
                    .ink().width(THIN);
            if (!first) {
                c.noLegend();
            }
            first = false;
        }
        if (dropped[0]) {
            c.yLabel("metric (log scale; values < 1e-12, i.e. 0 up to rounding, not drawn)");
        }
        return c.write(dir, "nc_metrics");
    }

    public static List<Path> separability(Simulation.Result r, Path dir) {
        LeModel m = r.model();
        double[] t = r.outputTimes();
        EnsembleMonitor sde = monitor(r.sdeMonitors());
        EnsembleMonitor sgd = r.sgd() == null ? null : monitor(r.sgdMonitors());
        boolean oracle = SeparabilityOracle.applies(m);
        LineChart c = LineChart.titled(m.name() + ": separability of class pairs")
                .xLabel(T_LABEL).yLabel("P(pair separated along class-mean difference)").yRange(0, 1.02).size(1100, 650);
        String[] stat = {"mean over pairs", "min over pairs"};
        for (int q = 0; q < 2; q++) {
            boolean min = q == 1;
            if (sde != null) {
                c.series(stat[q] + " (SDE, " + m.simulation().paths() + " paths)", t, sepColumn(sde, t.length, min)).colour(q)
                        .width(WIDE);
            }
            if (sgd != null) {
                int n = r.sgdTimes().length;
                addMarkers(c, stat[q] + " (SGD, " + m.simulation().sgdParticles() + " particles)", r.sgdTimes(),
                        sepColumn(sgd, n, min), q);
            }
        }
        if (oracle) {
            // mean and min over pairs of the closed form, thin black dashed on top of the SDE lines
            double[][] pr = SeparabilityOracle.pairProbabilities(m, r.mean0(), t);
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
        return c.write(dir, "separability");
    }

    public static List<Path> cosines(Simulation.Result r, Path dir) {
        LeModel m = r.model();
        int kk = m.classes();
        int last = r.outputTimes().length - 1;
        double[] mu = means(r.sde(), r.outputTimes().length, kk * m.dim())[last];
        double[] cos = NeuralCollapse.cosineMatrix(mu, kk, m.dim());
        String[] labels = new String[kk];
        for (int k = 0; k < kk; k++) {
            labels[k] = kk <= LONG_LABEL_MAX_CLASSES ? "class " + k : String.valueOf(k);
        }
        String target = String.format(Locale.ROOT, "%.3f", SimplexEtf.cosine(kk)).replaceAll("0+$", "").replaceAll("\\.$", "");
        return HeatMap.titled(m.name() + ": cosines of centred SDE class means, t = " + fmt(r.outputTimes()[last])
                + "; ETF \u22121/(K\u22121) = " + target.replace('-', '\u2212'))
                .xLabel("class").yLabel("class").values(cos, kk, kk).labels(labels).diverging(-1, 1).showValues(kk <= 6 ? "0.000" : "0.00")
                .size(1000, 820).write(dir, "cosines");
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

    private static EnsembleMonitor monitor(Summaries summaries) {
        return summaries == null ? null : summaries.find(EnsembleMonitor.class);
    }

    private static double[][] means(Moments mo, int rows, int n) {
        double[][] out = new double[rows][n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                out[r][i] = mo.mean(r, i);
            }
        }
        return out;
    }

    /**
     * Plane coordinates of the centred class means μ_k(t) − μ_G(t) of every row (placed at the
     * plane's origin): a common shift of all classes, irrelevant to collapse, is removed, e.g. the
     * common random walk of the LE-SGD class means (every particle moves with the same drawn sample).
     */
    private static double[][] projectCentred(EtfPlane plane, double[] origin, double[][] rows, int classes, int dim) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] c = NeuralCollapse.centredMeans(rows[r], classes, dim);
            for (int i = 0; i < c.length; i++) {
                c[i] += origin[i % dim];
            }
            out[r] = plane.projectAll(c);
        }
        return out;
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

    private static boolean anyFinite(NcMetrics[] ms, Metric q) {
        if (ms != null) {
            for (NcMetrics x : ms) {
                if (Double.isFinite(q.of(x))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allZeroOrNaN(NcMetrics[] ms, Metric q) {
        if (ms != null) {
            for (NcMetrics x : ms) {
                double v = q.of(x);
                if (!Double.isNaN(v) && v != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] sepColumn(EnsembleMonitor mon, int rows, boolean min) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            PairSeparation s = mon.separation(i);
            v[i] = min ? s.min() : s.mean();
        }
        return v;
    }

    private static String fmt(double t) {
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? String.valueOf((long) t) : String.format(Locale.ROOT, "%.4g", t);
    }
}
