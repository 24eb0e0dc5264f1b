package org.lesde.fit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.io.NumericCsv;

/**
 * A training log in the official LE-SDE format, held column-wise (no per-row objects).
 *
 * <p>Format: a header line, then one row per SGD iteration and trial,
 * {@code trial,itr,smp,y,y_logit0..y_logit{K-1},tr_loss,val_loss,val_acc}. The number of classes
 * K is the number of {@code y_logit*} columns (they must be {@code y_logit0..y_logit{K-1}}).
 * Required columns are {@code trial}, {@code itr}, {@code y} and the logits; the optional
 * {@code val_loss} and {@code val_acc} are read when present (NaN = not evaluated at that row);
 * any other column is ignored (and not parsed). Column order is free. The file may be gzip-compressed (detected from
 * its first two bytes, so {@code .csv.gz} and {@code .csv} both work).
 *
 * <p>Read with the shared reader {@link NumericCsv} (its number grammar, its messages). Cells:
 * {@code trial}, {@code itr}, {@code y} must be integers ({@code 3} or {@code 3.0});
 * {@code itr >= 0}, {@code 0 <= y < K}. Logits are parsed with {@link Double#parseDouble}
 * (exactly rounded); {@code NaN}/{@code nan} and an empty cell mean "missing" (skipped by the
 * class means, as pandas does), {@code inf}/{@code -inf}/{@code Infinity} are accepted. The
 * iterations must be exactly {@code 0..T-1} (each with at least one row) and every class must
 * have at least one row at iteration 0 (the estimators normalise by the initial class means).
 * Every violation is reported as a one-line {@link BadInputException} naming file, line, column
 * and value.
 */
public final class TrainingLog {
    private static final Pattern LOGIT = Pattern.compile("y_logit(\\d+)");

    private final String name;
    private final String sha256;
    private final int classes;
    private final int rows;
    private final int iterations;
    private final int trials;
    private final int[] trial;
    private final int[] itr;
    private final int[] label;
    private final double[] logits;
    private final double[] valLoss;
    private final double[] valAcc;

    private TrainingLog(String name, String sha256, int classes, int rows, int iterations, int trials,
            int[] trial, int[] itr, int[] label, double[] logits, double[] valLoss, double[] valAcc) {
        this.name = name;
        this.sha256 = sha256;
        this.classes = classes;
        this.rows = rows;
        this.iterations = iterations;
        this.trials = trials;
        this.trial = trial;
        this.itr = itr;
        this.label = label;
        this.logits = logits;
        this.valLoss = valLoss;
        this.valAcc = valAcc;
    }

