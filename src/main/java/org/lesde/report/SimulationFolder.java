package org.lesde.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.io.NumericCsv;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/**
 * The content of a finished {@code simulate} folder, read back from its files alone
 * (summary.json, ode.csv, sde_mean.csv, sde_paths.csv, sgd.csv, sgd_repeats.csv, metrics.csv,
 * comparison.csv): what every simulate figure is drawn from ({@link SimulationPlots#redraw}).
 *
 * @param model       the resolved model of summary.json
 * @param t           the output times
 * @param ode         LE-ODE class means [row][K·p]
 * @param sdeMean     ensemble means [row][K·p]
 * @param sdeSd       ensemble standard deviations (population) [row][K·p]
 * @param samplePaths stored sample paths, path index → [row][K·p]
 * @param sgdTimes    LE-SGD times, null without particles
 * @param sgd         LE-SGD class means of repeat 0, null without particles
 * @param sgdRepeats  the class means of every repeat (repeat 0 first), null without particles
 * @param metrics     metrics.csv by source ({@code ode}, {@code sde}, {@code sgd}): rows of numbers in
 *                    the columns of {@link #metricsHeader} (the source column NaN)
 * @param comparison  comparison.csv by source then class ({@code 0}, ..., {@code all}): rows in the
 *                    columns of {@link Comparison#HEADER} (text columns NaN)
 */
public record SimulationFolder(Path dir, LeModel model, double[] t, double[][] ode, double[][] sdeMean, double[][] sdeSd,
        Map<Long, double[][]> samplePaths, double[] sgdTimes, double[][] sgd, List<double[][]> sgdRepeats,
        List<String> metricsHeader, Map<String, double[][]> metrics, Map<String, Map<String, double[][]>> comparison) {

    /** Reads the folder; a missing or foreign file is one line of bad input naming it. */
    public static SimulationFolder read(Path dir) {
        Path summary = dir.resolve("summary.json");
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(dir.resolve("ode.csv"))) {
            throw new BadInputException(dir + ": not a simulate output folder (no summary.json and ode.csv)");
        }
        LeModel m = ModelFile.read(summary);
        int n = m.stateDim();
        NumericCsv.Data ode = table(dir.resolve("ode.csv"), 1 + n);
        NumericCsv.Data sde = table(dir.resolve("sde_mean.csv"), 1 + 2 * n);
        double[] t = ode.values(0);
        double[][] sdeMean = new double[t.length][];
        double[][] sdeSd = new double[t.length][];
        double[][] odeRows = new double[t.length][];
        for (int r = 0; r < t.length; r++) {
            odeRows[r] = java.util.Arrays.copyOfRange(ode.rows()[r], 1, 1 + n);
            sdeMean[r] = java.util.Arrays.copyOfRange(sde.rows()[r], 1, 1 + n);
            sdeSd[r] = java.util.Arrays.copyOfRange(sde.rows()[r], 1 + n, 1 + 2 * n);
        }
        Map<Long, double[][]> paths = grouped(dir.resolve("sde_paths.csv"), n, t.length);
        double[] sgdTimes = null;
        double[][] sgd = null;
        List<double[][]> reps = null;
        Path sgdFile = dir.resolve("sgd.csv");
        if (Files.isRegularFile(sgdFile)) {
            NumericCsv.Data d = table(sgdFile, 1 + n);
            sgdTimes = d.values(0);
            sgd = new double[sgdTimes.length][];
            for (int r = 0; r < sgdTimes.length; r++) {
                sgd[r] = java.util.Arrays.copyOfRange(d.rows()[r], 1, 1 + n);
            }
            Path rf = dir.resolve(SimulationWriter.SGD_REPEATS);
            reps = new ArrayList<>();
            if (Files.isRegularFile(rf)) {
                reps.addAll(grouped(rf, n, sgdTimes.length).values());
            } else {
                reps.add(sgd);
            }
        }
        List<String> mh = new ArrayList<>();
        Map<String, double[][]> metrics = bySource(dir.resolve("metrics.csv"), mh, 1);
        List<String> ch = new ArrayList<>();
        Map<String, Map<String, double[][]>> comparison = new LinkedHashMap<>();
        Path cf = dir.resolve(Comparison.FILE);
        if (Files.isRegularFile(cf)) {
            Map<String, double[][]> rows = bySource(cf, ch, 2);
            for (Map.Entry<String, double[][]> e : rows.entrySet()) {
                String[] key = e.getKey().split("\u0000", 2);
                comparison.computeIfAbsent(key[0], k -> new LinkedHashMap<>()).put(key[1], e.getValue());
            }
        }
        return new SimulationFolder(dir, m, t, odeRows, sdeMean, sdeSd, paths, sgdTimes, sgd, reps, List.copyOf(mh), metrics,
                comparison);
    }

    /** The rows of metrics.csv of one source (null if none) and the index of a column. */
    public double[][] metrics(String source) {
        return metrics.get(source);
    }

    public int metricsColumn(String key) {
        int i = metricsHeader.indexOf(key);
        if (i < 0) {
            throw new BadInputException(dir.resolve("metrics.csv") + ": missing column \"" + key + "\"");
        }
        return i;
    }

    /** Column {@code c} of a table of rows. */
    public static double[] column(double[][] rows, int c) {
        double[] v = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            v[r] = rows[r][c];
        }
        return v;
    }

    private static NumericCsv.Data table(Path file, int columns) {
        return NumericCsv.read(file, null, NumericCsv.Options.defaults().withRequiredHeader().withColumns(columns).withNonFinite());
    }

    /** A file whose first column groups rows (path, repeat) followed by t and the state: group → [row][K·p]. */
    private static Map<Long, double[][]> grouped(Path file, int n, int rows) {
        Map<Long, List<double[]>> acc = new LinkedHashMap<>();
        NumericCsv.stream(file, null, NumericCsv.Options.defaults().withRequiredHeader().withColumns(2 + n).withNonFinite()
                .withEmpty(), row -> {
                    double[] x = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = row.number(2 + i);
                    }
                    acc.computeIfAbsent(Math.round(row.number(0)), k -> new ArrayList<>()).add(x);
                });
        Map<Long, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<Long, List<double[]>> e : acc.entrySet()) {
            if (e.getValue().size() != rows) {
                throw new BadInputException(file + ": group " + e.getKey() + " has " + e.getValue().size() + " rows, expected " + rows);
            }
            out.put(e.getKey(), e.getValue().toArray(new double[0][]));
        }
        return out;
    }

    /** Rows keyed by their first {@code keys} text columns after t (joined by NUL), numbers elsewhere (NaN in text columns). */
    private static Map<String, double[][]> bySource(Path file, List<String> header, int keys) {
        Map<String, List<double[]>> acc = new LinkedHashMap<>();
        NumericCsv.stream(file, null, NumericCsv.Options.defaults().withRequiredHeader().withNonFinite().withEmpty(),
                new NumericCsv.Rows() {
                    @Override
                    public void header(List<String> names, NumericCsv.Row line) {
                        header.addAll(names);
                    }

                    @Override
                    public void row(NumericCsv.Row row) {
                        double[] x = new double[row.size()];
                        StringBuilder key = new StringBuilder();
                        for (int c = 0; c < x.length; c++) {
                            if (c >= 1 && c <= keys) {
                                key.append(c > 1 ? "\u0000" : "").append(row.text(c));
                                x[c] = Double.NaN;
                            } else {
                                x[c] = row.number(c);
                            }
                        }
                        acc.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(x);
                    }
                });
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : acc.entrySet()) {
            out.put(e.getKey(), e.getValue().toArray(new double[0][]));
        }
        return out;
    }
}
