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
 * <p>FEATURES.csv: one sample per row, integer labels 0..K-1 with every class present, finite
 * features; the labels in the column named {@code label} (or {@code --label-column}), in the first
 * column without a header, or in a separate file; a pandas index column (empty header cell) is
 * skipped. W.csv: K rows of p numbers, no header. NumPy inputs ({@code .npy}, {@code .npz}) are
 * read by {@link FeatureArrays}.
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

    /**
     * What {@code lesde metrics} reads: the features, and optionally a labels file, the label column
     * (a name or a 0-based index, null: the default), the classifier W and bias b (null: none or,
     * for a {@code .npz}, its arrays), and whether the features' first K coordinates are logits.
     */
    public record Inputs(Path features, Path labels, String labelColumn, Path classifier, Path bias, boolean logits) {
        /** Just a feature file and optionally a classifier. */
        public static Inputs of(Path features, Path classifier) {
            return new Inputs(features, null, null, classifier, null, false);
        }
    }

    /** The metrics of one feature file ({@code classifier}: where W and b came from, null: none given). */
    public record Result(Path features, String classifier, Features data, NcMetrics metrics, String residualReason) {
        /** The same without a note on the residual alignment. */
        public Result(Path features, String classifier, Features data, NcMetrics metrics) {
            this(features, classifier, data, metrics, null);
        }

        /** How NC3 and NC4 were obtained. */
        public String classifierDescription() {
            if (classifier != null) {
                return classifier;
            }
            return metrics.dim() == metrics.classes() ? "none: features taken as logits, W = I - 11^T/K"
                    : "none (p != K: NC3 and NC4 undefined)";
        }
    }

    private FeatureMetrics() {
    }

    /** Reads the features (and the classifier, if not null) and computes the metrics. */
    public static Result compute(Path features, Path classifier) {
        return compute(Inputs.of(features, classifier));
    }

    /**
     * Reads every input and computes the metrics: NC3 with W, NC4 with argmax(W h + b). With
     * p != K and without {@code logits} the residual alignment is not applicable (the directions
     * e_k - 1/K are those of logits) and the result says why.
     */
    public static Result compute(Inputs in) {
        FeatureArrays.Loaded l = FeatureArrays.load(in);
        Features f = l.features();
        NcMetrics m = NeuralCollapse.compute(f.x(), f.labels(), f.classes(), f.dim(), l.w(), l.b());
        String reason = null;
        if (f.dim() != f.classes() && !in.logits()) {
            reason = "not applicable: p = " + f.dim() + " != K = " + f.classes()
                    + " and no --logits (the residual directions e_k - 1/K only mean something for logits)";
            List<String> notes = new ArrayList<>();
            for (String note : m.notes()) {
                if (!note.startsWith("residual alignment")) {
                    notes.add(note);
                }
            }
            notes.add("residual alignment " + reason);
            double[] nan = new double[f.classes()];
            Arrays.fill(nan, Double.NaN);
            m = new NcMetrics(m.classes(), m.dim(), m.samples(), m.nc1(), m.nc2Equinorm(), m.nc2Equiangularity(),
                    m.nc2EtfDistance(), m.nc3(), m.nc4(), nan, Double.NaN, m.cosines(), List.copyOf(notes), m.alignment());
        }
        return new Result(in.features(), l.classifier(), f, m, reason);
    }

    /** Reads and validates FEATURES.csv (labels in the column named 'label', or the first column without a header). */
    public static Features readFeatures(Path file) {
        return readFeatures(file, null, false);
    }

    /**
     * Reads and validates FEATURES.csv.
     *
     * @param labelColumn the label column: a header name or a 0-based index; null: the column named
     *        {@code label} (any case), or the first column when there is no header
     * @param externalLabels the labels come from another file: every column is a feature (the
     *        labels of the returned Features are all 0, K = 0)
     */
    public static Features readFeatures(Path file, String labelColumn, boolean externalLabels) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int[] dim = {-1};
        int[] n = {0};
        int[] maxLabel = {-1};
        // the label column (-1: none) and the first feature column (1 after an index column)
        int[] layout = {-1, 0};
        boolean[] seen = {false};
        double[][] x = {new double[0]};
        int[][] labels = {new int[1024]};
        NumericCsv.stream(file, null, NumericCsv.Options.defaults().withEmpty(), new NumericCsv.Rows() {
            @Override
            public void header(List<String> columns, NumericCsv.Row line) {
                seen[0] = true;
                String first = columns.get(0);
                layout[1] = first.isEmpty() || first.equals("Unnamed: 0") ? 1 : 0; // pandas' index column
                layout[0] = externalLabels ? -1 : labelIndex(columns, labelColumn, line.where());
                if (layout[0] >= 0 && layout[0] < layout[1]) {
                    throw new BadInputException("--label-column: " + line.where() + ": column 0 is the index column (empty header)");
                }
                if (externalLabels) {
                    for (String c : columns) {
                        if (c.equalsIgnoreCase("label")) {
                            throw new BadInputException(line.where() + ": has a column '" + c
                                    + "' and --labels names a labels file: use one of them");
                        }
                    }
                }
                layout(columns.size(), line.where());
            }

            private void layout(int columns, String where) {
                dim[0] = columns - layout[1] - (layout[0] >= 0 ? 1 : 0);
                if (dim[0] < 1) {
                    throw new BadInputException(where + ": no feature columns (expected 'label,f0,f1,...')");
                }
                x[0] = new double[1024 * dim[0]];
            }

            @Override
            public void row(NumericCsv.Row row) {
                if (dim[0] < 0) { // no header: labels in the first column or --label-column INDEX
                    if (!externalLabels) {
                        layout[0] = labelColumn == null ? 0 : columnIndex(labelColumn, row.size(), row.where());
                    }
                    layout(row.size(), row.where());
                }
                int p = dim[0];
                int lc = layout[0];
                int label = lc < 0 ? 0 : row.integer(lc);
                if (label < 0) {
                    throw new BadInputException(row.where(lc) + " must be >= 0, got " + label);
                }
                int i = n[0];
                if (i == labels[0].length) {
                    if (i > Integer.MAX_VALUE / 2 / p) {
                        throw new BadInputException(name + ": too many samples for memory (" + i + " x " + p + ")");
                    }
                    labels[0] = Arrays.copyOf(labels[0], 2 * i);
                    x[0] = Arrays.copyOf(x[0], 2 * i * p);
                }
                for (int j = 0, c = layout[1]; j < p; j++, c++) {
                    if (c == lc) {
                        c++;
                    }
                    x[0][i * p + j] = row.number(c);
                }
                labels[0][i] = label;
                maxLabel[0] = Math.max(maxLabel[0], label);
                n[0]++;
            }
        });
        if (n[0] == 0) {
            throw new BadInputException(name + (seen[0] ? ": no samples after the header" : ": empty file (no samples)"));
        }
        if (externalLabels) {
            return new Features(Arrays.copyOf(x[0], n[0] * dim[0]), new int[n[0]], 0, dim[0]);
        }
        return validated(name, Arrays.copyOf(x[0], n[0] * dim[0]), Arrays.copyOf(labels[0], n[0]), maxLabel[0], dim[0]);
    }

    /** The label column of a header: {@code labelColumn} as a name or a 0-based index, else the one named 'label'. */
    static int labelIndex(List<String> columns, String labelColumn, String where) {
        if (labelColumn == null) {
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).equalsIgnoreCase("label")) {
                    return c;
                }
            }
            throw new BadInputException(where + ": no column named 'label' (columns: " + abbreviate(String.join(",", columns))
                    + "); name it with --label-column NAME|INDEX or give --labels FILE");
        }
        int c = columns.indexOf(labelColumn);
        return c >= 0 ? c : columnIndex(labelColumn, columns.size(), where);
    }

    /** A 0-based column index given as text (a number that is not a header name). */
    static int columnIndex(String text, int columns, String where) {
        int c;
        try {
            c = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--label-column: " + where + ": no column named " + org.lesde.Require.quoted(text)
                    + " (give a header name or a 0-based index)");
        }
        if (c < 0 || c >= columns) {
            throw new BadInputException("--label-column: " + where + ": index " + c + " is outside 0.." + (columns - 1));
        }
        return c;
    }

    /** Checks the labels (0..K-1, every class present, K >= 2) and builds the features. */
    static Features validated(String name, double[] x, int[] labels, int maxLabel, int dim) {
        int n = labels.length;
        long kLong = maxLabel + 1L;
        if (kLong > n) {
            // more classes than samples: some class is empty. Find the first one without
            // allocating anything of size K (a label of 10^9 must not need gigabytes)
            int[] sorted = Arrays.copyOf(labels, n);
            Arrays.sort(sorted);
            long missing = 0;
            for (int y : sorted) {
                if (y == missing) {
                    missing++;
                } else if (y > missing) {
                    break;
                }
            }
            throw new BadInputException(name + ": class " + missing + " has no samples (labels must be 0..K-1 = 0.." + maxLabel
                    + " with every class present; " + n + " samples cannot cover K = " + kLong + " classes)");
        }
        int k = (int) kLong;
        if (k < 2) {
            throw new BadInputException(name + ": found K = " + k + " class (labels 0.." + maxLabel + "), need K >= 2");
        }
        Features f = new Features(x, labels, k, dim);
        long[] counts = f.counts();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new BadInputException(name + ": class " + c + " has no samples (labels must be 0..K-1 = 0.." + maxLabel
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
            String meaning = q == Metric.RESIDUAL_COS_MEAN && r.residualReason() != null ? r.residualReason() : q.definition();
            sb.append(String.format(Locale.ROOT, "%-20s %-13s %s%n", q.key(), format(q.of(m)), meaning));
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
        Map<String, Object> residual = new LinkedHashMap<>();
        residual.put("applicable", r.residualReason() == null);
        residual.put("reason", r.residualReason());
        root.put("residual_alignment", residual);
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

    private static String abbreviate(String s) {
        return s.length() > 60 ? "\"" + s.substring(0, 57) + "...\"" : "\"" + s + "\"";
    }

    private static List<Object> finite(double[] v) {
        List<Object> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(Json.finiteOrNull(d));
        }
        return out;
    }
}
