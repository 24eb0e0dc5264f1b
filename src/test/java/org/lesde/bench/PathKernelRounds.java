package org.lesde.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Interleaved rounds of {@link PathKernelBenchmark}'s three measurements (normals floor, lesde 0.1's
 * baseline loop, the current step path), timed by the CPU time of the measuring thread, which
 * other processes on a shared machine disturb much less than wall time. Each round runs each
 * measurement once for every workload, in turn; the report gives per workload the medians over
 * the rounds in ns per component-step and the ratios to the floor. Run through {@link JmhMain}:
 * {@code mvn -q -Pjmh test-compile exec:exec -Djmh.args="rounds 15"} (rounds, then chunks per
 * measurement, default 15 and 4; docs/performance.md).
 */
public final class PathKernelRounds {
    private PathKernelRounds() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("normals")) {
            normals(args.length > 1 ? args[1] : "XO_SHI_RO_256_PP", args.length > 2 ? Integer.parseInt(args[2]) : 9);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String[] workloads = {"paper-k3", "milstein-k10"};
        String[] kinds = {"floor", "baseline", "current"};
        PathKernelBenchmark[][] b = new PathKernelBenchmark[workloads.length][kinds.length];
        for (int w = 0; w < workloads.length; w++) {
            for (int k = 0; k < kinds.length; k++) {
                PathKernelBenchmark x = new PathKernelBenchmark();
                x.workload = workloads[w];
                x.kernel = kinds[k].equals("baseline") ? "baseline" : "current";
                x.setUp();
                b[w][k] = x;
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warm = 0; warm < 3; warm++) { // JIT
            for (PathKernelBenchmark[] row : b) {
                for (int k = 0; k < kinds.length; k++) {
                    for (int r = 0; r < reps; r++) {
                        sink += k == 0 ? row[k].normalsFloor() : row[k].chunk();
                    }
                }
            }
        }
        double[][][] ns = new double[workloads.length][kinds.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int w = 0; w < workloads.length; w++) {
                for (int k = 0; k < kinds.length; k++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int r = 0; r < reps; r++) {
                        sink += k == 0 ? b[w][k].normalsFloor() : b[w][k].chunk();
                    }
                    ns[w][k][round] = (mx.getCurrentThreadCpuTime() - c0) / (double) reps;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds x %d chunks of %d paths, thread CPU time (sink %.3g)%n", rounds, reps,
                PathKernelBenchmark.PATHS, sink);
        System.out.println("workload      floor ns/normal  baseline ns/comp-step (x floor)  current ns/comp-step (x floor)"
                + "  baseline/current  [per-round current/floor: median, min..max]");
        for (int w = 0; w < workloads.length; w++) {
            PathKernelBenchmark x = b[w][2];
            double comps = (double) PathKernelBenchmark.PATHS * x.steps() * x.dimension();
            double floorNs = median(ns[w][0]) / (PathKernelBenchmark.PATHS * (x.steps() + 1.0) * x.dimension());
            double base = median(ns[w][1]) / comps;
            double cur = median(ns[w][2]) / comps;
            double[] ratio = new double[rounds];
            double[] baseRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double fl = ns[w][0][r] / (PathKernelBenchmark.PATHS * (x.steps() + 1.0) * x.dimension());
                ratio[r] = ns[w][2][r] / comps / fl;
                baseRatio[r] = ns[w][1][r] / comps / fl;
            }
            System.out.printf(Locale.ROOT, "%-13s %15.3f %20.3f (%.2fx) %22.3f (%.2fx) %17.2fx  [%.2f, %.2f..%.2f]"
                    + "  baseline/floor per round: median %.2f%n", workloads[w], floorNs, base, base / floorNs, cur,
                    cur / floorNs, base / cur, median(ratio), min(ratio), max(ratio), median(baseRatio));
        }
        // the fastest round of each: a shared machine only ever adds time, so the minima are the
        // steadiest figures there (docs/performance.md, "Small states at the floor")
        System.out.println("best of the rounds: floor ns/normal, current ns/comp-step, current/floor");
        for (int w = 0; w < workloads.length; w++) {
            PathKernelBenchmark x = b[w][2];
            double comps = (double) PathKernelBenchmark.PATHS * x.steps() * x.dimension();
            double floorNs = min(ns[w][0]) / (PathKernelBenchmark.PATHS * (x.steps() + 1.0) * x.dimension());
            double cur = min(ns[w][2]) / comps;
            System.out.printf(Locale.ROOT, "%-13s best %8.3f %8.3f %6.2fx%n", workloads[w], floorNs, cur, cur / floorNs);
        }
    }

    /**
     * Interleaved rounds of {@link NormalsBenchmark} for one uniform source (one source per JVM, so
     * the generator call inside each sampler stays monomorphic as in a run): every sampler in turn,
     * 2000 buffers of 1024 normals each, by thread CPU time; one line per sampler with the median
     * in ns per normal.
     */
    static void normals(String source, int rounds) {
        String[] sources = {source};
        String[] samplers = {"ziggurat", "ziggurat2000", "marsaglia", "boxmuller"};
        int m = sources.length * samplers.length;
        NormalsBenchmark[] b = new NormalsBenchmark[m];
        for (int i = 0; i < m; i++) {
            b[i] = new NormalsBenchmark();
            b[i].source = sources[i / samplers.length];
            b[i].sampler = samplers[i % samplers.length];
            b[i].setUp();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int reps = 2000;
        double sink = 0;
        double[][] ns = new double[m][rounds];
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (int i = 0; i < m; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    sink += b[i].fill()[r & 1023];
                }
                if (round >= 0) {
                    ns[i][round] = (mx.getCurrentThreadCpuTime() - c0) / ((double) reps * NormalsBenchmark.N);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            System.out.printf(Locale.ROOT, "%-21s %-13s %8.3f ns/normal (median of %d; sink %.1g)%n", b[i].source,
                    b[i].sampler, median(ns[i]), rounds, sink);
        }
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
