package org.lesde.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.io.AtomicOutput;
import org.lesde.io.Json;
import org.lesde.io.NumericCsv;
import org.lesde.io.Provenance;
import org.lesde.monitor.Metric;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;

/**
 * Neural-collapse metrics of labelled features extracted from a real network ({@code lesde
 * metrics}): reads the feature file and the optional classifier with the shared reader
 * {@link NumericCsv}, computes the metrics exactly ({@link NeuralCollapse#compute}: two passes),
 * and renders them as a table and as JSON, both listing the catalogue {@link Metric} in order.
 *
 * <p>FEATURES.csv: header {@code label,f0,f1,...}, one sample per row, integer labels 0..K-1 with
 * every class present, finite features. W.csv: K rows of p numbers, no header.
 */
public final class FeatureMetrics {
    /** Labelled features: {@code x[i*p + j]}, labels in 0..K-1. */
    public record Features(double[] x, int[] labels, int classes, int dim) {
        /** Samples per class. */
        public long[] counts() {
            long[] c = new long[classes];
            for (int y : labels) {
                c[y]++;
            }
            return c;
        }
    }

    /** The metrics of one feature file (classifier null: none given). */
    public record Result(Path features, Path classifier, Features data, NcMetrics metrics) {
        /** How NC3 and NC4 were obtained. */
        public String classifierDescription() {
            if (classifier != null) {
                return classifier.toString();
            }
            return metrics.dim() == metrics.classes() ? "none: features taken as logits, W = I - 11^T/K"
                    : "none (p != K: NC3 and NC4 undefined)";
        }
    }

    private FeatureMetrics() {
    }

    /** Reads the features (and the classifier, if not null) and computes the metrics. */
    public static Result compute(Path features, Path classifier) {
        Features f = readFeatures(features);
        double[] w = classifier == null ? null : readClassifier(classifier, f.classes(), f.dim());
        return new Result(features, classifier, f, NeuralCollapse.compute(f.x(), f.labels(), f.classes(), f.dim(), w));
    }

