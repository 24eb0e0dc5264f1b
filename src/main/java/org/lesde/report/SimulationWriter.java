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

    /** {@link #writeAll(Simulation.Result, Path)} with the rows of comparison.csv already computed ({@link Comparison#table}). */
    public static void writeAll(Simulation.Result r, Path dir, List<CsvRow> comparison) {
        LeModel m = r.model();
        int n = m.stateDim();
        try (Csv c = Csv.create(dir.resolve("ode.csv"), header(m, null, false))) {
            double[] row = new double[n + 1];
            for (int i = 0; i < r.outputTimes().length; i++) {
                row[0] = r.outputTimes()[i];
                System.arraycopy(r.ode()[i], 0, row, 1, n);
                c.row(row);
            }
        }
        writeMoments(dir.resolve("sde_mean.csv"), m, r.outputTimes(), r.sde(), true);
        try (Csv c = Csv.create(dir.resolve("sde_paths.csv"), header(m, "path", false))) {
            double[] row = new double[n + 1];
            for (Map.Entry<Long, double[][]> e : r.samples().paths()) {
                String[] lead = {Long.toString(e.getKey())};
                for (int i = 0; i < r.outputTimes().length; i++) {
                    row[0] = r.outputTimes()[i];
                    System.arraycopy(e.getValue()[i], 0, row, 1, n);
                    c.row(lead, row, 0, row.length);
                }
            }
        }
        if (r.sgd() != null) {
            writeMoments(dir.resolve("sgd.csv"), m, r.sgdTimes(), r.sgd(), false);
        }
        if (r.sgdRepeats() != null && r.sgdRepeats().size() > 1) {
            writeRepeats(dir.resolve(SGD_REPEATS), m, r.sgdTimes(), r.sgdRepeats());
        }
        Comparison.write(comparison, dir.resolve(Comparison.FILE));
        QuantileOutput.write(r, dir);
    }

    /** The file of the class means of every LE-SGD realisation (written when simulation.sgd.repeats &gt; 1). */
    public static final String SGD_REPEATS = "sgd_repeats.csv";

    /** repeat, t, class means: one block of rows per repeat, repeat 0 (= sgd.csv) first. */
    static void writeRepeats(Path file, LeModel m, double[] times, List<Moments> repeats) {
        int n = m.stateDim();
        try (Csv c = Csv.create(file, header(m, "repeat", false))) {
            double[] row = new double[n + 1];
            for (int rep = 0; rep < repeats.size(); rep++) {
                String[] lead = {Integer.toString(rep)};
                for (int r = 0; r < times.length; r++) {
                    row[0] = times[r];
                    for (int i = 0; i < n; i++) {
                        row[1 + i] = repeats.get(rep).mean(r, i);
                    }
                    c.row(lead, row, 0, row.length);
                }
            }
        }
    }

    /** t, means (and sds) per output row. */
    public static void writeMoments(Path file, LeModel m, double[] times, Moments mo, boolean withSd) {
        int n = m.stateDim();
        try (Csv c = Csv.create(file, header(m, null, withSd))) {
            double[] row = new double[1 + (withSd ? 2 * n : n)];
            for (int r = 0; r < times.length; r++) {
                row[0] = times[r];
                for (int i = 0; i < n; i++) {
                    row[1 + i] = mo.mean(r, i);
                    if (withSd) {
                        row[1 + n + i] = mo.sd(r, i);
                    }
                }
                c.row(row);
            }
        }
    }
}
