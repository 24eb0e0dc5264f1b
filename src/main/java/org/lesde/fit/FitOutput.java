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
import org.lesde.sim.RunTimings;

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
 * (one row per trial, {@code k0_d0..}; the init file can be fed back with {@code --replay-init}),
 * {@code replay_scaled.csv} (the columns of {@code replay.csv}, rescaled as the paper's Figure 5:
 * {@link ReplayScale});</li>
 * <li>{@code projection_means.csv} ({@code itr,k0..}: ⟨X̄^c(t), u⟩ on the Figure 1 direction u,
 * {@link Projection}) and {@code projection.csv} ({@code itr,trial,y,proj}: every sample at 50
 * evenly spaced iterations);</li>
 * <li>{@code validation.csv} ({@link Validation#HEADER}) when the log has {@code val_loss} or
 * {@code val_acc}.</li>
 * </ul>
 * Doubles are written in full precision ({@link Double#toString}); JSON writes non-finite
 * numbers as null.
 */
public final class FitOutput {
    private FitOutput() {
    }

    /**
     * The settings of the paper's figures: the classes v1, v2 of the Figure 1 direction and the
     * aligned coordinate of the Figure 5 rescaling (null: each class its own).
     */
    public record Figures(int v1, int v2, Integer align) {
        public static Figures defaults() {
            return new Figures(0, 1, null);
        }
    }

    /** Names of the data files {@link #write} creates (charts come in addition). */
    public static List<String> files(Fit.Result r, boolean metrics) {
        return files(r, metrics, false);
    }

    /** Names of the data files {@link #write} creates, {@code validation} if the log has validation columns. */
    public static List<String> files(Fit.Result r, boolean metrics, boolean validation) {
        List<String> f = new ArrayList<>(List.of("class_means.csv", "fit.csv", "fit.json"));
        if (metrics) {
            f.add("fit_metrics.csv");
        }
        if (r.replay() != null) {
            f.addAll(List.of("replay.csv", "replay_coef.csv", "replay_init.csv", "replay_final.csv", "replay_scaled.csv"));
        }
        f.addAll(List.of("projection_means.csv", "projection.csv"));
        if (validation) {
            f.add("validation.csv");
        }
        return f;
    }

    /**
     * Writes the data files; {@code nc} (per-iteration NC metrics of the logged logits, see
     * {@link LogMetrics}) may be null, then {@code fit_metrics.csv} is not written.
     */
    public static void write(Path dir, TrainingLog log, Fit.Result r, Fit.Options o, String initSource, NcMetrics[] nc) {
        write(dir, log, r, o, initSource, nc, Figures.defaults());
    }

    /** {@link #write(Path, TrainingLog, Fit.Result, Fit.Options, String, NcMetrics[])} with the figure settings. */
    public static void write(Path dir, TrainingLog log, Fit.Result r, Fit.Options o, String initSource, NcMetrics[] nc,
            Figures figs) {
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
            ReplayScale sc = scale(r, o, figs);
            try (Csv c = Csv.create(dir.resolve("replay_scaled.csv"), rh)) {
                double[] row = new double[2 * k * k];
                for (int m = 0; m < t; m++) {
                    System.arraycopy(sc.mean()[m], 0, row, 0, k * k);
                    System.arraycopy(sc.sd()[m], 0, row, k * k, k * k);
                    c.row(new String[] {Integer.toString(m)}, row, 0, row.length);
                }
            }
        }
        double[] u = Projection.direction(r.means(), figs.v1(), figs.v2());
        double[][] pm = Projection.classMeans(r.means(), u);
        List<String> ph = new ArrayList<>(List.of("itr"));
        for (int c = 0; c < k; c++) {
            ph.add("k" + c);
        }
        try (Csv c = Csv.create(dir.resolve("projection_means.csv"), ph)) {
            for (int m = 0; m < t; m++) {
                c.row(new String[] {Integer.toString(m)}, pm[m], 0, k);
            }
        }
        writeSamples(dir.resolve("projection.csv"), log, u);
        Validation val = Validation.of(log);
        if (val != null) {
            try (Csv c = Csv.create(dir.resolve("validation.csv"), Validation.HEADER)) {
                for (int i = 0; i < val.itr().length; i++) {
                    c.row(new String[] {Integer.toString(val.itr()[i]), Integer.toString(val.n()[i])},
                            new double[] {val.lossMean()[i], val.lossSd()[i], val.accMean()[i], val.accSd()[i]}, 0, 4);
                }
            }
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
        writeJson(dir.resolve("fit.json"), log, r, o, initSource, nc, figs, u, val);
    }

    /** The Figure 5 rescaling of the replay (n = --tail if given, else min(1000, T)). */
    public static ReplayScale scale(Fit.Result r, Fit.Options o, Figures figs) {
        LeOdeReplay.Result rp = r.replay();
        return ReplayScale.of(r.means().values(), rp.mean(), rp.sd(), r.classes(), figs.align(),
                ReplayScale.tailLength(o.tail(), r.iterations()));
    }

    /** Every row of the log at the {@link Projection#SAMPLE_ITERATIONS} evenly spaced iterations, in file order. */
    private static void writeSamples(Path file, TrainingLog log, double[] u) {
        boolean[] pick = new boolean[log.iterations()];
        for (int m : Projection.evenly(log.iterations(), Projection.SAMPLE_ITERATIONS)) {
            pick[m] = true;
        }
        try (Csv c = Csv.create(file, List.of("itr", "trial", "y", "proj"))) {
            double[] v = new double[1];
            for (int i = 0; i < log.rows(); i++) {
                if (pick[log.itr(i)]) {
                    v[0] = Projection.sample(log, i, u);
                    c.row(new String[] {Integer.toString(log.itr(i)), Integer.toString(log.trial(i)),
                        Integer.toString(log.label(i))}, v, 0, 1);
                }
            }
        }
    }

    private static List<Object> list(double[] v) {
        List<Object> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(Json.finiteOrNull(x));
        }
        return out;
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
            NcMetrics[] nc, Figures figs, double[] u, Validation val) {
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
            ReplayScale sc = scale(r, o, figs);
            j.put("replay_scale", list(sc.factors()));
            List<Integer> al = new ArrayList<>();
            for (int a : sc.align()) {
                al.add(a);
            }
            j.put("replay_scale_align", al);
            j.put("replay_scale_tail", sc.tail());
            Map<String, Object> fj = new LinkedHashMap<>();
            fj.put("definition", "per class, ||Xbar_c - replay mean_c|| / ||Xbar_c|| over all iterations and coordinates");
            fj.put("unscaled", list(sc.fitUnscaled()));
            fj.put("scaled", list(sc.fitScaled()));
            j.put("replay_fit", fj);
        }
        Map<String, Object> pj = new LinkedHashMap<>();
        pj.put("classes", List.of(figs.v1(), figs.v2()));
        pj.put("direction", list(u));
        pj.put("sample_iterations", Projection.evenly(t, Projection.SAMPLE_ITERATIONS).length);
        j.put("projection", pj);
        if (val != null) {
            Map<String, Object> vj = new LinkedHashMap<>();
            int q = val.last();
            vj.put("itr", val.itr()[q]);
            vj.put("n", val.n()[q]);
            vj.put("val_loss_mean", Json.finiteOrNull(val.lossMean()[q]));
            vj.put("val_acc_mean", Json.finiteOrNull(val.accMean()[q]));
            j.put("validation_last", vj);
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

    /** Adds the {@code timings} object (docs/outputs.md#timings) to the fit.json of {@code dir}. */
    @SuppressWarnings("unchecked")
    public static void addTimings(Path dir, RunTimings timings) {
        Path file = dir.resolve("fit.json");
        Map<String, Object> j = (Map<String, Object>) Json.read(file, "fit.json");
        j.put("timings", timings.toJson());
        Json.write(file, j);
    }
}