    /** Reads and validates FEATURES.csv. */
    public static Features readFeatures(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int[] dim = {0};
        int[] n = {0};
        int[] maxLabel = {-1};
        double[][] x = {new double[0]};
        int[][] labels = {new int[1024]};
        NumericCsv.stream(file, null, NumericCsv.Options.defaults().withRequiredHeader().withEmpty(), new NumericCsv.Rows() {
            @Override
            public void header(List<String> columns, NumericCsv.Row line) {
                if (!columns.get(0).equalsIgnoreCase("label")) {
                    throw new BadInputException(line.where() + ": the first column must be 'label', got '" + columns.get(0) + "'");
                }
                if (columns.size() < 2) {
                    throw new BadInputException(line.where() + ": header has no feature columns (expected 'label,f0,f1,...')");
                }
                dim[0] = columns.size() - 1;
                x[0] = new double[1024 * dim[0]];
            }

            @Override
            public void row(NumericCsv.Row row) {
                int p = dim[0];
                int label = row.integer(0);
                if (label < 0) {
                    throw new BadInputException(row.where(0) + " must be >= 0, got " + label);
                }
                int i = n[0];
                if (i == labels[0].length) {
                    if (i > Integer.MAX_VALUE / 2 / p) {
                        throw new BadInputException(name + ": too many samples for memory (" + i + " x " + p + ")");
                    }
                    labels[0] = Arrays.copyOf(labels[0], 2 * i);
                    x[0] = Arrays.copyOf(x[0], 2 * i * p);
                }
                for (int j = 0; j < p; j++) {
                    x[0][i * p + j] = row.number(j + 1);
                }
                labels[0][i] = label;
                maxLabel[0] = Math.max(maxLabel[0], label);
                n[0]++;
            }
        });
        if (n[0] == 0) {
            throw new BadInputException(name + ": no samples after the header");
        }
        int k = maxLabel[0] + 1;
        if (k < 2) {
            throw new BadInputException(name + ": found K = " + k + " class (labels 0.." + maxLabel[0] + "), need K >= 2");
        }
        Features f = new Features(Arrays.copyOf(x[0], n[0] * dim[0]), Arrays.copyOf(labels[0], n[0]), k, dim[0]);
        long[] counts = f.counts();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new BadInputException(name + ": class " + c + " has no samples (labels must be 0..K-1 = 0.." + maxLabel[0]
                        + " with every class present)");
            }
        }
        return f;
    }

    /** Reads W.csv: exactly K rows of p finite numbers, no header. */
    public static double[] readClassifier(Path file, int k, int p) {
        NumericCsv.Data d = NumericCsv.read(file, "--classifier",
                NumericCsv.Options.defaults().withoutHeader().withColumns(p).withEmpty());
        if (d.rows().length != k) {
            throw new BadInputException("--classifier: " + file.getFileName() + ": classifier must have K = " + k
                    + " rows (one per class), got " + d.rows().length);
        }
        double[] w = new double[k * p];
        for (int c = 0; c < k; c++) {
            System.arraycopy(d.rows()[c], 0, w, c * p, p);
        }
        return w;
    }

    /** A number in tables: 6 significant digits, n/a where undefined. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** The console table: sizes, classifier, one row per catalogue metric, the per-class residual cosines, notes. */
    public static String table(Result r) {
        NcMetrics m = r.metrics();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "features: %s (%d samples, K = %d classes, p = %d)%n", r.features(), m.samples(),
                m.classes(), m.dim()));
        sb.append("classifier: ").append(r.classifierDescription()).append(System.lineSeparator());
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-20s %-13s %s%n", "metric", "value", "meaning"));
        for (Metric q : Metric.of(Metric.Family.NEURAL_COLLAPSE)) {
            sb.append(String.format(Locale.ROOT, "%-20s %-13s %s%n", q.key(), format(q.of(m)), q.definition()));
        }
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-7s %-9s %s%n", "class", "samples", "residual_cos"));
        long[] counts = r.data().counts();
        for (int c = 0; c < m.classes(); c++) {
            sb.append(String.format(Locale.ROOT, "%-7d %-9d %s%n", c, counts[c], format(m.residualCos()[c])));
        }
        for (String note : m.notes()) {
            sb.append("note: ").append(note).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The JSON summary: the catalogue metrics (null where undefined), sizes, per-class values, notes, provenance. */
    public static Map<String, Object> json(Result r) {
        NcMetrics m = r.metrics();
        Map<String, Object> root = new LinkedHashMap<>();
        for (Metric q : Metric.of(Metric.Family.NEURAL_COLLAPSE)) {
            root.put(q.key(), Json.finiteOrNull(q.of(m)));
        }
        root.put("classes", m.classes());
        root.put("samples", m.samples());
        root.put("dim", m.dim());
        root.put("classifier", r.classifierDescription());
        root.put("residual_cos", finite(m.residualCos()));
        root.put("class_samples", Arrays.stream(r.data().counts()).boxed().toList());
        List<Object> cos = new ArrayList<>();
        for (int a = 0; a < m.classes(); a++) {
            cos.add(finite(Arrays.copyOfRange(m.cosines(), a * m.classes(), (a + 1) * m.classes())));
        }
        root.put("mean_cosines", cos);
        root.put("notes", m.notes());
        return Provenance.into(root, "metrics");
    }

    /** Writes {@link #json} to {@code file} atomically ({@code field}: the option that named it). */
    public static void writeJson(Path file, String field, Result r) {
        Map<String, Object> j = json(r);
        AtomicOutput.writeFile(file, field, tmp -> Json.write(tmp, j));
    }

    private static List<Object> finite(double[] v) {
        List<Object> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(Json.finiteOrNull(d));
        }
        return out;
    }
}
