package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.io.Npy;
import org.lesde.monitor.Metric;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;
import org.lesde.report.FeatureMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code lesde metrics} on NumPy and CSV inputs: the same numbers to the last bit from every
 * format, the classifier bias against a dense computation, the residual alignment's
 * applicability, and one-line refusals of malformed inputs.
 */
class MetricsNpyTest {
    @TempDir
    Path dir;

    static final int N = 40;
    static final int K = 4;
    static final int P = 6;

    double[] x = new double[N * P];
    double[] y = new double[N];
    double[] w = new double[K * P];
    double[] b = new double[K];

    MetricsNpyTest() {
        Random r = new Random(11);
        for (int i = 0; i < N; i++) {
            y[i] = i % K;
            for (int j = 0; j < P; j++) {
                x[i * P + j] = r.nextGaussian() + (j == y[i] ? 2 : 0);
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
        }
        for (int k = 0; k < K; k++) {
            b[k] = 3 * r.nextGaussian();
        }
    }

    Path npy(String name, Npy.Dtype d, boolean fortran, long[] shape, double[] v) throws IOException {
        Path f = dir.resolve(name);
        Npy.write(f, d, fortran, shape, v);
        return f;
    }

    Path text(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** The features as CSV: header, label column at position {@code at}, optional pandas index column. */
    String csv(boolean header, boolean index, int at, String labelFormat) {
        StringBuilder sb = new StringBuilder();
        if (header) {
            if (index) {
                sb.append(',');
            }
            for (int c = 0; c <= P; c++) {
                sb.append(c == 0 ? "" : ",").append(c == at ? "label" : "f" + (c < at ? c : c - 1));
            }
            sb.append('\n');
        }
        for (int i = 0; i < N; i++) {
            if (index) {
                sb.append(i).append(',');
            }
            for (int c = 0, j = 0; c <= P; c++) {
                sb.append(c == 0 ? "" : ",");
                sb.append(c == at ? String.format(Locale.ROOT, labelFormat, y[i]) : Double.toString(x[i * P + j++]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static void assertSameBits(NcMetrics a, NcMetrics b, String what) {
        for (Metric q : Metric.values()) {
            assertEquals(Double.doubleToLongBits(q.of(a)), Double.doubleToLongBits(q.of(b)), what + ": " + q.key());
        }
        for (int i = 0; i < a.cosines().length; i++) {
            assertEquals(Double.doubleToLongBits(a.cosines()[i]), Double.doubleToLongBits(b.cosines()[i]), what + ": cosine " + i);
        }
    }

    NcMetrics metrics(Path features, Path labels, String column, Path classifier, Path bias, boolean logits) {
        return FeatureMetrics.compute(new FeatureMetrics.Inputs(features, labels, column, classifier, bias, logits)).metrics();
    }

    @Test
    void everyFormatGivesTheSameBits() throws IOException {
        Path w8 = npy("w.npy", Npy.Dtype.F8, false, new long[] {K, P}, w);
        StringBuilder wcsv = new StringBuilder();
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < P; j++) {
                wcsv.append(j == 0 ? "" : ",").append(w[k * P + j]);
            }
            wcsv.append('\n');
        }
        Path wc = text("w.csv", wcsv.toString());
        NcMetrics ref = metrics(text("ref.csv", csv(true, false, 0, "%.0f")), null, null, wc, null, false);
        Path labels = npy("y.npy", new Npy.Dtype('i', 8, ByteOrder.LITTLE_ENDIAN), false, new long[] {N}, y);
        for (boolean fortran : new boolean[] {false, true}) {
            for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                Path f = npy("x" + fortran + o + ".npy", new Npy.Dtype('f', 8, o), fortran, new long[] {N, P}, x);
                assertSameBits(ref, metrics(f, labels, null, w8, null, false), f.getFileName() + " + y.npy");
                assertSameBits(ref, metrics(f, labels, null, wc, null, false), f.getFileName() + " + w.csv");
            }
        }
        // labels as a column of the array, as u1 / big-endian i2 / whole floats in a second file
        double[] xy = new double[N * (P + 1)];
        for (int i = 0; i < N; i++) {
            xy[i * (P + 1) + 2] = y[i];
            for (int j = 0, c = 0; c <= P; c++) {
                if (c != 2) {
                    xy[i * (P + 1) + c] = x[i * P + j++];
                }
            }
        }
        assertSameBits(ref, metrics(npy("xy.npy", Npy.Dtype.F8, true, new long[] {N, P + 1}, xy), null, "2", w8, null, false),
                "label column 2");
        Path x8 = npy("x8.npy", Npy.Dtype.F8, false, new long[] {N, P}, x);
        for (Npy.Dtype d : new Npy.Dtype[] {new Npy.Dtype('u', 1, ByteOrder.LITTLE_ENDIAN), new Npy.Dtype('i', 2, ByteOrder.BIG_ENDIAN),
            new Npy.Dtype('f', 4, ByteOrder.LITTLE_ENDIAN), new Npy.Dtype('f', 8, ByteOrder.BIG_ENDIAN)}) {
            Path l = npy("y" + d.descr().replace('<', 'l').replace('>', 'b').replace('|', 'n') + ".npy", d, false,
                    new long[] {N, 1}, y);
            assertSameBits(ref, metrics(x8, l, null, w8, null, false), "labels " + d.descr());
        }
        // CSV variants: np.savetxt (no header, %.18e labels), pandas' index column, label column elsewhere, labels file
        assertSameBits(ref, metrics(text("savetxt.csv", "# label,f0,...\n" + csv(false, false, 0, "%.18e")), null, null, wc, null,
                false), "np.savetxt");
        assertSameBits(ref, metrics(text("pandas.csv", csv(true, true, 0, "%.1f")), null, null, wc, null, false), "pandas index");
        assertSameBits(ref, metrics(text("mid.csv", csv(true, false, 3, "%.0e")), null, null, wc, null, false), "label in column 3");
        assertSameBits(ref, metrics(text("named.csv", csv(true, false, 3, "%.0f").replaceFirst("label", "target")), null, "target", wc,
                null, false), "--label-column target");
        assertSameBits(ref, metrics(text("idx.csv", csv(false, false, 5, "%.0f")), null, "5", wc, null, false), "--label-column 5");
        StringBuilder ycsv = new StringBuilder("label\n");
        for (double v : y) {
            ycsv.append(v).append('\n');
        }
        StringBuilder nl = new StringBuilder("f0,f1,f2,f3,f4,f5\n");
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                nl.append(j == 0 ? "" : ",").append(x[i * P + j]);
            }
            nl.append('\n');
        }
        String noLabel = nl.toString();
        assertSameBits(ref, metrics(text("nolabel.csv", noLabel), text("y.csv", ycsv.toString()), null, wc, null, false),
                "--labels y.csv");
        assertSameBits(ref, metrics(text("nolabel2.csv", noLabel), labels, null, w8, null, false), "csv + --labels y.npy");
    }

    @Test
    void biasEqualsADenseComputation() throws IOException {
        Path f = npy("x.npy", Npy.Dtype.F8, false, new long[] {N, P}, x);
        Path l = npy("y.npy", new Npy.Dtype('i', 4, ByteOrder.LITTLE_ENDIAN), false, new long[] {N}, y);
        Path wf = npy("w.npy", Npy.Dtype.F8, false, new long[] {K, P}, w);
        Path bf = npy("b.npy", Npy.Dtype.F8, false, new long[] {K}, b);
        NcMetrics with = metrics(f, l, null, wf, bf, false);
        NcMetrics without = metrics(f, l, null, wf, null, false);
        // dense: class means, nearest mean, argmax(W h + b)
        double[] mu = new double[K * P];
        int[] count = new int[K];
        for (int i = 0; i < N; i++) {
            int c = (int) y[i];
            count[c]++;
            for (int j = 0; j < P; j++) {
                mu[c * P + j] += x[i * P + j];
            }
        }
        for (int i = 0; i < mu.length; i++) {
            mu[i] /= count[i / P];
        }
        int mismatch = 0;
        int mismatchNoBias = 0;
        for (int i = 0; i < N; i++) {
            int near = 0;
            int arg = 0;
            int argNo = 0;
            double bestD = Double.POSITIVE_INFINITY;
            double best = Double.NEGATIVE_INFINITY;
            double bestNo = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                double d = 0;
                double s = 0;
                for (int j = 0; j < P; j++) {
                    d += (x[i * P + j] - mu[k * P + j]) * (x[i * P + j] - mu[k * P + j]);
                    s += w[k * P + j] * x[i * P + j];
                }
                if (d < bestD) {
                    bestD = d;
                    near = k;
                }
                if (s + b[k] > best) {
                    best = s + b[k];
                    arg = k;
                }
                if (s > bestNo) {
                    bestNo = s;
                    argNo = k;
                }
            }
            mismatch += arg != near ? 1 : 0;
            mismatchNoBias += argNo != near ? 1 : 0;
        }
        assertEquals((double) mismatch / N, with.nc4(), 0);
        assertEquals((double) mismatchNoBias / N, without.nc4(), 0);
        assertNotEquals(with.nc4(), without.nc4(), "the test bias changes the decisions");
        assertEquals(without.nc3(), with.nc3(), 0, "NC3 uses W alone");
        // bias as CSV (a row or a column) and from a .npz
        StringBuilder row = new StringBuilder();
        StringBuilder col = new StringBuilder();
        for (int k = 0; k < K; k++) {
            row.append(k == 0 ? "" : ",").append(b[k]);
            col.append(b[k]).append('\n');
        }
        assertSameBits(with, metrics(f, l, null, wf, text("b.csv", row + "\n"), false), "bias row CSV");
        assertSameBits(with, metrics(f, l, null, wf, text("bc.csv", col.toString()), false), "bias column CSV");
        assertEquals(with.nc4(), NeuralCollapse.compute(x, toInt(y), K, P, w, b).nc4(), 0);
    }

    static int[] toInt(double[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
        }
        return r;
    }

    @Test
    void residualAlignmentIsNotApplicableForPNotKWithoutLogits() throws IOException {
        Path f = npy("x.npy", Npy.Dtype.F8, false, new long[] {N, P}, x);
        Path l = npy("y.npy", Npy.Dtype.F8, false, new long[] {N}, y);
        Path json = dir.resolve("m.json");
        Cli.Result r = Cli.run("metrics", f.toString(), "--labels", l.toString(), "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("residual_cos_mean    n/a           not applicable: p = 6 != K = 4 and no --logits"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.get("residual_cos_mean").isNull());
        assertFalse(j.get("residual_alignment").get("applicable").asBoolean());
        assertTrue(j.get("residual_alignment").get("reason").asText().startsWith("not applicable: p = 6 != K = 4"));
        Cli.Result r2 = Cli.run("metrics", f.toString(), "--labels", l.toString(), "--logits", "--out", json.toString());
        assertEquals(0, r2.code(), r2.err());
        JsonNode j2 = new ObjectMapper().readTree(json.toFile());
        assertTrue(j2.get("residual_cos_mean").isNumber());
        assertTrue(j2.get("residual_alignment").get("applicable").asBoolean());
        assertTrue(j2.get("residual_alignment").get("reason").isNull());
    }

    @Test
    void theDocsExampleFromNumpyFiles() {
        Path res = Path.of("src/test/resources/npy");
        Cli.Result csv = Cli.run("metrics", "docs/examples/features.csv", "--classifier", "docs/examples/classifier.csv");
        assertEquals(0, csv.code(), csv.err());
        for (String name : new String[] {"run_stored.npz", "run_deflated.npz"}) {
            Cli.Result r = Cli.run("metrics", res.resolve(name).toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("(7 samples, K = 3 classes, p = 3)") && r.out().contains("(W, b)"), r.out());
        }
        Cli.Result r = Cli.run("metrics", res.resolve("features_f4_be_fortran.npy").toString(), "--labels",
                res.resolve("labels_u1.npy").toString());
        assertEquals(0, r.code(), r.err());
    }

    Cli.Result refuse(String... args) {
        Cli.Result r = Cli.run(args);
        r.oneLineError(Main.BAD_INPUT);
        return r;
    }

    @Test
    void malformedInputsAreRefusedInOneLine() throws IOException {
        Path x8 = npy("x.npy", Npy.Dtype.F8, false, new long[] {N, P}, x);
        Path y8 = npy("y.npy", Npy.Dtype.F8, false, new long[] {N}, y);
        Path res = Path.of("src/test/resources/npy");
        // shape mismatches between features and labels / W / b
        assertTrue(refuse("metrics", x8.toString(), "--labels", npy("y39.npy", Npy.Dtype.F8, false, new long[] {N - 1},
                java.util.Arrays.copyOf(y, N - 1)).toString()).err().contains("x.npy: shape mismatch: 40 samples (shape (40, 6)) but 39 labels in y39.npy"));
        assertTrue(refuse("metrics", x8.toString(), "--labels", npy("y2d.npy", Npy.Dtype.F8, false, new long[] {N / 2, 2}, y).toString())
                .err().contains("labels must be a 1-D array"));
        assertTrue(refuse("metrics", npy("x1.npy", Npy.Dtype.F8, false, new long[] {N * P}, x).toString(), "--labels", y8.toString())
                .err().contains("features must be a 2-D array"));
        assertTrue(refuse("metrics", x8.toString(), "--labels", y8.toString(), "--classifier",
                npy("w.npy", Npy.Dtype.F8, false, new long[] {P, K}, w).toString()).err().contains("shape (K, p) = (4, 6), got (6, 4)"));
        assertTrue(refuse("metrics", x8.toString(), "--labels", y8.toString(), "--classifier",
                npy("w2.npy", Npy.Dtype.F8, false, new long[] {K, P}, w).toString(), "--bias",
                npy("b3.npy", Npy.Dtype.F8, false, new long[] {3}, new double[3]).toString()).err().contains("K = 4 entries"));
        assertTrue(refuse("metrics", x8.toString(), "--labels", y8.toString(), "--bias",
                npy("b.npy", Npy.Dtype.F8, false, new long[] {K}, b).toString()).err().contains("--bias: a bias needs a classifier"));
        // labels that are not whole non-negative numbers
        double[] bad = y.clone();
        bad[5] = 0.5;
        assertTrue(refuse("metrics", x8.toString(), "--labels", npy("yh.npy", Npy.Dtype.F8, false, new long[] {N}, bad).toString())
                .err().contains("label 5 must be a whole number >= 0, got 0.5"));
        bad[5] = -1;
        assertTrue(refuse("metrics", x8.toString(), "--labels", npy("yn.npy", Npy.Dtype.F8, false, new long[] {N}, bad).toString())
                .err().contains("label 5 must be a whole number >= 0, got -1.0"));
        bad[5] = Double.NaN;
        assertTrue(refuse("metrics", x8.toString(), "--labels", npy("ynan.npy", Npy.Dtype.F8, false, new long[] {N}, bad).toString())
                .err().contains("got NaN"));
        double[] nanX = x.clone();
        nanX[13] = Double.POSITIVE_INFINITY;
        assertTrue(refuse("metrics", npy("xinf.npy", Npy.Dtype.F8, false, new long[] {N, P}, nanX).toString(), "--labels", y8.toString())
                .err().contains("xinf.npy: sample 2, feature 1 is not finite (Infinity)"));
        // no labels, labels twice, bad column
        assertTrue(refuse("metrics", x8.toString()).err().contains("give the labels with --labels"));
        assertTrue(refuse("metrics", res.resolve("run_stored.npz").toString(), "--labels", y8.toString()).err()
                .contains("holds 'labels' already"));
        assertTrue(refuse("metrics", res.resolve("run_stored.npz").toString(), "--classifier", x8.toString()).err()
                .contains("holds 'W' already"));
        assertTrue(refuse("metrics", x8.toString(), "--label-column", "9").err().contains("index 9 is outside 0..5"));
        assertTrue(refuse("metrics", text("f.csv", "label,a\n0,1\n1,2\n").toString(), "--label-column", "y").err()
                .contains("no column named \"y\""));
        assertTrue(refuse("metrics", text("g.csv", "y,a\n0,1\n1,2\n").toString()).err().contains("no column named 'label'"));
        // malformed NumPy files through the command: truncated, wrong magic, pickles, unsupported dtypes
        byte[] full = Files.readAllBytes(x8);
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length - 9));
        assertTrue(refuse("metrics", cut.toString(), "--labels", y8.toString()).err().contains("cut.npy: truncated"));
        assertTrue(refuse("metrics", text("feats.npy", "label,f0\n0,1\n").toString(), "--labels", y8.toString()).err()
                .contains("feats.npy: not a .npy file (wrong magic"));
        assertTrue(refuse("metrics", res.resolve("object.npy").toString(), "--labels", y8.toString()).err()
                .contains("object.npy: object arrays (pickled Python objects) are not supported"));
        assertTrue(refuse("metrics", x8.toString(), "--labels", res.resolve("complex.npy").toString()).err()
                .contains("--labels: complex.npy: unsupported dtype '<c16'"));
        assertTrue(refuse("metrics", text("z.npz", "not a zip").toString()).err().contains("z.npz: not a valid .npz"));
        assertTrue(refuse("metrics", res.resolve("features_f8.npy").toString(), "--labels", res.resolve("labels_i8.npy").toString(),
                "--classifier", res.resolve("structured.npy").toString()).err().contains("--classifier: structured.npy: structured dtypes"));
    }
}