    /** Reads a log file ({@code .csv} or gzip-compressed {@code .csv.gz}). */
    public static TrainingLog read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw new BadInputException("training log " + file + " is a folder, not a file");
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), md)) {
            TrainingLog parsed = read(name, raw);
            // Drain whatever the parser did not need (nothing, normally) so the digest covers the file.
            byte[] buf = new byte[8192];
            while (raw.read(buf) >= 0) {
                // discard
            }
            return parsed.withSha256(hex(md.digest()));
        } catch (NoSuchFileException e) {
            throw new BadInputException("training log " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read training log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a log from a stream (plain text or gzip) with the shared CSV reader
     * ({@link NumericCsv#stream}). {@code name} is used in error messages. The stream is not closed.
     */
    public static TrainingLog read(String name, InputStream in) throws IOException {
        Parser p = new Parser(name);
        NumericCsv.stream(in, name, NumericCsv.Options.defaults().withRequiredHeader().withNonFinite().withEmpty(), p);
        return p.result();
    }

    /** The header check and the column-wise store of the rows (cells parsed in place, no per-row objects). */
    private static final class Parser implements NumericCsv.Rows {
        private final String name;
        private int k;
        private int cTrial;
        private int cItr;
        private int cY;
        private int[] cLogit;
        private int cValLoss = -1;
        private int cValAcc = -1;
        private double[] valLoss;
        private double[] valAcc;
        private int cap = 1 << 14;
        private int[] trial = new int[cap];
        private int[] itr = new int[cap];
        private int[] label = new int[cap];
        private double[] logits;
        private int n;
        private int maxItr = -1;

        Parser(String name) {
            this.name = name;
        }

        @Override
        public void header(List<String> cols, NumericCsv.Row line) {
            Map<String, Integer> index = new HashMap<>();
            int maxLogit = -1;
            Map<Integer, Integer> logitCol = new HashMap<>();
            for (int i = 0; i < cols.size(); i++) {
                String c = cols.get(i);
                if (index.put(c, i) != null && !c.isEmpty()) {
                    throw new BadInputException(name + ": duplicate column '" + c + "' in the header");
                }
                Matcher m = LOGIT.matcher(c);
                if (m.matches()) {
                    int j;
                    try {
                        j = Integer.parseInt(m.group(1));
                    } catch (NumberFormatException e) {
                        throw new BadInputException(name + ": column " + Require.quoted(c) + " has a class index beyond "
                                + Integer.MAX_VALUE);
                    }
                    if (!m.group(1).equals(Integer.toString(j))) {
                        // y_logit01 and y_logit1 would name one class: only the canonical spelling
                        throw new BadInputException(name + ": column " + Require.quoted(c) + ": write the class index without"
                                + " leading zeros (y_logit" + j + ")");
                    }
                    logitCol.put(j, i);
                    maxLogit = Math.max(maxLogit, j);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String req : new String[] {"trial", "itr", "y"}) {
                if (!index.containsKey(req)) {
                    missing.add(req);
                }
            }
            if (maxLogit < 0) {
                missing.add("y_logit0");
            }
            int absent = maxLogit + 1 - logitCol.size(); // indices 0..maxLogit without a column
            for (int j = 0; j <= maxLogit && missing.size() < 8; j++) {
                if (!logitCol.containsKey(j)) {
                    missing.add("y_logit" + j);
                }
            }
            if (absent > missing.size()) {
                // a huge index (y_logit2000000000) must not make us list or allocate 2e9 classes
                throw new BadInputException(name + ": the logit columns must be y_logit0..y_logit{K-1}: found "
                        + logitCol.size() + " logit column" + (logitCol.size() == 1 ? "" : "s") + " but the largest index is "
                        + maxLogit + " (missing " + String.join(", ", missing) + " and " + (absent - missing.size()) + " more)");
            }
            if (!missing.isEmpty()) {
                throw new BadInputException(name + ": missing column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " (header: " + abbreviate(String.join(",", cols)) + ")");
            }
            k = maxLogit + 1;
            if (k < 2) {
                throw new BadInputException(name + ": need at least 2 classes (columns y_logit0, y_logit1), found " + k
                        + " logit column (y_logit0)");
            }
            cTrial = index.get("trial");
            cItr = index.get("itr");
            cY = index.get("y");
            cLogit = new int[k];
            for (int j = 0; j < k; j++) {
                cLogit[j] = logitCol.get(j);
            }
            logits = new double[cap * k];
            // the optional validation columns (docs/theory.md#76-the-papers-figures); NaN cells are "not evaluated"
            cValLoss = index.getOrDefault("val_loss", -1);
            cValAcc = index.getOrDefault("val_acc", -1);
            valLoss = cValLoss < 0 ? null : new double[cap];
            valAcc = cValAcc < 0 ? null : new double[cap];
        }

        @Override
        public void row(NumericCsv.Row row) {
            if (n == cap) {
                cap *= 2;
                trial = Arrays.copyOf(trial, cap);
                itr = Arrays.copyOf(itr, cap);
                label = Arrays.copyOf(label, cap);
                logits = Arrays.copyOf(logits, cap * k);
                valLoss = valLoss == null ? null : Arrays.copyOf(valLoss, cap);
                valAcc = valAcc == null ? null : Arrays.copyOf(valAcc, cap);
            }
            trial[n] = row.integer(cTrial);
            int it = row.integer(cItr);
            if (it < 0) {
                throw new BadInputException(row.where() + ": column itr must be >= 0, got " + it);
            }
            itr[n] = it;
            maxItr = Math.max(maxItr, it);
            int y = row.integer(cY);
            if (y < 0 || y >= k) {
                throw new BadInputException(row.where() + ": column y = " + y + " is out of range 0.." + (k - 1)
                        + " (K = " + k + " from the y_logit columns)");
            }
            label[n] = y;
            for (int j = 0; j < k; j++) {
                logits[n * k + j] = row.number(cLogit[j]);
            }
            if (valLoss != null) {
                valLoss[n] = row.number(cValLoss);
            }
            if (valAcc != null) {
                valAcc[n] = row.number(cValAcc);
            }
            n++;
        }

        TrainingLog result() {
            if (n == 0) {
                throw new BadInputException(name + ": no data rows after the header");
            }
            // Iterations must be 0..T-1, each present; T <= n since each needs a row.
            if (maxItr >= n) {
                throw new BadInputException(name + ": column itr reaches " + maxItr + " but there are only " + n
                        + " rows, so some iterations in 0.." + maxItr + " have no rows (itr must cover 0..T-1)");
            }
            int t = maxItr + 1;
            boolean[] seen = new boolean[t];
            boolean[] atZero = new boolean[k];
            for (int i = 0; i < n; i++) {
                seen[itr[i]] = true;
                if (itr[i] == 0) {
                    atZero[label[i]] = true;
                }
            }
            for (int m = 0; m < t; m++) {
                if (!seen[m]) {
                    throw new BadInputException(name + ": iteration itr = " + m + " has no rows (itr must cover 0.." + (t - 1) + ")");
                }
            }
            for (int c = 0; c < k; c++) {
                if (!atZero[c]) {
                    throw new BadInputException(name + ": class y = " + c + " has no rows at itr = 0 "
                            + "(the estimators need every class mean at the first iteration)");
                }
            }
            int distinctTrials = (int) Arrays.stream(Arrays.copyOf(trial, n)).distinct().count();
            return new TrainingLog(name, null, k, n, t, distinctTrials, Arrays.copyOf(trial, n), Arrays.copyOf(itr, n),
                    Arrays.copyOf(label, n), Arrays.copyOf(logits, n * k), valLoss == null ? null : Arrays.copyOf(valLoss, n),
                    valAcc == null ? null : Arrays.copyOf(valAcc, n));
        }
    }

    private static String abbreviate(String s) {
        return Require.quoted(s);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private TrainingLog withSha256(String digest) {
        return new TrainingLog(name, digest, classes, rows, iterations, trials, trial, itr, label, logits, valLoss, valAcc);
    }

    /**
     * Class-mean logits per (iteration, class), over all rows (all trials), summed in file order
     * with the same Kahan-compensated summation as pandas' {@code groupby(['itr','y']).mean()}.
     * NaN logits are skipped (per coordinate); a group without rows gives NaN.
     */
    public ClassMeans classMeans() {
        int k = classes;
        int kk = k * k;
        double[] sum = new double[iterations * kk];
        double[] comp = new double[iterations * kk];
        int[] nobs = new int[iterations * kk];
        int[] count = new int[iterations * k];
        for (int i = 0; i < rows; i++) {
            int g = itr[i] * k + label[i];
            count[g]++;
            int base = g * k;
            for (int j = 0; j < k; j++) {
                double val = logits[i * k + j];
                if (!Double.isNaN(val)) {
                    int a = base + j;
                    nobs[a]++;
                    double y = val - comp[a];
                    double t = sum[a] + y;
                    comp[a] = t - sum[a] - y;
                    sum[a] = t;
                }
            }
        }
        double[][] mean = new double[iterations][kk];
        int[][] counts = new int[iterations][k];
        for (int m = 0; m < iterations; m++) {
            for (int a = 0; a < kk; a++) {
                int idx = m * kk + a;
                mean[m][a] = nobs[idx] == 0 ? Double.NaN : sum[idx] / nobs[idx];
            }
            System.arraycopy(count, m * k, counts[m], 0, k);
        }
        return new ClassMeans(k, mean, counts);
    }

    /** File name (for messages and provenance). */
    public String name() {
        return name;
    }

    /** SHA-256 of the file bytes as read (compressed bytes for .gz), or null when read from a stream. */
    public String sha256() {
        return sha256;
    }

    /** Number of classes K (= number of logit columns). */
    public int classes() {
        return classes;
    }

    public int rows() {
        return rows;
    }

    /** Number of iterations T (itr = 0..T-1). */
    public int iterations() {
        return iterations;
    }

    /** Number of distinct trial ids. */
    public int trials() {
        return trials;
    }

    public int trial(int row) {
        return trial[row];
    }

    public int itr(int row) {
        return itr[row];
    }

    public int label(int row) {
        return label[row];
    }

    /** Whether the log has a {@code val_loss} column. */
    public boolean hasValLoss() {
        return valLoss != null;
    }

    /** Whether the log has a {@code val_acc} column. */
    public boolean hasValAcc() {
        return valAcc != null;
    }

    /** {@code val_loss} of a row (NaN where not evaluated); only if {@link #hasValLoss()}. */
    public double valLoss(int row) {
        return valLoss[row];
    }

    /** {@code val_acc} of a row (NaN where not evaluated); only if {@link #hasValAcc()}. */
    public double valAcc(int row) {
        return valAcc[row];
    }

    /** Logit j of a row. */
    public double logit(int row, int j) {
        return logits[row * classes + j];
    }
}
