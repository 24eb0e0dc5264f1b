package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lesde.io.Csv;
import org.lesde.io.CsvRow;
import org.lesde.model.LeModel;
import org.lesde.sim.Moments;
import org.lesde.sim.Simulation;

/** Writes the CSV files of a simulation run (formats in README "Output files"). */
public final class SimulationWriter {
    private SimulationWriter() {
    }

    /** Column names k0_d0, ..., k{K-1}_d{p-1}. */
    public static List<String> stateColumns(int classes, int dim, String suffix) {
        List<String> c = new ArrayList<>(classes * dim);
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                c.add("k" + k + "_d" + j + suffix);
            }
        }
        return c;
    }

    private static List<String> header(LeModel m, String first, boolean withSd) {
        List<String> h = new ArrayList<>();
        if (first != null) {
            h.add(first);
        }
        h.add("t");
        h.addAll(stateColumns(m.classes(), m.dim(), ""));
        if (withSd) {
            h.addAll(stateColumns(m.classes(), m.dim(), "_sd"));
        }
        return h;
    }

    /**
     * About how many numbers {@link #writeAll} writes: the LE-ODE, the ensemble means and sds, the
     * kept sample paths and the quantiles at every output row, and the LE-SGD class means of every
     * repeat (comparison.csv and metrics.csv, a few per class and row, left out).
     */
    public static long numbers(Simulation.Result r) {
        long n = r.model().stateDim();
        long rows = r.outputTimes().length;
        long perRow = 3 + r.samples().paths().size() + QuantileOutput.levels(r.model()).size();
        long sgd = r.sgd() == null ? 0 : (long) r.sgdTimes().length * (r.sgdRepeats() == null ? 1 : r.sgdRepeats().size());
        return n * (rows * perRow + sgd);
    }

    public static void writeAll(Simulation.Result r, Path dir) {
        writeAll(r, dir, Comparison.table(r));
    }

    /**
     * {@link #writeAll(Simulation.Result, Path)} with the rows of comparison.csv already computed
     * ({@link Comparison#table}). The rows of the large files are formatted on the run's threads
     * ({@link CsvRows}: the same bytes).
     */
    public static void writeAll(Simulation.Result r, Path dir, List<CsvRow> comparison) {
        LeModel m = r.model();
        int n = m.stateDim();
        double[] t = r.outputTimes();
        int threads = r.threads();
        try (Csv c = Csv.create(dir.resolve("ode.csv"), header(m, null, false))) {
            CsvRows.write(c, t.length, 1 + n, threads,
                    (i, out) -> Csv.append(out, new String[] {Double.toString(t[i])}, r.ode()[i], 0, n));
        }
        writeMoments(dir.resolve("sde_mean.csv"), m, t, r.sde(), true, threads);
        try (Csv c = Csv.create(dir.resolve("sde_paths.csv"), header(m, "path", false))) {
            List<Map.Entry<Long, double[][]>> paths = r.samples().paths();
            int rows = t.length;
            CsvRows.write(c, paths.size() * rows, 2 + n, threads, (k, out) -> {
                Map.Entry<Long, double[][]> e = paths.get(k / rows);
                int i = k % rows;
                Csv.append(out, new String[] {Long.toString(e.getKey()), Double.toString(t[i])}, e.getValue()[i], 0, n);
            });
        }
        if (r.sgd() != null) {
            writeMoments(dir.resolve("sgd.csv"), m, r.sgdTimes(), r.sgd(), false, threads);
        }
        if (r.sgdRepeats() != null && r.sgdRepeats().size() > 1) {
            writeRepeats(dir.resolve(SGD_REPEATS), m, r.sgdTimes(), r.sgdRepeats(), threads);
        }
        Comparison.write(comparison, dir.resolve(Comparison.FILE));
        QuantileOutput.write(r, dir);
    }

    /** The file of the class means of every LE-SGD realisation (written when simulation.sgd.repeats &gt; 1). */
    public static final String SGD_REPEATS = "sgd_repeats.csv";

    /** repeat, t, class means: one block of rows per repeat, repeat 0 (= sgd.csv) first. */
    static void writeRepeats(Path file, LeModel m, double[] times, List<Moments> repeats, int threads) {
        int n = m.stateDim();
        try (Csv c = Csv.create(file, header(m, "repeat", false))) {
            int rows = times.length;
            CsvRows.write(c, repeats.size() * rows, 2 + n, threads, (k, out) -> {
                int rep = k / rows;
                int r = k % rows;
                double[] row = new double[n];
                for (int i = 0; i < n; i++) {
                    row[i] = repeats.get(rep).mean(r, i);
                }
                Csv.append(out, new String[] {Integer.toString(rep), Double.toString(times[r])}, row, 0, n);
            });
        }
    }

    /** t, means (and sds) per output row; large files formatted on {@code threads} threads. */
    static void writeMoments(Path file, LeModel m, double[] times, Moments mo, boolean withSd, int threads) {
        int n = m.stateDim();
        int cells = withSd ? 2 * n : n;
        try (Csv c = Csv.create(file, header(m, null, withSd))) {
            CsvRows.write(c, times.length, 1 + cells, threads, (r, out) -> {
                double[] row = new double[cells];
                for (int i = 0; i < n; i++) {
                    row[i] = mo.mean(r, i);
                    if (withSd) {
                        row[n + i] = mo.sd(r, i);
                    }
                }
                Csv.append(out, new String[] {Double.toString(times[r])}, row, 0, cells);
            });
        }
    }
}
