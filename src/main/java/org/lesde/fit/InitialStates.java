package org.lesde.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.io.NumericCsv;

/**
 * Replay initial states from a CSV file: a header naming the K² coordinates
 * {@code k0_d0,...,k{K-1}_d{K-1}} (class c, logit j; any order), then one row per trial of finite
 * numbers. The same layout is written as {@code replay_init.csv} / {@code replay_final.csv}, so
 * a replay can be continued or repeated from its output.
 */
public final class InitialStates {
    private InitialStates() {
    }

    /** Reads the states of a K-class replay with the shared reader {@link NumericCsv} (finite numbers only). */
    public static double[][] read(Path file, int k) {
        String name = file.toString();
        String[] want = ClassMeans.columnNames(k);
        Map<String, Integer> slot = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            slot.put(want[i], i);
        }
        List<double[]> rows = new ArrayList<>();
        NumericCsv.stream(file, "--replay-init", NumericCsv.Options.defaults().withRequiredHeader().withEmpty(), new NumericCsv.Rows() {
            private int[] target;

            @Override
            public void header(List<String> cols, NumericCsv.Row line) {
                target = new int[cols.size()];
                boolean[] seen = new boolean[want.length];
                for (int i = 0; i < cols.size(); i++) {
                    String c = cols.get(i);
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
            }

            @Override
            public void row(NumericCsv.Row row) {
                double[] v = new double[want.length];
                for (int i = 0; i < target.length; i++) {
                    v[target[i]] = row.number(i);
                }
                rows.add(v);
            }
        });
        if (rows.isEmpty()) {
            throw new BadInputException(name + ": no initial states (one row per trial expected)");
        }
        return rows.toArray(new double[0][]);
    }

    /** Header of a states file for K classes. */
    public static List<String> header(int k) {
        return Arrays.asList(ClassMeans.columnNames(k));
    }
}
