package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lesde.check.Checker;
import org.lesde.io.Csv;
import org.lesde.io.CsvRow;
import org.lesde.model.LeModel;
import org.lesde.sim.Moments;
import org.lesde.sim.Simulation;

/**
 * {@code comparison.csv}: the distance of the LE-SDE ensemble's and of the LE-SGD class means
 * from the LE-ODE, per output time, per class and over all classes, with its Monte Carlo
 * standard error, a 95 % band and the largest coordinate z-score against the Bonferroni bound of
 * the row (definitions in docs/theory.md#66-comparing-the-sde-and-sgd-with-the-le-ode).
 */
public final class Comparison {
    /** The file name. */
    public static final String FILE = "comparison.csv";

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("t", "source", "class", "dist", "rel_dist", "se", "lo95", "hi95", "max_z",
            "z_bound");

    /** The two-sided 95 % normal quantile of the band dist ± Z95·se. */
    public static final double Z95 = 1.959963984540054;

    /** An SGD time matches an output time of ode.csv when they differ by at most this times max(1, |t|). */
    public static final double TIME_MATCH = 1e-9;

    private Comparison() {
    }

    /** Writes rows of {@link #table(Simulation.Result)}. */
    public static void write(List<CsvRow> table, Path file) {
        try (Csv c = Csv.create(file, HEADER)) {
            for (CsvRow row : table) {
                c.row(row);
            }
        }
    }

    /**
     * SDE rows (every output time), then SGD rows (the SGD times that are output times), each per
     * class then all; labelled by source and class.
     */
    public static List<CsvRow> table(Simulation.Result r) {
        LeModel m = r.model();
        int kk = m.classes();
        int p = m.dim();
        int n = kk * p;
        double[] t = r.outputTimes();
        List<CsvRow> out = new ArrayList<>();
        long paths = m.simulation().paths();
        double[] mean = new double[n];
        double[] se = new double[n];
        for (int row = 0; row < t.length; row++) {
            for (int i = 0; i < n; i++) {
                mean[i] = r.sde().mean(row, i);
                se[i] = standardError(r.sde().sd(row, i), paths);
            }
            add(out, t[row], "sde", mean, se, r.ode()[row], kk, p);
        }
        if (r.sgd() != null) {
            List<Moments> reps = r.sgdRepeats();
            int reps0 = reps.size();
            double[] x = new double[reps0];
            for (int row = 0; row < r.sgdTimes().length; row++) {
                int o = outputRow(t, r.sgdTimes()[row]);
                if (o < 0) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    for (int rep = 0; rep < reps0; rep++) {
                        x[rep] = reps.get(rep).mean(row, i);
                    }
                    mean[i] = mean(x);
                    se[i] = reps0 < 2 ? Double.NaN : standardError(populationSd(x, mean[i]), reps0);
                }
                add(out, r.sgdTimes()[row], "sgd", mean, se, r.ode()[o], kk, p);
            }
        }
        return out;
    }

    /** The output row whose time matches {@code t} (see {@link #TIME_MATCH}), or −1. */
    public static int outputRow(double[] times, double t) {
        double tol = TIME_MATCH * Math.max(1, Math.abs(t));
        int best = -1;
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < times.length; i++) {
            double g = Math.abs(times[i] - t);
            if (g < gap) {
                gap = g;
                best = i;
            }
        }
        return gap <= tol ? best : -1;
    }

    /** The standard error of a mean of {@code count} draws with population sd {@code sd}: sd/sqrt(count − 1). */
    public static double standardError(double sd, long count) {
        return count < 2 ? Double.NaN : sd / Math.sqrt(count - 1.0);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double populationSd(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / x.length);
    }

    private static void add(List<CsvRow> out, double t, String source, double[] mean, double[] se, double[] ode, int kk,
            int p) {
        for (int k = 0; k < kk; k++) {
            out.add(row(t, source, Integer.toString(k), mean, se, ode, k * p, (k + 1) * p));
        }
        out.add(row(t, source, "all", mean, se, ode, 0, kk * p));
    }

    /**
     * One row over the coordinates [from, to): dist = ||d||, d = mean − ode; rel_dist = dist/||ode||;
     * se = sqrt(Σ d_i² se_i²)/dist (delta method; the largest se_i at dist = 0); the band
     * [max(0, dist − Z95·se), dist + Z95·se]; max_z = max |d_i|/se_i; z_bound the Bonferroni bound
     * of {@link Checker#zCritical} for to − from coordinates.
     */
    static CsvRow row(double t, String source, String cls, double[] mean, double[] se, double[] ode, int from, int to) {
        double dd = 0;
        double oo = 0;
        double num = 0;
        double seMax = 0;
        double maxZ = 0;
        boolean haveSe = true;
        for (int i = from; i < to; i++) {
            double d = mean[i] - ode[i];
            dd += d * d;
            oo += ode[i] * ode[i];
            if (!(se[i] >= 0)) {
                haveSe = false;
                continue;
            }
            num += d * d * se[i] * se[i];
            seMax = Math.max(seMax, se[i]);
            double z = se[i] > 0 ? Math.abs(d) / se[i] : d == 0 ? 0 : Double.POSITIVE_INFINITY;
            maxZ = Math.max(maxZ, z);
        }
        double dist = Math.sqrt(dd);
        double rel = oo > 0 ? dist / Math.sqrt(oo) : Double.NaN;
        double s = !haveSe ? Double.NaN : dist > 0 ? Math.sqrt(num) / dist : seMax;
        double lo = Math.max(0, dist - Z95 * s);
        double hi = dist + Z95 * s;
        double[] v = {t, Double.NaN, Double.NaN, dist, rel, s, haveSe ? lo : Double.NaN, haveSe ? hi : Double.NaN,
            haveSe ? maxZ : Double.NaN, Checker.zCritical(to - from)};
        return new CsvRow(v, List.of(source, cls));
    }
}
