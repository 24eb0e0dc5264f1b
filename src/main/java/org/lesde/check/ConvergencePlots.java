package org.lesde.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lesde.BadInputException;
import org.lesde.io.Json;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.LineChart;
import org.lesde.plot.PlotOptions;

/**
 * The figures of {@code lesde convergence}, drawn from {@code convergence.json} alone:
 * {@code convergence} (the log-log overview: every strong error relative to its error at the
 * coarsest step, with reference slopes 1/2 and 1) and one {@code convergence_<problem>} per
 * problem (strong and weak errors of each solver, absolute).
 */
public final class ConvergencePlots {
    /** The base names of the figures, {@code {problem}} standing for each problem's file-name-safe name. */
    public static final List<String> FIGURES = List.of("convergence", "convergence_{problem}");

    /** The file that holds every curve. */
    public static final String FILE = "convergence.json";

    private ConvergencePlots() {
    }

    /** One solver on one problem, as convergence.json records it (NaN for a null order). */
    record Curve(String problem, String solver, double strongOrder, double expectedStrong, double weakOrder, double[] dts,
            double[] errors, double[] weakErrors) {
    }

    /**
     * Draws every figure of the convergence folder {@code dir} from convergence.json into {@code dir},
     * in parallel on {@code threads} threads ({@link FigureBatch}: the same files, in the same order,
     * for any count); returns the files.
     */
    public static List<Path> redraw(Path dir, PlotOptions options, int threads) {
        List<Curve> curves = read(dir);
        if (options.none()) {
            return new ArrayList<>();
        }
        Set<String> problems = new LinkedHashSet<>();
        curves.forEach(c -> problems.add(c.problem()));
        FigureBatch batch = FigureBatch.of(threads);
        batch.add(() -> overview(curves).write(dir, "convergence", options));
        for (String p : problems) {
            batch.add(() -> problemChart(p, curves).write(dir, "convergence_" + slug(p), options));
        }
        return new ArrayList<>(batch.run(FigureBatch.Progress.NONE));
    }

    /** A file-name-safe form of a problem name. */
    public static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+$", "");
    }

    private static List<Curve> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new BadInputException(dir + " is not a convergence output folder (missing " + f + ")");
        }
        Object json = Json.read(f, "convergence folder " + dir);
        List<Curve> curves = new ArrayList<>();
        try {
            for (Object o : (List<?>) json) {
                Map<?, ?> c = (Map<?, ?>) o;
                double[] dts = numbers(c.get("dts"));
                double[] errors = numbers(c.get("errors"));
                double[] weak = numbers(c.get("weak_errors"));
                if (dts.length == 0 || errors.length != dts.length || weak.length != dts.length) {
                    throw new IllegalArgumentException("dts, errors and weak_errors of unequal length");
                }
                curves.add(new Curve((String) c.get("problem"), (String) c.get("solver"), number(c.get("strong_order")),
                        number(c.get("expected_strong_order")), number(c.get("weak_order")), dts, errors, weak));
            }
        } catch (RuntimeException e) {
            throw new BadInputException(f + " is not a lesde convergence.json (" + e.getMessage() + ")");
        }
        if (curves.isEmpty()) {
            throw new BadInputException(f + " holds no convergence curve");
        }
        return curves;
    }

    private static double number(Object o) {
        if (o == null) {
            return Double.NaN;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String t && (t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity"))) {
            return Double.parseDouble(t); // how Jackson writes a non-finite double
        }
        throw new IllegalArgumentException("not a number: " + o);
    }

    private static double[] numbers(Object o) {
        List<?> l = (List<?>) o;
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(l.get(i));
        }
        return v;
    }

    /**
     * Overview: strong errors of every curve relative to its error at its coarsest step, against
     * dt relative to that step, with reference slopes 1/2 and 1 through (1, 1).
     */
    private static LineChart overview(List<Curve> curves) {
        LineChart c = LineChart.titled("Strong convergence, relative to the coarsest dt")
                .xLabel("dt / coarsest dt").yLabel("RMS error / RMS error at coarsest dt").logX().logY();
        double xMin = 1;
        for (Curve cv : curves) {
            if (!Double.isFinite(cv.strongOrder())) {
                continue; // exact schemes: rounding-level errors
            }
            int n = cv.dts().length;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = cv.dts()[i] / cv.dts()[0];
                y[i] = cv.errors()[i] / cv.errors()[0];
                xMin = Math.min(xMin, x[i]);
            }
            c.series(String.format("%s / %s: slope %.2f (theory %.1f)", cv.problem(), cv.solver(), cv.strongOrder(),
                    cv.expectedStrong()), x, y);
        }
        double[] x = {xMin, 1};
        c.dashed("reference slope 1/2", x, new double[] {Math.sqrt(xMin), 1});
        c.dashed("reference slope 1", x, new double[] {xMin, 1});
        return c;
    }

    /** One problem: strong and weak errors of each solver (absolute), reference slopes 1/2 and 1. */
    private static LineChart problemChart(String problem, List<Curve> curves) {
        LineChart c = LineChart.titled("Convergence on " + problem).xLabel("dt")
                .yLabel("error at T (strong: RMS, weak: |mean|)").logX().logY();
        double dMin = Double.POSITIVE_INFINITY;
        double dMax = 0;
        double top = 0;
        for (Curve cv : curves) {
            if (!cv.problem().equals(problem)) {
                continue;
            }
            c.series(String.format("strong, %s: slope %s", cv.solver(), slopeText(cv.strongOrder())), cv.dts(), cv.errors());
            c.markers(String.format("weak, %s: slope %s", cv.solver(), slopeText(cv.weakOrder())), cv.dts(), cv.weakErrors());
            for (int i = 0; i < cv.dts().length; i++) {
                dMin = Math.min(dMin, cv.dts()[i]);
                dMax = Math.max(dMax, cv.dts()[i]);
                top = Math.max(top, Math.max(cv.errors()[i], cv.weakErrors()[i]));
            }
        }
        if (top > 0) {
            double y0 = 1.5 * top;
            double[] x = {dMin, dMax};
            c.dashed("reference slope 1/2", x, new double[] {y0 * Math.sqrt(dMin / dMax), y0});
            c.dashed("reference slope 1", x, new double[] {y0 * dMin / dMax, y0});
        }
        return c;
    }

    private static String slopeText(double v) {
        return Double.isFinite(v) ? String.format("%.2f", v) : "n/a";
    }
}
