package org.lesde.fit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.io.Csv;
import org.lesde.io.NumericCsv;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.LineChart;
import org.lesde.plot.PlotOptions;

/**
 * Several fitted logs side by side: the paper's Figure 4 (docs/theory.md#76-the-papers-figures).
 * One row per log in {@code fit_summary.csv}, each log's fit in its own sub-folder; the figures
 * {@code fig4_tail} (tail indices r̂ of Â and B̂ of both models against the label value, the
 * band 0–1 shaded green, 1–2 red, dotted lines at r = 1 and, for a label named {@code p}, at
 * p = 0.67, as the official {@code viz_tail_perr}), {@code fig4_val_loss} and
 * {@code fig4_val_acc} (per log the validation mean over trials against iterations with a 95 %
 * band, as {@code viz_val_perr}; dotted references: the mean validation loss at the first
 * validated iteration over all logs, accuracy 2/3).
 */
public final class FitSummary {
    /** The summary file of a folder of several fits. */
    public static final String FILE = "fit_summary.csv";
    public static final List<String> HEADER = List.of("label", "label_name", "label_value", "log", "folder", "trials",
            "iterations", "tail_A_I", "tail_B_I", "tail_A_L", "tail_B_L", "val_itr", "val_loss", "val_acc");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.+)");

    private FitSummary() {
    }

    /** A parsed {@code --label NAME=VALUE}. */
    public record Label(String text, String name, double value) {
        /** The sub-folder of this log: NAME_VALUE with characters other than letters, digits, '.', '-', '_' replaced. */
        public String folder() {
            return (name + "_" + text.substring(name.length() + 1)).replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    /** Parses {@code NAME=VALUE} (VALUE a finite number); bad input names the option and value. */
    public static Label parseLabel(String s) {
        Matcher m = LABEL.matcher(s == null ? "" : s.trim());
        if (!m.matches()) {
            throw new BadInputException("--label must be NAME=VALUE (e.g. p=0.2), got " + Require.quoted(s));
        }
        double v;
        try {
            v = Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
            throw new BadInputException("--label value must be a number, got " + Require.quoted(s));
        }
        if (!Double.isFinite(v)) {
            throw new BadInputException("--label value must be finite, got " + Require.quoted(s));
        }
        return new Label(s.trim(), m.group(1), v);
    }

    /** Checks a list of labels: one per log, one name for all, distinct folders. */
    public static void validate(List<Label> labels, int logs) {
        if (labels.size() != logs) {
            throw new BadInputException("--label must be given once per LOG: " + logs + " logs, " + labels.size() + " labels");
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.get(i).name().equals(labels.get(0).name())) {
                throw new BadInputException("--label names must agree (one x axis): " + labels.get(0).text() + " and "
                        + Require.quoted(labels.get(i).text()));
            }
            for (int q = 0; q < i; q++) {
                if (labels.get(q).folder().equals(labels.get(i).folder())) {
                    throw new BadInputException("--label " + Require.quoted(labels.get(i).text()) + " is given twice");
                }
            }
        }
    }

    /** One summary row from a fitted log. */
    public static List<String> row(Label label, TrainingLog log, Fit.Result r) {
        Validation v = Validation.of(log);
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(label.text());
        cells.add(label.name());
        cells.add(Csv.format(label.value()));
        cells.add(log.name().replace(',', '_').replace('"', '_'));
        cells.add(label.folder());
        cells.add(Integer.toString(log.trials()));
        cells.add(Integer.toString(r.iterations()));
        cells.add(Csv.format(r.i().tailA().r()));
        cells.add(Csv.format(r.i().tailB().r()));
        cells.add(Csv.format(r.l().tailA().r()));
        cells.add(Csv.format(r.l().tailB().r()));
        cells.add(v == null ? "" : Integer.toString(v.itr()[v.last()]));
        cells.add(v == null ? "" : Csv.format(v.lossMean()[v.last()]));
        cells.add(v == null ? "" : Csv.format(v.accMean()[v.last()]));
        return cells;
    }

    /** Writes {@code fit_summary.csv}. */
    public static void write(Path dir, List<List<String>> rows) {
        try (Csv c = Csv.create(dir.resolve(FILE), HEADER)) {
            for (List<String> row : rows) {
                c.rawRow(row);
            }
        }
    }

    /** A row read back. */
    record Read(String label, String name, double value, String folder, double[] tails) {
    }

    static List<Read> read(Path dir) {
        List<Read> out = new ArrayList<>();
        NumericCsv.stream(dir.resolve(FILE), null, NumericCsv.Options.defaults().withRequiredHeader().withNonFinite(),
                new NumericCsv.Rows() {
                    @Override
                    public void header(List<String> names, NumericCsv.Row line) {
                        if (!names.equals(HEADER)) {
                            throw new BadInputException(dir.resolve(FILE) + ": header must be " + String.join(",", HEADER));
                        }
                    }

                    @Override
                    public void row(NumericCsv.Row row) {
                        String folder = row.text(4);
                        if (folder.contains("/") || folder.contains("\\") || folder.startsWith(".")) {
                            throw new BadInputException(row.where(4) + ": not a sub-folder name, got " + Require.quoted(folder));
                        }
                        out.add(new Read(row.text(0), row.text(1), row.number(2), folder,
                                new double[] {row.number(7), row.number(8), row.number(9), row.number(10)}));
                    }
                });
        return out;
    }

    /** Adds every listed fit folder's figures and the summary figures to the batch, in the order they are written. */
    static void add(FigureBatch batch, Path dir, PlotOptions options) {
        List<Read> rows = read(dir);
        for (Read r : rows) {
            FitPlots.addFolder(batch, dir.resolve(r.folder()), options);
        }
        if (options.none() || rows.isEmpty()) {
            return;
        }
        batch.add(() -> tailFigure(dir, rows, options));
        batch.add(() -> validationFigure(dir, rows, true, options));
        batch.add(() -> validationFigure(dir, rows, false, options));
    }

    /** The paper's Figure 4, tail indices against the swept value. */
    private static List<Path> tailFigure(Path dir, List<Read> rows, PlotOptions options) {
        String name = rows.get(0).name();
        int n = rows.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows.get(i).value();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (name.equals("p")) {
            lo = Math.min(lo, 0.67);
            hi = Math.max(hi, 0.67);
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : 0.5;
        double[] span = {lo - pad, hi + pad};
        LineChart tail = LineChart.titled("Paper's Figure 4: tail indices r̂ of Â (α) and B̂ (β) against " + name)
                .xLabel(name).xRange(span[0], span[1]).yLabel("tail index r̂ (r < 1: ∫α diverges)")
                .band("0 < r < 1 (separating)", span, new double[] {0, 0}, new double[] {1, 1}).colour(2)
                .band("1 < r < 2", span, new double[] {1, 1}, new double[] {2, 2}).colour(3)
                .dashed("r = 1", span, new double[] {1, 1}).ink().noLegend();
        if (name.equals("p")) {
            tail.dashed("p = 0.67", new double[] {0.67, 0.67}, new double[] {0, 2}).ink().noLegend();
        }
        String[] labels = {"r̂_α (I-model)", "r̂_β (I-model)", "r̂_α (L-model)", "r̂_β (L-model)"};
        LineChart.MarkerShape[] shapes = {LineChart.MarkerShape.CIRCLE, LineChart.MarkerShape.SQUARE,
            LineChart.MarkerShape.TRIANGLE_UP, LineChart.MarkerShape.DIAMOND};
        int[] colours = {0, 4, 0, 4};
        for (int q = 0; q < 4; q++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rows.get(i).tails()[q];
            }
            tail.markers(labels[q], x, y).colour(colours[q]).shape(shapes[q]);
        }
        return tail.write(dir, "fig4_tail", options);
    }

    private static List<Path> validationFigure(Path dir, List<Read> rows, boolean loss, PlotOptions options) {
        String what = loss ? "loss" : "acc";
        LineChart ch = LineChart.titled("Paper's Figure 4: validation " + (loss ? "loss" : "accuracy")
                + " per " + rows.get(0).name() + " (mean over trials, 95 % band)").xLabel("iteration")
                .yLabel(loss ? "validation loss" : "validation accuracy");
        double ref = loss ? 0.0 : 2.0 / 3.0;
        int refN = 0;
        double tMax = 0;
        int drawn = 0;
        for (int i = 0; i < rows.size(); i++) {
            Path f = dir.resolve(rows.get(i).folder()).resolve("validation.csv");
            if (!Files.isRegularFile(f)) {
                continue;
            }
            NumericCsv.Data v = FitPlots.table(dir.resolve(rows.get(i).folder()), "validation.csv");
            double[] itr = FitPlots.col(v, "itr");
            double[] n = FitPlots.col(v, "n");
            double[] mu = FitPlots.col(v, "val_" + what + "_mean");
            double[] sd = FitPlots.col(v, "val_" + what + "_sd");
            if (itr.length == 0 || !Double.isFinite(mu[0])) {
                continue;
            }
            double[] lo = new double[itr.length];
            double[] hi = new double[itr.length];
            for (int m = 0; m < itr.length; m++) {
                double h = 1.96 * sd[m] / Math.sqrt(n[m]);
                lo[m] = mu[m] - h;
                hi[m] = mu[m] + h;
            }
            tMax = Math.max(tMax, itr[itr.length - 1]);
            String name = rows.get(i).label();
            ch.series(name, itr, mu).colour(i).band(name, itr, lo, hi).colour(i);
            if (loss) {
                ref += mu[0];
                refN++;
            }
            drawn++;
        }
        if (drawn == 0) {
            return List.of();
        }
        if (loss) {
            ref /= refN;
        }
        ch.dashed(loss ? "mean loss at the first validation" : "accuracy 2/3", new double[] {0, tMax},
                new double[] {ref, ref}).ink();
        return ch.write(dir, "fig4_val_" + what, options);
    }
}
