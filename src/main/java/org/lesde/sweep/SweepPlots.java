package org.lesde.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lesde.BadInputException;
import org.lesde.io.Json;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.HeatMap;
import org.lesde.plot.LineChart;
import org.lesde.plot.PlotOptions;
import org.lesde.plot.Ticks;

/**
 * The figures of a sweep, drawn from its folder's files alone (sweep.json and sweep.csv), so
 * that {@code sweep}, {@code merge} and {@code lesde plot} draw the same figures: over the first
 * two axes (other axes at their first value) heat maps of the final minimum separability, of the
 * first-passage time {@code t_sep} and of the final ETF distance, or line charts for a single
 * axis. A cell whose value is NaN (for {@code t_sep}: the threshold never reached) is drawn in
 * grey and the legend says so. On a power-law sweep with c an axis (sweep.json {@code phase}),
 * the log t threshold c = K/2 (docs/theory.md 5.1) is marked at r = 1.
 */
public final class SweepPlots {
    private SweepPlots() {
    }

    /** One figure: the sweep.csv column, its title, its colour-bar / y-axis title, its file. */
    private record Figure(String column, String title, String unit, String file, String nanMeaning) {
    }

    private static final List<Figure> SPECS = List.of(
            new Figure("sep_prob_min", "final separability (min over class pairs)", "P(separated), min over pairs",
                    "sweep_sep_prob_min", "undefined"),
            new Figure("t_sep", "first time the min separability reaches the threshold", "t_sep",
                    "sweep_t_sep", "threshold never reached"),
            new Figure("etf_distance", "final distance to the simplex ETF", "ETF distance",
                    "sweep_etf_distance", "undefined"));

    /** The base names of the figures a sweep writes, in the order they are written. */
    public static final List<String> FIGURES = SPECS.stream().map(Figure::file).toList();

    /**
     * Draws every figure of the sweep folder {@code dir} in the formats of {@code plots}; a
     * shard's folder (a part of the grid) gets none.
     *
     * @return the files written
     */
    public static List<Path> redraw(Path dir, PlotOptions plots) {
        return redraw(dir, plots, 1);
    }

    /**
     * {@link #redraw(Path, PlotOptions)} with the figures drawn in parallel on {@code threads}
     * threads ({@link FigureBatch}: the same files, in the same order, for any count).
     */
    public static List<Path> redraw(Path dir, PlotOptions plots, int threads) {
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve("sweep.json");
        Path csv = dir.resolve("sweep.csv");
        for (Path f : List.of(json, csv)) {
            if (!Files.isRegularFile(f)) {
                throw new BadInputException(dir + " is not a sweep output folder (missing " + f + ")");
            }
        }
        Object j = Json.read(json, "sweep " + dir);
        SweepOutput.Meta meta = SweepOutput.readMeta(j, dir);
        if (plots.none() || !(j instanceof Map<?, ?> m) || !"all".equals(m.get("shard"))) {
            return written;
        }
        Map<Integer, String[]> rows = readRows(csv, meta);
        int nAxes = meta.keys().size();
        FigureBatch batch = FigureBatch.of(threads);
        for (Figure f : SPECS) {
            int col = meta.header().indexOf(f.column());
            if (col < 0) {
                continue;
            }
            batch.add(() -> nAxes == 1 ? line(dir, plots, meta, rows, f, col) : heat(dir, plots, meta, rows, f, col));
        }
        written.addAll(batch.run(FigureBatch.Progress.NONE));
        return written;
    }

