package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lesde.io.Csv;
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

    public static void writeAll(Simulation.Result r, Path dir) {
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
        QuantileOutput.write(r, dir);
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
