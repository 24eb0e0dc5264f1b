package org.lesde.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lesde.BadInputException;

/**
 * Replay initial states from a CSV file: a header naming the K² coordinates
 * {@code k0_d0,...,k{K-1}_d{K-1}} (class c, logit j; any order), then one row per trial of finite
 * numbers. The same layout is written as {@code replay_init.csv} / {@code replay_final.csv}, so
 * a replay can be continued or repeated from its output.
 */
public final class InitialStates {
    private InitialStates() {
    }

    public static double[][] read(Path file, int k) {
        String name = file.toString();
        String[] want = ClassMeans.columnNames(k);
        Map<String, Integer> slot = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            slot.put(want[i], i);
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new BadInputException(name + ": empty file (expected a header " + want[0] + ",...)");
            }
            if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
                header = header.substring(1);
            }
            String[] cols = header.split(",", -1);
            int[] target = new int[cols.length];
            boolean[] seen = new boolean[want.length];
            for (int i = 0; i < cols.length; i++) {
                String c = cols[i].trim();
                Integer s = slot.get(c);
                if (s == null) {
                    throw new BadInputException(name + ": unexpected column '" + c + "' (the log has K = " + k
                            + " classes: columns k0_d0..k" + (k - 1) + "_d" + (k - 1) + ")");
                }
                if (seen[s]) {
                    throw new BadInputException(name + ": duplicate column '" + c + "'");
                }
                seen[s] = true;
                target[i] = s;
            }
            List<String> missing = new ArrayList<>();
            for (int s = 0; s < want.length; s++) {
                if (!seen[s]) {
                    missing.add(want[s]);
                }
            }
            if (!missing.isEmpty()) {
                throw new BadInputException(name + ": missing column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing));
            }
            List<double[]> rows = new ArrayList<>();
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != cols.length) {
                    throw new BadInputException(name + ":" + lineNo + ": row has " + cells.length + " cells, the header has " + cols.length);
                }
                double[] row = new double[want.length];
                for (int i = 0; i < cells.length; i++) {
                    String cell = cells[i].trim();
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new BadInputException(name + ":" + lineNo + ": column " + cols[i].trim() + " has non-numeric value '" + cell + "'");
                    }
                    if (!Double.isFinite(v)) {
                        throw new BadInputException(name + ":" + lineNo + ": column " + cols[i].trim() + " must be finite, got " + cell);
                    }
                    row[target[i]] = v;
                }
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw new BadInputException(name + ": no initial states (one row per trial expected)");
            }
            return rows.toArray(new double[0][]);
        } catch (NoSuchFileException e) {
            throw new BadInputException("replay initial states file " + name + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read replay initial states " + name + ": " + e.getMessage(), e);
        }
    }

    /** Header of a states file for K classes. */
    public static List<String> header(int k) {
        return Arrays.asList(ClassMeans.columnNames(k));
    }
}
