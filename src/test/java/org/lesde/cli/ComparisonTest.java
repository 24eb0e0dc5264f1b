package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * comparison.csv against an independent computation from ode.csv, sde_mean.csv, summary.json and
 * sgd_repeats.csv (docs/theory.md#66-comparing-the-sde-and-sgd-with-the-le-ode), and the LE-SGD
 * repeats: repeat 0 is the single run (sgd.csv unchanged), the others are new realisations.
 */
class ComparisonTest {
    @TempDir
    Path tmp;

    static final String MODEL = Cli.BASE.replace("sgd: {particles: 4}", "sgd: {particles: 6, repeats: 4}")
            .replace("paths: 40", "paths: 300").replace("name: base", "name: reps");

    private static List<String[]> csv(Path f) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    @Test
    void comparisonCsvEqualsAnIndependentComputationFromTheFiles() throws IOException {
        Path model = tmp.resolve("reps.yaml");
        Files.writeString(model, MODEL);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        int n = 9;
        int paths = 300;
        List<String[]> ode = csv(out.resolve("ode.csv"));
        List<String[]> sde = csv(out.resolve("sde_mean.csv"));
        List<String[]> reps = csv(out.resolve("sgd_repeats.csv"));
        List<String[]> cmp = csv(out.resolve("comparison.csv"));
        assertEquals("t,source,class,dist,rel_dist,se,lo95,hi95,max_z,z_bound", String.join(",", cmp.get(0)));
        // expected rows: key "t|source|class" -> values
        Map<String, double[]> expected = new LinkedHashMap<>();
        for (int row = 1; row < ode.size(); row++) {
            double[] o = new double[n];
            double[] m = new double[n];
            double[] se = new double[n];
            for (int i = 0; i < n; i++) {
                o[i] = num(ode.get(row)[1 + i]);
                m[i] = num(sde.get(row)[1 + i]);
                se[i] = num(sde.get(row)[1 + n + i]) / Math.sqrt(paths - 1.0);
            }
            put(expected, ode.get(row)[0], "sde", o, m, se);
        }
        // SGD: mean and standard error over the 4 repeats, at the output times
        Map<String, List<double[]>> byTime = new LinkedHashMap<>();
        for (String[] c : reps.subList(1, reps.size())) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = num(c[2 + i]);
            }
            byTime.computeIfAbsent(c[1], k -> new ArrayList<>()).add(x);
        }
        for (int row = 1; row < ode.size(); row++) {
            List<double[]> xs = byTime.get(ode.get(row)[0]);
            assertEquals(4, xs.size(), "repeats at t = " + ode.get(row)[0]);
            double[] o = new double[n];
            double[] m = new double[n];
            double[] se = new double[n];
            for (int i = 0; i < n; i++) {
                o[i] = num(ode.get(row)[1 + i]);
                double s = 0;
                for (double[] x : xs) {
                    s += x[i];
                }
                m[i] = s / 4;
                double v = 0;
                for (double[] x : xs) {
                    v += (x[i] - m[i]) * (x[i] - m[i]);
                }
                se[i] = Math.sqrt(v / (4 * 3)); // sample variance / R
            }
            put(expected, ode.get(row)[0], "sgd", o, m, se);
        }
        assertEquals(expected.size(), cmp.size() - 1);
        for (String[] c : cmp.subList(1, cmp.size())) {
            double[] e = expected.get(c[0] + "|" + c[1] + "|" + c[2]);
            for (int j = 0; j < e.length; j++) {
                double got = num(c[3 + j]);
                assertEquals(e[j], got, 1e-12 * Math.max(1, Math.abs(e[j])), String.join(",", c) + " column " + (3 + j));
            }
        }
    }

    /** The rows of one time and source: classes 0..2 then all. */
    private static void put(Map<String, double[]> out, String t, String source, double[] o, double[] m, double[] se) {
        for (int k = 0; k <= 3; k++) {
            int from = k == 3 ? 0 : 3 * k;
            int to = k == 3 ? 9 : 3 * k + 3;
            double dd = 0;
            double oo = 0;
            double w = 0;
            double maxZ = 0;
            for (int i = from; i < to; i++) {
                double d = m[i] - o[i];
                dd += d * d;
                oo += o[i] * o[i];
                w += d * d * se[i] * se[i];
                maxZ = Math.max(maxZ, Math.abs(d) / se[i]);
            }
            double dist = Math.sqrt(dd);
            double s = Math.sqrt(w) / dist;
            double bound = -new NormalDistribution(0, 1).inverseCumulativeProbability(1e-3 / (2.0 * (to - from)));
            out.put(t + "|" + source + "|" + (k == 3 ? "all" : String.valueOf(k)),
                    new double[] {dist, dist / Math.sqrt(oo), s, Math.max(0, dist - 1.959963984540054 * s),
                        dist + 1.959963984540054 * s, maxZ, bound});
        }
    }

    @Test
    void repeatZeroIsTheSingleRunAndTheOthersAreNewRealisations() throws IOException {
        Path model = tmp.resolve("reps.yaml");
        Files.writeString(model, MODEL);
        Path one = tmp.resolve("one");
        Path four = tmp.resolve("four");
        Files.writeString(tmp.resolve("one.yaml"), MODEL.replace(", repeats: 4", ""));
        assertEquals(0, Cli.run("simulate", tmp.resolve("one.yaml").toString(), "--out", one.toString(), "--quiet").code());
        assertEquals(0, Cli.run("simulate", model.toString(), "--out", four.toString(), "--quiet").code());
        assertArrayEquals(Files.readAllBytes(one.resolve("sgd.csv")), Files.readAllBytes(four.resolve("sgd.csv")));
        assertTrue(!Files.exists(one.resolve("sgd_repeats.csv")));
        List<String[]> reps = csv(four.resolve("sgd_repeats.csv"));
        List<String[]> sgd = csv(one.resolve("sgd.csv"));
        int rows = sgd.size() - 1;
        assertEquals(4 * rows + 1, reps.size());
        for (int row = 0; row < rows; row++) {
            // repeat 0 = sgd.csv; repeat 1 differs after t = 0
            assertEquals(String.join(",", sgd.get(1 + row)), String.join(",", java.util.Arrays.copyOfRange(reps.get(1 + row), 1,
                    reps.get(1 + row).length)));
        }
        assertTrue(!String.join(",", reps.get(rows)).substring(2).equals(String.join(",", reps.get(2 * rows)).substring(2)));
        // the summary re-reads as the same model (repeats recorded)
        assertEquals(4, org.lesde.modelfile.ModelFile.read(four.resolve("summary.json")).simulation().sgdRepeats());
    }

    @Test
    void repeatsMustBeAPositiveInteger() throws IOException {
        Path model = tmp.resolve("bad.yaml");
        Files.writeString(model, MODEL.replace("repeats: 4", "repeats: 0"));
        Path out = tmp.resolve("bad");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("simulation.sgd.repeats"), r.err());
        assertTrue(!Files.exists(out));
    }
}
