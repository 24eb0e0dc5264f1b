package org.lesde.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.model.LeModel;
import org.lesde.random.Streams;
import org.lesde.sde.Solver;
import org.lesde.sde.TimeGrid;
import org.lesde.sim.Assembly;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.Simulation;

/**
 * The {@code lesde bench} harness. Method, for every workload and thread count (1, then all):
 * {@code warmup} untimed runs (JIT compilation, caches), then {@code repetitions} timed runs, each
 * one complete {@link Simulation#run} (LE-ODE table, paths, summaries) timed with
 * {@link System#nanoTime()}; the report gives the median and the spread (min, max). Throughputs are
 * derived from the median: path-steps per second, and nanoseconds per component-step
 * (wall time / (paths·steps·K·p)), compared with the {@code normals} floor measured in the same
 * process with the same thread count (an additive-noise EM step draws one normal per component and
 * cannot be cheaper). The speed-up is median(1 thread) / median(all threads). Each run's CPU time
 * (the whole process) is recorded too: on a shared machine the CPU-based ratios are much less
 * disturbed by other processes than wall times. {@code ode_seconds} is the median time of the
 * run's serial LE-ODE part ({@link Simulation#meanPart}: the DP853 table of the mean closure, or
 * the closed form at the output times for the exact sampler), measured separately; it is
 * included in the run times.
 */
public final class Benchmark {
    /** How to run. {@code maxThreads} 0 = all available processors. */
    public record Settings(boolean quick, int warmup, int repetitions, int maxThreads, List<String> only) {
        public static Settings of(boolean quick) {
            return new Settings(quick, quick ? 1 : 2, quick ? 3 : 5, 0, List.of());
        }

        boolean wants(String name) {
            return only.isEmpty() || only.contains(name);
        }
    }

