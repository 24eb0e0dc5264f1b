package org.lesde.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lesde.Version;
import org.lesde.io.Csv;
import org.lesde.io.Json;
import org.lesde.io.Provenance;
import org.lesde.monitor.Metric;
import org.lesde.monitor.MetricsRow;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;

/**
 * Writes the result of {@link Fit#run} into a folder (the CLI passes the staging folder of an
 * {@link org.lesde.io.AtomicOutput}). Files:
 * <ul>
 * <li>{@code class_means.csv}: {@code itr,k0_d0,...} class-mean logits X̄^c_j(itr);</li>
 * <li>{@code fit.csv}: {@code itr,A_I,B_I,A_L,B_L,alpha_I,beta_I,alpha_L,beta_L};</li>
 * <li>{@code fit.json}: sizes, tail indices (with sign flips and ignored entries), settings,
 * provenance;</li>
 * <li>{@code fit_metrics.csv}: {@code itr,samples,nc1,nc2_equinorm,nc2_equiangularity,
 * nc2_etf_distance,nc3,nc4,residual_cos_mean}, NC metrics of the logged logits per iteration
 * ({@link LogMetrics}); undefined values are empty cells, as in {@code metrics.csv};</li>
 * <li>with a replay: {@code replay.csv} ({@code itr}, means {@code k0_d0..}, then sds
 * {@code k0_d0_sd..}, ddof 0), {@code replay_coef.csv} ({@code itr,alpha_L,beta_L} with the replay
 * window: the coefficients that drove it), {@code replay_init.csv} and {@code replay_final.csv}
 * (one row per trial, {@code k0_d0..}; the init file can be fed back with {@code --replay-init}).</li>
 * </ul>
 * Doubles are written in full precision ({@link Double#toString}); JSON writes non-finite
 * numbers as null.
 */
public final class FitOutput {
    private FitOutput() {
    }

    /** Names of the data files {@link #write} creates (charts come in addition, as PNG + SVG). */
    public static List<String> files(Fit.Result r, boolean metrics) {
        List<String> f = new ArrayList<>(List.of("class_means.csv", "fit.csv", "fit.json"));
        if (metrics) {
            f.add("fit_metrics.csv");
        }
        if (r.replay() != null) {
            f.addAll(List.of("replay.csv", "replay_coef.csv", "replay_init.csv", "replay_final.csv"));
        }
        return f;
    }

    /**
     * Writes the data files; {@code nc} (per-iteration NC metrics of the logged logits, see
     * {@link LogMetrics}) may be null, then {@code fit_metrics.csv} is not written.
     */
    public static void write(Path dir, TrainingLog log, Fit.Result r, Fit.Options o, String initSource, NcMetrics[] nc) {
        int k = r.classes();
        int t = r.iterations();
        String[] names = ClassMeans.columnNames(k);
        List<String> head = new ArrayList<>();
        head.add("itr");
        head.addAll(Arrays.asList(names));
        try (Csv c = Csv.create(dir.resolve("class_means.csv"), head)) {
            for (int m = 0; m < t; m++) {
                c.row(new String[] {Integer.toString(m)}, r.means().at(m), 0, k * k);
            }
        }
        try (Csv c = Csv.create(dir.resolve("fit.csv"),
                List.of("itr", "A_I", "B_I", "A_L", "B_L", "alpha_I", "beta_I", "alpha_L", "beta_L"))) {
            double[] row = new double[8];
            for (int m = 0; m < t; m++) {
                row[0] = r.i().a()[m];
                row[1] = r.i().b()[m];
                row[2] = r.l().a()[m];
                row[3] = r.l().b()[m];
                row[4] = r.i().alpha()[m];
                row[5] = r.i().beta()[m];
                row[6] = r.l().alpha()[m];
                row[7] = r.l().beta()[m];
                c.row(new String[] {Integer.toString(m)}, row, 0, 8);
            }
        }
        LeOdeReplay.Result rp = r.replay();
        if (rp != null) {
            List<String> rh = new ArrayList<>(head);
            for (String n : names) {
                rh.add(n + "_sd");
            }
            try (Csv c = Csv.create(dir.resolve("replay.csv"), rh)) {
                double[] row = new double[2 * k * k];
                for (int m = 0; m < t; m++) {
                    System.arraycopy(rp.mean()[m], 0, row, 0, k * k);
                    System.arraycopy(rp.sd()[m], 0, row, k * k, k * k);
                    c.row(new String[] {Integer.toString(m)}, row, 0, row.length);
                }
            }
            try (Csv c = Csv.create(dir.resolve("replay_coef.csv"), List.of("itr", "alpha_L", "beta_L"))) {
                for (int m = 0; m < t; m++) {
                    c.row(new String[] {Integer.toString(m)}, new double[] {r.replayAlpha()[m], r.replayBeta()[m]}, 0, 2);
                }
            }
            writeStates(dir.resolve("replay_init.csv"), k, rp.initial());
            writeStates(dir.resolve("replay_final.csv"), k, rp.last());
        }
        if (nc != null) {
            try (Csv c = Csv.create(dir.resolve("fit_metrics.csv"), LogMetrics.HEADER)) {
                List<String> cells = new ArrayList<>(LogMetrics.HEADER.size());
                for (int m = 0; m < t; m++) {
                    cells.clear();
                    cells.add(Integer.toString(m));
                    double[] v = LogMetrics.values(nc[m], samplesAt(r, m));
                    cells.add(Integer.toString((int) v[0]));
                    for (int q = 1; q < v.length; q++) {
                        cells.add(MetricsRow.cell(v[q]));
                    }
                    c.rawRow(cells);
                }
            }
        }
        writeJson(dir.resolve("fit.json"), log, r, o, initSource, nc);
    }

