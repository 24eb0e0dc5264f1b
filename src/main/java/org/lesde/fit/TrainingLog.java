package org.lesde.fit;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.GZIPInputStream;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;

/**
 * A training log in the official LE-SDE format, held column-wise (no per-row objects).
 *
 * <p>Format: a header line, then one row per SGD iteration and trial,
 * {@code trial,itr,smp,y,y_logit0..y_logit{K-1},tr_loss,val_loss,val_acc}. The number of classes
 * K is the number of {@code y_logit*} columns (they must be {@code y_logit0..y_logit{K-1}}).
 * Required columns are {@code trial}, {@code itr}, {@code y} and the logits; any other column is
 * ignored (and not parsed). Column order is free. The file may be gzip-compressed (detected from
 * its first two bytes, so {@code .csv.gz} and {@code .csv} both work).
 *
 * <p>Cells: {@code trial}, {@code itr}, {@code y} must be integers ({@code 3} or {@code 3.0});
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

    private TrainingLog(String name, String sha256, int classes, int rows, int iterations, int trials,
            int[] trial, int[] itr, int[] label, double[] logits) {
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
     * Reads a log from a stream (plain text or gzip). {@code name} is used in error messages.
     * The stream is not closed.
     */
    public static TrainingLog read(String name, InputStream in) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
        bin.mark(2);
        int b0 = bin.read();
        int b1 = bin.read();
        bin.reset();
        InputStream text = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(bin, 1 << 16) : bin;
        BufferedReader r = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
        try {
            return parse(name, r);
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(name + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new BadInputException(name + ": truncated gzip data", e);
        }
    }

    private static TrainingLog parse(String name, BufferedReader r) throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new BadInputException(name + ": empty file (expected a header line trial,itr,smp,y,y_logit0,...)");
        }
        if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
            header = header.substring(1);
        }
        String[] cols = header.split(",", -1);
        Map<String, Integer> index = new HashMap<>();
        int maxLogit = -1;
        Map<Integer, Integer> logitCol = new HashMap<>();
        for (int i = 0; i < cols.length; i++) {
            String c = cols[i].trim();
            if (index.put(c, i) != null && !c.isEmpty()) {
                throw new BadInputException(name + ": duplicate column '" + c + "' in the header");
            }
            Matcher m = LOGIT.matcher(c);
            if (m.matches()) {
                int k;
                try {
                    k = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    throw new BadInputException(name + ": column name '" + c + "' has an invalid class index");
                }
                logitCol.put(k, i);
                maxLogit = Math.max(maxLogit, k);
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
        for (int k = 0; k <= maxLogit; k++) {
            if (!logitCol.containsKey(k)) {
                missing.add("y_logit" + k);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(name + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (header: " + abbreviate(header) + ")");
        }
        final int k = maxLogit + 1;
        if (k < 2) {
            throw new BadInputException(name + ": need at least 2 classes (columns y_logit0, y_logit1), found " + k);
        }
        final int ncol = cols.length;
        final int cTrial = index.get("trial");
        final int cItr = index.get("itr");
        final int cY = index.get("y");
        final int[] cLogit = new int[k];
        for (int j = 0; j < k; j++) {
            cLogit[j] = logitCol.get(j);
        }

        int cap = 1 << 14;
        int[] trial = new int[cap];
        int[] itr = new int[cap];
        int[] label = new int[cap];
        double[] logits = new double[cap * k];
        int[] start = new int[ncol + 1];
        int n = 0;
        long lineNo = 1;
        int maxItr = -1;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            // cell boundaries: cell i is line[start[i], start[i+1]-1)
            int cells = 0;
            start[0] = 0;
            int pos = 0;
            while (true) {
                int comma = line.indexOf(',', pos);
                cells++;
                if (comma < 0) {
                    if (cells <= ncol) {
                        start[cells] = line.length() + 1;
                    }
                    break;
                }
                if (cells >= ncol) {
                    cells = countCells(line); // too many cells: report the real count
                    break;
                }
                start[cells] = comma + 1;
                pos = comma + 1;
            }
            if (cells != ncol) {
                throw new BadInputException(name + ":" + lineNo + ": row has " + cells + " cells, the header has " + ncol);
            }
            if (n == cap) {
                cap *= 2;
                trial = Arrays.copyOf(trial, cap);
                itr = Arrays.copyOf(itr, cap);
                label = Arrays.copyOf(label, cap);
                logits = Arrays.copyOf(logits, cap * k);
            }
            trial[n] = intCell(name, lineNo, "trial", line, start[cTrial], start[cTrial + 1] - 1);
            int it = intCell(name, lineNo, "itr", line, start[cItr], start[cItr + 1] - 1);
            if (it < 0) {
                throw new BadInputException(name + ":" + lineNo + ": column itr must be >= 0, got " + it);
            }
            itr[n] = it;
            maxItr = Math.max(maxItr, it);
            int y = intCell(name, lineNo, "y", line, start[cY], start[cY + 1] - 1);
            if (y < 0 || y >= k) {
                throw new BadInputException(name + ":" + lineNo + ": column y = " + y + " is out of range 0.." + (k - 1)
                        + " (K = " + k + " from the y_logit columns)");
            }
            label[n] = y;
            for (int j = 0; j < k; j++) {
                logits[n * k + j] = doubleCell(name, lineNo, "y_logit" + j, line, start[cLogit[j]], start[cLogit[j] + 1] - 1);
            }
            n++;
        }
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
        int maxTrial = -1;
        for (int i = 0; i < n; i++) {
            seen[itr[i]] = true;
            if (itr[i] == 0) {
                atZero[label[i]] = true;
            }
            maxTrial = Math.max(maxTrial, trial[i]);
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
                Arrays.copyOf(label, n), Arrays.copyOf(logits, n * k));
    }

    private static int countCells(String line) {
        int c = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                c++;
            }
        }
        return c;
    }

    private static int intCell(String file, long lineNo, String col, String line, int from, int to) {
        String s = line.substring(from, to).trim();
        if (s.isEmpty()) {
            throw new BadInputException(file + ":" + lineNo + ": column " + col + " is empty (expected an integer)");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            // accept integral floats such as "3.0"
            if (isPlainNumber(s)) {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            }
            throw new BadInputException(file + ":" + lineNo + ": column " + col + " has non-integer value '" + abbreviate(s) + "'");
        }
    }

    private static double doubleCell(String file, long lineNo, String col, String line, int from, int to) {
        String s = line.substring(from, to).trim();
        if (isPlainNumber(s)) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        } else {
            switch (s) {
                case "":
                case "NaN":
                case "nan":
                case "NAN":
                    return Double.NaN;
                case "inf":
                case "+inf":
                case "Infinity":
                case "+Infinity":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                case "-Infinity":
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new BadInputException(file + ":" + lineNo + ": column " + col + " has non-numeric value '" + abbreviate(s) + "'");
    }

    /** Decimal number syntax only: digits, sign, point, exponent (rejects Java's "1d", "0x1p3"). */
    private static boolean isPlainNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if (ch != '+' && ch != '-' && ch != '.' && ch != 'e' && ch != 'E') {
                return false;
            }
        }
        return digit;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private TrainingLog withSha256(String digest) {
        return new TrainingLog(name, digest, classes, rows, iterations, trials, trial, itr, label, logits);
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

    /** Logit j of a row. */
    public double logit(int row, int j) {
        return logits[row * classes + j];
    }
}
