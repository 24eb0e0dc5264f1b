package org.lesde.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lesde metrics FEATURES.csv [--classifier W.csv] [--out FILE.json]}: neural-collapse
 * metrics of features extracted from a real network (two exact passes over the samples, see
 * {@link NeuralCollapse}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute the neural-collapse metrics of labelled features.",
            "Metrics NC1-NC4, residual alignment and mean cosines.",
            "FEATURES.csv: header 'label,f0,f1,...', one sample per row, integer labels 0..K-1, every class present.",
            "W.csv: the classifier, K rows x p columns, no header. Without it and with p = K the features are "
                + "taken as logits (NC3 with W = I - 11^T/K, NC4 with argmax of the features). See docs/metrics.md."})
public final class MetricsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FEATURES.csv", description = "Labelled features.")
    Path features;

    @Option(names = "--classifier", paramLabel = "W.csv", description = "Classifier weights, K rows x p columns, no header.")
    Path classifier;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the metrics as JSON (atomically).")
    Path out;

    @Spec
    CommandSpec spec;

    /** Labelled features read from a CSV file. */
    record Features(double[] x, int[] labels, int classes, int dim, String[] columns) {
    }

    @Override
    public Integer call() {
        Features f = readFeatures(features);
        double[] w = classifier == null ? null : readClassifier(classifier, f.classes(), f.dim());
        NcMetrics m = NeuralCollapse.compute(f.x(), f.labels(), f.classes(), f.dim(), w);
        long[] counts = new long[f.classes()];
        for (int y : f.labels()) {
            counts[y]++;
        }
        PrintWriter o = spec.commandLine().getOut();
        printTable(o, m, counts);
        if (out != null) {
            writeJson(out, json(m, counts));
            o.println("wrote " + out);
        }
        o.flush();
        return Main.OK;
    }

    // ---- input -------------------------------------------------------------------------------

    static BufferedReader open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file + ": is a folder, expected a CSV file");
            }
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    static double number(Path file, int line, int col, String column, String cell) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new BadInputException(file + ":" + line + ": column " + col + " (" + column + "): not a number: '" + cell + "'");
        }
        if (!Double.isFinite(v)) {
            throw new BadInputException(file + ":" + line + ": column " + col + " (" + column + "): not a finite number: '" + cell + "'");
        }
        return v;
    }

    /** Reads and validates FEATURES.csv. */
    static Features readFeatures(Path file) {
        try (BufferedReader r = open(file)) {
            String header = r.readLine();
            int lineNo = 1;
            while (header != null && header.isBlank()) {
                header = r.readLine();
                lineNo++;
            }
            if (header == null) {
                throw new BadInputException(file + ": empty file, expected a header 'label,f0,f1,...'");
            }
            String[] columns = split(header.startsWith("\uFEFF") ? header.substring(1) : header);
            if (!columns[0].equalsIgnoreCase("label")) {
                throw new BadInputException(file + ":" + lineNo + ": the first column must be 'label', got '" + columns[0] + "'");
            }
            if (columns.length < 2) {
                throw new BadInputException(file + ":" + lineNo + ": header has no feature columns (expected 'label,f0,f1,...')");
            }
            int p = columns.length - 1;
            double[] x = new double[1024 * p];
            int[] labels = new int[1024];
            int n = 0;
            int maxLabel = -1;
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (cells.length != columns.length) {
                    throw new BadInputException(file + ":" + lineNo + ": expected " + columns.length + " columns like the header, got "
                            + cells.length + " (ragged row)");
                }
                int label;
                try {
                    label = Integer.parseInt(cells[0]);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + ":" + lineNo + ": column 1 (label): not an integer: '" + cells[0] + "'");
                }
                if (label < 0) {
                    throw new BadInputException(file + ":" + lineNo + ": column 1 (label): must be >= 0, got " + label);
                }
                if (n == labels.length) {
                    if (labels.length > Integer.MAX_VALUE / 2 / p) {
                        throw new BadInputException(file + ": too many samples for memory (" + n + " x " + p + ")");
                    }
                    labels = Arrays.copyOf(labels, 2 * n);
                    x = Arrays.copyOf(x, 2 * n * p);
                }
                for (int j = 0; j < p; j++) {
                    x[n * p + j] = number(file, lineNo, j + 2, columns[j + 1], cells[j + 1]);
                }
                labels[n++] = label;
                maxLabel = Math.max(maxLabel, label);
            }
            if (n == 0) {
                throw new BadInputException(file + ": no samples after the header");
            }
            int k = maxLabel + 1;
            if (k < 2) {
                throw new BadInputException(file + ": found K = " + k + " class (labels 0.." + maxLabel + "), need K >= 2");
            }
            long[] counts = new long[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    throw new BadInputException(file + ": class " + c + " has no samples (labels must be 0..K-1 = 0.." + maxLabel
                            + " with every class present)");
                }
            }
            return new Features(Arrays.copyOf(x, n * p), Arrays.copyOf(labels, n), k, p, columns);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Reads W.csv: exactly K rows of p numbers, no header. */
    static double[] readClassifier(Path file, int k, int p) {
        try (BufferedReader r = open(file)) {
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                rows.add(split(lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line));
                lines.add(lineNo);
            }
            if (rows.size() != k) {
                throw new BadInputException(file + ": classifier must have K = " + k + " rows (one per class), got " + rows.size());
            }
            double[] w = new double[k * p];
            for (int c = 0; c < k; c++) {
                String[] cells = rows.get(c);
                if (cells.length != p) {
                    throw new BadInputException(file + ":" + lines.get(c) + ": classifier rows must have p = " + p
                            + " values (the feature dimension), got " + cells.length);
                }
                for (int j = 0; j < p; j++) {
                    w[c * p + j] = number(file, lines.get(c), j + 1, "w" + c + "," + j, cells[j]);
                }
            }
            return w;
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    // ---- output ------------------------------------------------------------------------------

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }

    private void printTable(PrintWriter o, NcMetrics m, long[] counts) {
        o.printf(Locale.ROOT, "features: %s (%d samples, K = %d classes, p = %d)%n", features, m.samples(), m.classes(), m.dim());
        o.println("classifier: " + classifierDescription(m));
        o.println();
        String[][] rows = {
            {"nc1", fmt(m.nc1()), "(1/K) tr(Sw Sb^+): within- vs between-class spread, 0 = collapsed"},
            {"nc2_equinorm", fmt(m.nc2Equinorm()), "std/mean of ||mu_k - mu_G||, 0 = equal norms"},
            {"nc2_equiangularity", fmt(m.nc2Equiangularity()), "mean |cos + 1/(K-1)| over class pairs, 0 = equal angles"},
            {"nc2_etf_distance", fmt(m.nc2EtfDistance()), "distance of the normalised Gram matrix to the simplex ETF"},
            {"nc3", fmt(m.nc3()), "distance between normalised W^T and centred means (self-duality)"},
            {"nc4", fmt(m.nc4()), "fraction where classifier argmax != nearest class mean"},
            {"residual_cos_mean", fmt(m.residualCosMean()), "mean cos(mu_k - mu_G, e_k - 1/K), 1 = aligned"},
        };
        o.printf(Locale.ROOT, "%-20s %-13s %s%n", "metric", "value", "meaning");
        for (String[] row : rows) {
            o.printf(Locale.ROOT, "%-20s %-13s %s%n", row[0], row[1], row[2]);
        }
        o.println();
        o.printf(Locale.ROOT, "%-7s %-9s %s%n", "class", "samples", "residual_cos");
        for (int c = 0; c < m.classes(); c++) {
            o.printf(Locale.ROOT, "%-7d %-9d %s%n", c, counts[c], fmt(m.residualCos()[c]));
        }
        for (String note : m.notes()) {
            o.println("note: " + note);
        }
    }

    private String classifierDescription(NcMetrics m) {
        if (classifier != null) {
            return classifier.toString();
        }
        return m.dim() == m.classes() ? "none: features taken as logits, W = I - 11^T/K"
                : "none (p != K: NC3 and NC4 undefined)";
    }

    private ObjectNode json(NcMetrics m, long[] counts) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        put(root, "nc1", m.nc1());
        put(root, "nc2_equinorm", m.nc2Equinorm());
        put(root, "nc2_equiangularity", m.nc2Equiangularity());
        put(root, "nc2_etf_distance", m.nc2EtfDistance());
        put(root, "nc3", m.nc3());
        put(root, "nc4", m.nc4());
        put(root, "residual_cos_mean", m.residualCosMean());
        root.put("classes", m.classes());
        root.put("samples", m.samples());
        root.put("dim", m.dim());
        root.put("classifier", classifierDescription(m));
        ArrayNode res = root.putArray("residual_cos");
        for (double v : m.residualCos()) {
            add(res, v);
        }
        ArrayNode cnt = root.putArray("class_samples");
        for (long c : counts) {
            cnt.add(c);
        }
        ArrayNode cos = root.putArray("mean_cosines");
        for (int a = 0; a < m.classes(); a++) {
            ArrayNode row = cos.addArray();
            for (int b = 0; b < m.classes(); b++) {
                add(row, m.cosine(a, b));
            }
        }
        ArrayNode notes = root.putArray("notes");
        m.notes().forEach(notes::add);
        return root;
    }

    private static void put(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static void add(ArrayNode node, double v) {
        if (Double.isFinite(v)) {
            node.add(v);
        } else {
            node.addNull();
        }
    }

    /** Writes the JSON to a temporary file next to {@code file}, then moves it into place. */
    static void writeJson(Path file, ObjectNode root) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new BadInputException("--out " + file + ": is a folder, expected a file name");
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
            Files.write(tmp, bytes);
            Files.write(tmp, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }
}