    private static Map<Integer, String[]> readRows(Path csv, SweepOutput.Meta meta) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + csv + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !List.of(lines.get(0).split(",", -1)).equals(meta.header())) {
            throw new BadInputException(csv + ": header does not match sweep.json");
        }
        Map<Integer, String[]> rows = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            String[] cells = l.split(",", -1);
            if (cells.length != meta.header().size()) {
                throw new BadInputException(csv + ": line " + (i + 1) + " has " + cells.length + " fields, expected "
                        + meta.header().size());
            }
            try {
                rows.put(Integer.parseInt(cells[0]), cells);
            } catch (NumberFormatException e) {
                throw new BadInputException(csv + ": line " + (i + 1) + ": cell '" + cells[0] + "' is not a cell number");
            }
        }
        return rows;
    }

    private static double value(Map<Integer, String[]> rows, int cell, int col) {
        String[] r = rows.get(cell);
        if (r == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(r[col]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<Path> line(Path dir, PlotOptions plots, SweepOutput.Meta meta, Map<Integer, String[]> rows, Figure f,
            int col) {
        List<Object> vals = meta.values().get(0);
        double[] x = new double[vals.size()];
        double[] y = new double[vals.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = vals.get(i) instanceof Double d ? d : i;
            y[i] = value(rows, i, col);
        }
        List<String> nan = new ArrayList<>();
        String[] xl = Ticks.labels(vals);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(y[i])) {
                nan.add(xl[i]);
            }
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        String title = AxisNames.title(meta.keys().get(0));
        boolean log = lo > 0 && hi / lo >= 100;
        LineChart c = LineChart.titled(meta.name() + ": " + f.title()).xLabel(title + (log ? " (log scale)" : ""))
                .yLabel(f.unit()).markers(f.unit(), x, y).noLegend().series(f.unit() + " ", x, y).noLegend().colour(0);
        if (log) {
            c.logX().xRange(lo / 1.3, hi * 1.3);
        } else if (hi > lo) {
            c.xRange(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo));
        }
        if (!nan.isEmpty()) {
            // a NaN cannot be drawn: the axis title says where and what it means
            c.xLabel(title + (log ? " (log scale)" : "") + "; NaN (" + f.nanMeaning() + ") at " + String.join(", ", nan));
        }
        return c.write(dir, f.file(), plots);
    }

    private static List<Path> heat(Path dir, PlotOptions plots, SweepOutput.Meta meta, Map<Integer, String[]> rows, Figure f,
            int col) {
        int nAxes = meta.keys().size();
        int nr = meta.values().get(0).size();
        int nc = meta.values().get(1).size();
        int stride = 1;
        for (int a = 2; a < nAxes; a++) {
            stride *= meta.values().get(a).size();
        }
        double[][] v = new double[nr][nc];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nc; j++) {
                v[i][j] = value(rows, (i * nc + j) * stride, col);
            }
        }
        HeatMap hm = HeatMap.titled(meta.name() + ": " + f.title()).xLabel(AxisNames.title(meta.keys().get(1)))
                .yLabel(AxisNames.title(meta.keys().get(0))).values(v)
                .labels(Ticks.labels(meta.values().get(0)), Ticks.labels(meta.values().get(1)))
                .showValues(f.column().equals("t_sep") ? "0.#" : "0.###").nanMeaning(f.nanMeaning());
        if (f.column().equals("sep_prob_min")) {
            hm.range(0, 1);
        }
        if (f.column().equals("t_sep")) {
            hm.note("t_sep: first output time at which the min separability over class pairs reaches "
                    + Ticks.value(meta.threshold(), 0, 1, 4));
        }
        markThreshold(hm, meta);
        for (int a = 2; a < nAxes; a++) {
            hm.note("other axes at their first value: " + AxisNames.title(meta.keys().get(a)) + " = "
                    + Ticks.labels(meta.values().get(a))[0]);
        }
        return hm.write(dir, f.file(), plots);
    }

    /**
     * Marks c = K/2 (docs/theory.md 5.1) on the r = 1 row (or column) of a power-law sweep: a
     * dashed line where c = K/2 falls between the c values of the grid, or a note when it falls
     * outside them.
     */
    private static void markThreshold(HeatMap hm, SweepOutput.Meta meta) {
        SweepOutput.Phase ph = meta.phase();
        if (ph == null) {
            return;
        }
        int ci = meta.keys().indexOf("impact.alpha.powerlaw.c");
        int ri = meta.keys().indexOf("impact.alpha.powerlaw.r");
        if (ci < 0 || ci > 1 || ri > 1) {
            return;
        }
        String what = "c = K/2 = " + Ticks.value(ph.cThreshold(), 0, ph.cThreshold(), 4) + " (K = " + ph.classes()
                + ") at r = 1: the log t threshold, separation iff c > K/2";
        double pos = position(meta.values().get(ci), ph.cThreshold());
        int other = meta.values().get(1 - ci).size();
        int from;
        int to;
        if (ri >= 0) {
            int row = -1;
            List<Object> rs = meta.values().get(ri);
            for (int i = 0; i < rs.size(); i++) {
                if (rs.get(i) instanceof Double d && d == 1.0) {
                    row = i;
                }
            }
            if (row < 0) {
                hm.note("no r = 1 in the grid: the threshold " + what + " is not marked");
                return;
            }
            from = row;
            to = row;
        } else if (ph.r() == 1.0) {
            from = 0;
            to = other - 1;
        } else {
            return;
        }
        if (Double.isNaN(pos)) {
            hm.note(what + ": outside the c values of the grid");
            return;
        }
        if (ci == 1) {
            hm.markColumn(pos, from, to, what);
        } else {
            hm.markRow(pos, from, to, what);
        }
    }

    /** Where x falls among the (monotone) grid values, in cell-index units (value i at i); NaN outside. */
    private static double position(List<Object> vals, double x) {
        for (int i = 0; i + 1 < vals.size(); i++) {
            if (vals.get(i) instanceof Double a && vals.get(i + 1) instanceof Double b && a != b.doubleValue()
                    && (x - a) * (x - b) <= 0) {
                return i + (x - a) / (b - a);
            }
        }
        return Double.NaN;
    }
}