    private static int samplesAt(Fit.Result r, int m) {
        int s = 0;
        for (int c = 0; c < r.classes(); c++) {
            s += r.means().count(m, c);
        }
        return s;
    }

    private static void writeStates(Path file, int k, double[][] states) {
        try (Csv c = Csv.create(file, InitialStates.header(k))) {
            for (double[] s : states) {
                c.row(s);
            }
        }
    }

    private static void writeJson(Path file, TrainingLog log, Fit.Result r, Fit.Options o, String initSource,
            NcMetrics[] nc) {
        Map<String, Object> j = new LinkedHashMap<>();
        int t = r.iterations();
        j.put("classes", r.classes());
        j.put("iterations", t);
        j.put("tail_A_I", Json.finiteOrNull(r.i().tailA().r()));
        j.put("tail_B_I", Json.finiteOrNull(r.i().tailB().r()));
        j.put("tail_A_L", Json.finiteOrNull(r.l().tailA().r()));
        j.put("tail_B_L", Json.finiteOrNull(r.l().tailB().r()));
        j.put("window", r.window());
        j.put("tail", r.tail());
        Map<String, Object> flip = new LinkedHashMap<>();
        Map<String, Object> ign = new LinkedHashMap<>();
        Map<String, Object> zer = new LinkedHashMap<>();
        TailIndex.Result[] tails = {r.i().tailA(), r.i().tailB(), r.l().tailA(), r.l().tailB()};
        String[] keys = {"A_I", "B_I", "A_L", "B_L"};
        for (int q = 0; q < 4; q++) {
            flip.put(keys[q], tails[q].flipped());
            ign.put(keys[q], tails[q].ignored());
            zer.put(keys[q], tails[q].zeros());
        }
        j.put("tail_sign_flipped", flip);
        j.put("tail_entries_ignored", ign);
        j.put("tail_entries_zero", zer);
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("itr", t - 1);
        last.put("A_I", Json.finiteOrNull(r.i().a()[t - 1]));
        last.put("B_I", Json.finiteOrNull(r.i().b()[t - 1]));
        last.put("A_L", Json.finiteOrNull(r.l().a()[t - 1]));
        last.put("B_L", Json.finiteOrNull(r.l().b()[t - 1]));
        j.put("last", last);
        j.put("estimate_AB_L_c1", Json.finiteOrNull(r.c1L()));
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("file", log.name());
        if (log.sha256() != null) {
            in.put("sha256", log.sha256());
        }
        in.put("rows", log.rows());
        in.put("trials", log.trials());
        in.put("min_rows_per_itr_class", r.means().minCount());
        in.put("empty_itr_class_groups", r.means().emptyGroups());
        j.put("log", in);
        LeOdeReplay.Result rp = r.replay();
        if (rp == null) {
            j.put("replay", null);
        } else {
            Map<String, Object> rj = new LinkedHashMap<>();
            rj.put("trials", rp.trials());
            rj.put("model", "L");
            rj.put("window", r.replayWindow());
            rj.put("map", "unit-step residual-source Euler, coefficient index t");
            rj.put("init", initSource);
            if (r.gaussianInit()) {
                List<Double> sig = new ArrayList<>();
                for (double s : r.initialSigma()) {
                    sig.add(s);
                }
                rj.put("initial_sigma", sig);
            }
            rj.put("noise_sigma", o.replayNoise());
            rj.put("finite", rp.finite());
            j.put("replay", rj);
        }
        if (nc != null) {
            Map<String, Object> nj = new LinkedHashMap<>();
            nj.put("file", "fit_metrics.csv");
            nj.put("samples", "the rows of each iteration (one per trial), labelled by the logged y");
            nj.put("features", NeuralCollapse.LOGIT_NOTE);
            NcMetrics lastNc = nc[t - 1];
            if (lastNc != null) {
                Map<String, Object> lj = new LinkedHashMap<>();
                for (Metric q : Metric.of(Metric.Family.NEURAL_COLLAPSE)) {
                    lj.put(q.key(), Json.finiteOrNull(q.of(lastNc)));
                }
                nj.put("last", lj);
            }
            int undefined = 0;
            for (NcMetrics m : nc) {
                if (m == null) {
                    undefined++;
                }
            }
            nj.put("iterations_with_a_class_missing", undefined);
            j.put("nc_metrics", nj);
        }
        j.put("seed", o.seed());
        j.put("lesde_version", Version.get());
        Json.write(file, Provenance.into(j, "fit"));
    }
}