    /**
     * One measured (workload, threads) pair. Derived rates are NaN when not available (null in
     * JSON).
     */
    public record Row(String workload, String description, int threads, boolean available, String note, int warmup,
            double[] seconds, double[] cpuSeconds, long paths, long steps, int components, double nsPerNormal,
            double cpuNsPerNormal, double speedup, double odeSeconds) {

        public double median() {
            return available ? Stats.median(seconds) : Double.NaN;
        }

        public double min() {
            return available ? Arrays.stream(seconds).min().orElse(Double.NaN) : Double.NaN;
        }

        public double max() {
            return available ? Arrays.stream(seconds).max().orElse(Double.NaN) : Double.NaN;
        }

        /** Median CPU time of the whole process (all threads, GC and JIT included) per run. */
        public double cpuMedian() {
            return available ? Stats.median(cpuSeconds) : Double.NaN;
        }

        /** CPU nanoseconds per component-step: insensitive to other processes taking the cores. */
        public double cpuNsPerComponentStep() {
            return cpuMedian() * 1e9 / ((double) paths * steps * components);
        }

        public double cpuRatioToNormals() {
            return cpuNsPerComponentStep() / cpuNsPerNormal;
        }

        public double pathStepsPerSecond() {
            return (double) paths * steps / median();
        }

        public double nsPerComponentStep() {
            return median() * 1e9 / ((double) paths * steps * components);
        }

        public double ratioToNormals() {
            return nsPerComponentStep() / nsPerNormal;
        }

        Row withSpeedup(double s) {
            return new Row(workload, description, threads, available, note, warmup, seconds, cpuSeconds, paths, steps,
                    components, nsPerNormal, cpuNsPerNormal, s, odeSeconds);
        }

        /** The JSON object of this row (stable key order). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", workload);
            m.put("description", description);
            m.put("threads", threads);
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("available", available);
            m.put("median_seconds", num(median()));
            m.put("min_seconds", num(min()));
            m.put("max_seconds", num(max()));
            m.put("repetitions", available ? seconds.length : 0);
            m.put("warmup", warmup);
            m.put("paths", paths);
            m.put("steps", steps);
            m.put("components", components);
            m.put("path_steps_per_second", num(pathStepsPerSecond()));
            m.put("path_steps_per_second_per_thread", num(pathStepsPerSecond() / threads));
            m.put("ns_per_component_step", num(nsPerComponentStep()));
            m.put("ns_per_normal", num(nsPerNormal));
            m.put("ratio_to_normals", num(ratioToNormals()));
            m.put("speedup_vs_1_thread", num(speedup));
            m.put("cpu_median_seconds", num(cpuMedian()));
            m.put("cpu_ns_per_component_step", num(cpuNsPerComponentStep()));
            m.put("cpu_ns_per_normal", num(cpuNsPerNormal));
            m.put("cpu_ratio_to_normals", num(cpuRatioToNormals()));
            m.put("ode_seconds", num(odeSeconds));
            m.put("note", note);
            return m;
        }

        private static Object num(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    /** Every workload name, in report order. */
    public static final List<String> WORKLOADS = List.of("normals", "paper-k3", "logits-k100", "exact-k100",
            "logits-k1000", "milstein-k10");

    private static volatile double sink;

    private Benchmark() {
    }

    /** Runs every workload and returns the rows (1 thread and all threads per workload). */
    public static List<Row> run(Settings s, Consumer<String> log) {
        int all = EnsembleRunner.threads(s.maxThreads());
        int[] threadCounts = all > 1 ? new int[] {1, all} : new int[] {1};
        List<Row> rows = new ArrayList<>();
        Workload nw = Workloads.normals(s.quick());
        double[] floor = new double[all + 1];
        double[] cpuFloor = new double[all + 1];
        for (int t : threadCounts) {
            double[][] sec = measure(s, () -> normals(nw.normals(), t));
            floor[t] = Stats.median(sec[0]) * 1e9 / nw.normals();
            cpuFloor[t] = Stats.median(sec[1]) * 1e9 / nw.normals();
            rows.add(new Row(nw.name(), nw.description(), t, true, "", s.warmup(), sec[0], sec[1], nw.paths(), 1, 1,
                    floor[t], cpuFloor[t], Double.NaN, Double.NaN));
            log.accept(String.format(Locale.ROOT, "normals, %d thread(s): %.2f ns per normal", t, floor[t]));
        }
        fillSpeedups(rows);
        List<Workload> models = new ArrayList<>(Workloads.models(s.quick()));
        Workload exact = exactK100(s.quick());
        int exactAt = models.indexOf(models.stream().filter(w -> w.name().equals("logits-k100")).findFirst().orElseThrow())
                + 1;
        models.add(exactAt, exact);
        for (Workload w : models) {
            if (!s.wants(w.name())) {
                continue;
            }
            String unavailable = w.name().equals("exact-k100") ? exactUnavailable() : null;
            List<Row> wr = new ArrayList<>();
            for (int t : threadCounts) {
                if (unavailable != null) {
                    wr.add(new Row(w.name(), w.description(), t, false, unavailable, 0, new double[0], new double[0],
                            w.paths(), w.steps(), w.components(), floor[t], cpuFloor[t], Double.NaN, Double.NaN));
                    continue;
                }
                LeModel m = withThreads(w.model(), t);
                double[][] sec = measure(s, () -> simulate(m));
                double ode = t == 1 ? Stats.median(measure(new Settings(s.quick(), 0, s.repetitions(), 1, List.of()),
                        () -> leOde(m))[0]) : wr.get(0).odeSeconds();
                String note = lastThreads == t ? ""
                        : "ran with " + lastThreads + " thread(s): the summaries of " + t + " threads do not fit the heap";
                Row r = new Row(w.name(), w.description(), t, true, note, s.warmup(), sec[0], sec[1], w.paths(), w.steps(),
                        w.components(), floor[t], cpuFloor[t], Double.NaN, ode);
                wr.add(r);
                log.accept(String.format(Locale.ROOT,
                        "%s, %d thread(s): median %.4f s (%.3g path-steps/s, %.2fx normals; cpu %.2fx normals)", w.name(), t,
                        r.median(), r.pathStepsPerSecond(), r.ratioToNormals(), r.cpuRatioToNormals()));
            }
            rows.addAll(wr);
            fillSpeedups(rows);
        }
        return rows;
    }

    /** Sets speedup_vs_1_thread on every row that has a 1-thread sibling. */
    private static void fillSpeedups(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!r.available) {
                continue;
            }
            for (Row one : rows) {
                if (one.workload.equals(r.workload) && one.threads == 1 && one.available) {
                    rows.set(i, r.withSpeedup(one.median() / r.median()));
                }
            }
        }
    }

    /** The same output as logits-k100 (same model, output times, paths) drawn by the exact sampler. */
    static Workload exactK100(boolean quick) {
        Workload base = Workloads.logitsK100(quick);
        LeModel.Simulation s = base.model().simulation();
        LeModel m = base.model().withName("exact-k100").withSimulation(
                new LeModel.Simulation(s.paths(), Solver.EXACT, s.seed(), s.threads(), s.sgdParticles()));
        return new Workload("exact-k100", "logits-k100's output drawn with the exact Gaussian sampler (no time stepping)",
                base.yaml().replace("euler-maruyama", "exact"), m, 0);
    }

    /** Null when the exact sampler runs, else why not (it is not faked). */
    static String exactUnavailable() {
        LeModel tiny = exactK100(true).model();
        LeModel.Simulation s = tiny.simulation();
        tiny = tiny.withSimulation(new LeModel.Simulation(1, s.solver(), s.seed(), 1, 0));
        try {
            Simulation.run(tiny, Simulation.Config.defaults());
            return null;
        } catch (RuntimeException e) {
            return "exact sampler not available in this build: " + e.getMessage();
        }
    }

    static LeModel withThreads(LeModel m, int threads) {
        LeModel.Simulation s = m.simulation();
        return m.withSimulation(s.withThreads(threads));
    }

    /** Warm-up, then timed runs: {wall seconds[], process CPU seconds[]}. */
    private static double[][] measure(Settings s, Runnable task) {
        for (int i = 0; i < s.warmup(); i++) {
            task.run();
        }
        double[] sec = new double[s.repetitions()];
        double[] cpu = new double[s.repetitions()];
        for (int i = 0; i < sec.length; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            task.run();
            sec[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (processCpuNanos() - c0) / 1e9;
        }
        return new double[][] {sec, cpu};
    }

    /** CPU time of this process (NaN-free: -1 when the platform does not tell). */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** The LE-ODE part of a run, exactly as {@link Simulation#run} computes it (serial, once per run). */
    static void leOde(LeModel m) {
        double[][] rows = Assembly.of(m).meanPart().outputRows();
        sink += rows[rows.length - 1][0];
    }

    private static void simulate(LeModel m) {
        Simulation.Result r = Simulation.run(m, Simulation.Config.defaults());
        sink += r.sde().mean(r.sde().rows() - 1, 0);
        lastThreads = r.threads();
    }

    /** Threads the last simulated run really used (fewer than asked when memory is short). */
    private static volatile int lastThreads;

    /**
     * Draws {@code total} standard normals split over {@code threads} threads, each from its own
     * path stream into a reused buffer (as the Brownian increments are drawn).
     */
    static void normals(long total, int threads) {
        long per = total / threads;
        Streams streams = Streams.of(1).child(Streams.PATHS);
        if (threads == 1) {
            sink += drawNormals(streams, 0, per);
            return;
        }
        CountDownLatch done = new CountDownLatch(threads);
        double[] partial = new double[threads * 8];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            Thread th = new Thread(() -> {
                partial[id * 8] = drawNormals(streams, id, per);
                done.countDown();
            }, "lesde-bench-normals");
            th.setDaemon(true);
            th.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int t = 0; t < threads; t++) {
            sink += partial[t * 8];
        }
    }

    private static double drawNormals(Streams streams, long stream, long count) {
        ZigguratSampler.NormalizedGaussian g = Streams.normal(streams.stream(stream));
        double[] buf = new double[1024];
        double acc = 0;
        for (long done = 0; done < count; done += buf.length) {
            fill(g, buf);
            acc += buf[(int) (done & 1023)];
        }
        return acc;
    }

    /** One buffer of normals (a separate method so it is compiled normally, not only on-stack-replaced). */
    private static void fill(ZigguratSampler.NormalizedGaussian g, double[] buf) {
        for (int i = 0; i < buf.length; i++) {
            buf[i] = g.sample();
        }
    }

    /** The report as a fixed-width text table. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-13s %3s %10s %21s %13s %12s %9s %8s %9s%n", "workload", "thr", "median s",
                "min..max s", "path-steps/s", "ns/comp-step", "x normals", "speed-up", "cpu x nrm"));
        for (Row r : rows) {
            if (!r.available) {
                b.append(String.format(Locale.ROOT, "%-13s %3d %s%n", r.workload, r.threads, "n/a: " + r.note));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-13s %3d %10.4f %10.4f..%-10.4f %13s %12.3f %9s %8s %9s%n", r.workload,
                    r.threads, r.median(), r.min(), r.max(), r.workload.equals("normals") ? "-" : sci(r.pathStepsPerSecond()),
                    r.nsPerComponentStep(), r.workload.equals("normals") ? "1" : String.format(Locale.ROOT, "%.2f",
                            r.ratioToNormals()),
                    Double.isFinite(r.speedup) && r.threads > 1 ? String.format(Locale.ROOT, "%.2fx", r.speedup) : "-",
                    r.workload.equals("normals") ? "1" : String.format(Locale.ROOT, "%.2f", r.cpuRatioToNormals())));
            if (!r.note.isEmpty()) {
                b.append("    (").append(r.note).append(")\n");
            }
        }
        return b.toString();
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** The JSON document: one object per row. */
    public static List<Map<String, Object>> json(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.toJson());
        }
        return out;
    }

    /** Small statistics helpers. */
    static final class Stats {
        private Stats() {
        }

        static double median(double[] v) {
            if (v.length == 0) {
                return Double.NaN;
            }
            double[] s = v.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }
    }
}
