package org.lesde.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.io.CsvRow;
import org.lesde.io.NumericCsv;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.monitor.MetricsRow;
import org.lesde.sim.Moments;
import org.lesde.sim.ParallelTasks;
import org.lesde.sim.Simulation;

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

    /**
     * What {@link #read} would read from {@code dir} once {@code simulate} has written the result
     * {@code r} there, without reading it: the numbers of the files as they are in memory
     * ({@code Double.toString}, which the files hold, is a round-trip form, so these are the values
     * a reader parses back, bit for bit: {@code SimulationFolderTest}). {@code metrics} and
     * {@code comparison} are the rows written to metrics.csv and comparison.csv
     * ({@link Monitoring#metrics}, {@link Comparison#table}); the model is the one summary.json
     * records, {@code r.model()}. The arrays are shared with {@code r}, not copied: the figures
     * only read them.
     */
    public static SimulationFolder of(Path dir, Simulation.Result r, List<CsvRow> metrics, List<CsvRow> comparison) {
        LeModel m = r.model();
        int n = m.stateDim();
        double[] t = r.outputTimes();
        double[][] sdeMean = new double[t.length][n];
        double[][] sdeSd = new double[t.length][n];
        double[][] odeRows = new double[t.length][];
        for (int row = 0; row < t.length; row++) {
            odeRows[row] = r.ode()[row].length == n ? r.ode()[row] : java.util.Arrays.copyOf(r.ode()[row], n);
            for (int i = 0; i < n; i++) {
                sdeMean[row][i] = r.sde().mean(row, i);
                sdeSd[row][i] = r.sde().sd(row, i);
            }
        }
        Map<Long, double[][]> paths = new LinkedHashMap<>();
        for (Map.Entry<Long, double[][]> e : r.samples().paths()) {
            paths.put(e.getKey(), e.getValue());
        }
        double[][] sgd = null;
        List<double[][]> reps = null;
        if (r.sgd() != null) {
            sgd = means(r.sgd(), r.sgdTimes().length, n);
            reps = new ArrayList<>();
            if (r.sgdRepeats() != null && r.sgdRepeats().size() > 1) {
                for (Moments rep : r.sgdRepeats()) {
                    reps.add(means(rep, r.sgdTimes().length, n));
                }
            } else {
                reps.add(sgd);
            }
        }
        Map<String, double[][]> byMetricsSource = new LinkedHashMap<>();
        labelled(metrics).forEach((k, v) -> byMetricsSource.put(k.get(0), v));
        Map<String, Map<String, double[][]>> byComparison = new LinkedHashMap<>();
        labelled(comparison).forEach((k, v) -> byComparison.computeIfAbsent(k.get(0), x -> new LinkedHashMap<>()).put(k.get(1), v));
        return new SimulationFolder(dir, m, t, odeRows, sdeMean, sdeSd, paths, r.sgd() == null ? null : r.sgdTimes(), sgd, reps,
                MetricsRow.HEADER, byMetricsSource, byComparison);
    }

    private static double[][] means(Moments mo, int rows, int n) {
        double[][] x = new double[rows][n];
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < n; i++) {
                x[row][i] = mo.mean(row, i);
            }
        }
        return x;
    }

    /** Rows grouped by their labels, in the order each label first appears (as {@link #bySource} groups a file's rows). */
    private static Map<List<String>, double[][]> labelled(List<CsvRow> rows) {
        Map<List<String>, List<double[]>> acc = new LinkedHashMap<>();
        for (CsvRow row : rows) {
            acc.computeIfAbsent(row.labels(), k -> new ArrayList<>()).add(row.values());
        }
        Map<List<String>, double[][]> out = new LinkedHashMap<>();
        acc.forEach((k, v) -> out.put(k, v.toArray(new double[0][])));
        return out;
    }

    /** Reads the folder; a missing or foreign file is one line of bad input naming it. */
    public static SimulationFolder read(Path dir) {
        return read(dir, 1);
    }

    /**
     * {@link #read(Path)} with the files parsed on up to {@code threads} threads (each file as
     * read alone: the same folder content for any count). The first unreadable file in the order
     * of the class comment is the one reported; the groups' row counts are checked after.
     */
    public static SimulationFolder read(Path dir, int threads) {
        Path summary = dir.resolve("summary.json");
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(dir.resolve("ode.csv"))) {
            throw new BadInputException(dir + ": not a simulate output folder (no summary.json and ode.csv)");
        }
        LeModel m = ModelFile.read(summary);
        int n = m.stateDim();
        Path sgdFile = dir.resolve("sgd.csv");
        Path rf = dir.resolve(SimulationWriter.SGD_REPEATS);
        Path cf = dir.resolve(Comparison.FILE);
        boolean hasSgd = Files.isRegularFile(sgdFile);
        List<String> mh = new ArrayList<>();
        List<String> ch = new ArrayList<>();
        // 0 ode, 1 sde_mean, 2 sde_paths, 3 sgd, 4 sgd_repeats, 5 metrics, 6 comparison (null: absent)
        List<Object> parts = ParallelTasks.map(threads, 7, "lesde-read", i -> switch (i) {
            case 0 -> table(dir.resolve("ode.csv"), 1 + n);
            case 1 -> table(dir.resolve("sde_mean.csv"), 1 + 2 * n);
            case 2 -> grouped(dir.resolve("sde_paths.csv"), n);
            case 3 -> hasSgd ? table(sgdFile, 1 + n) : null;
            case 4 -> hasSgd && Files.isRegularFile(rf) ? grouped(rf, n) : null;
            case 5 -> bySource(dir.resolve("metrics.csv"), mh, 1);
            default -> Files.isRegularFile(cf) ? bySource(cf, ch, 2) : null;
        });
        NumericCsv.Data ode = (NumericCsv.Data) parts.get(0);
        NumericCsv.Data sde = (NumericCsv.Data) parts.get(1);
        double[] t = ode.values(0);
        double[][] sdeMean = new double[t.length][];
        double[][] sdeSd = new double[t.length][];
        double[][] odeRows = new double[t.length][];
        for (int r = 0; r < t.length; r++) {
            odeRows[r] = java.util.Arrays.copyOfRange(ode.rows()[r], 1, 1 + n);
            sdeMean[r] = java.util.Arrays.copyOfRange(sde.rows()[r], 1, 1 + n);
            sdeSd[r] = java.util.Arrays.copyOfRange(sde.rows()[r], 1 + n, 1 + 2 * n);
        }
        Map<Long, double[][]> paths = checkRows(dir.resolve("sde_paths.csv"), grouped(parts.get(2)), t.length);
        double[] sgdTimes = null;
        double[][] sgd = null;
        List<double[][]> reps = null;
        if (hasSgd) {
            NumericCsv.Data d = (NumericCsv.Data) parts.get(3);
            sgdTimes = d.values(0);
            sgd = new double[sgdTimes.length][];
            for (int r = 0; r < sgdTimes.length; r++) {
                sgd[r] = java.util.Arrays.copyOfRange(d.rows()[r], 1, 1 + n);
            }
            reps = new ArrayList<>();
            if (parts.get(4) != null) {
                reps.addAll(checkRows(rf, grouped(parts.get(4)), sgdTimes.length).values());
            } else {
                reps.add(sgd);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, double[][]> metrics = (Map<String, double[][]>) parts.get(5);
        Map<String, Map<String, double[][]>> comparison = new LinkedHashMap<>();
        if (parts.get(6) != null) {
            @SuppressWarnings("unchecked")
            Map<String, double[][]> rows = (Map<String, double[][]>) parts.get(6);
            for (Map.Entry<String, double[][]> e : rows.entrySet()) {
                String[] key = e.getKey().split("\u0000", 2);
                comparison.computeIfAbsent(key[0], k -> new LinkedHashMap<>()).put(key[1], e.getValue());
            }
        }
        return new SimulationFolder(dir, m, t, odeRows, sdeMean, sdeSd, paths, sgdTimes, sgd, reps, List.copyOf(mh), metrics,
                comparison);
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, double[][]> grouped(Object part) {
        return (Map<Long, double[][]>) part;
    }

    /** Every group of a grouped file must hold {@code rows} rows (the output or SGD times). */
    private static Map<Long, double[][]> checkRows(Path file, Map<Long, double[][]> groups, int rows) {
        for (Map.Entry<Long, double[][]> e : groups.entrySet()) {
            if (e.getValue().length != rows) {
                throw new BadInputException(file + ": group " + e.getKey() + " has " + e.getValue().length + " rows, expected " + rows);
            }
        }
        return groups;
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
    private static Map<Long, double[][]> grouped(Path file, int n) {
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
