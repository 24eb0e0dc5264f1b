package org.lesde.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark workloads of {@code lesde bench}. Every model workload is an ordinary model file
 * (the YAML below) run through {@link org.lesde.sim.Simulation#run} exactly as {@code lesde
 * simulate} runs it, LE-ODE tabulation and summaries included; only the thread count changes.
 * {@code --quick} shrinks paths and steps (same models) so a smoke run takes seconds.
 */
public final class Workloads {
    /** Threads placeholder in the YAML templates. */
    private static final String THREADS = "1";

    private Workloads() {
    }

    /** K = p = 3, residual-source, additive noise, mean closure, Euler–Maruyama (the paper's setting). */
    public static Workload paperK3(boolean quick) {
        int paths = quick ? 1_000 : 10_000;
        int steps = quick ? 200 : 1_000;
        return Workload.model("paper-k3", "K=p=3 residual-source, additive, mean closure, EM",
                logits(3, paths, steps, 0.01, 100, "euler-maruyama"));
    }

    /** K = p = 100 logits, residual-source, additive noise, mean closure, EM. */
    public static Workload logitsK100(boolean quick) {
        int paths = quick ? 32 : 256;
        int steps = quick ? 50 : 200;
        return Workload.model("logits-k100", "K=p=100 residual-source, additive, mean closure, EM",
                logits(100, paths, steps, 0.01, 2, "euler-maruyama"));
    }

    /** K = p = 1000 logits (ImageNet-sized), residual-source, additive noise, mean closure, EM. */
    public static Workload logitsK1000(boolean quick) {
        int paths = quick ? 2 : 8;
        int steps = quick ? 5 : 20;
        return Workload.model("logits-k1000", "K=p=1000 residual-source, additive, mean closure, EM",
                logits(1000, paths, steps, 0.01, 1, "euler-maruyama"));
    }

    /**
     * K = p = 10, residual-source, state-proportional diagonal noise under the self closure (so the
     * structured operator runs every step), Milstein.
     */
    public static Workload milsteinK10(boolean quick) {
        int paths = quick ? 200 : 2_000;
        int steps = quick ? 200 : 1_000;
        double dt = 0.005;
        String yaml = """
                name: milstein-k10
                classes: 10
                dim: 10
                impact: {alpha: 2.0, beta: -0.5}
                transform: residual-source
                noise: {type: proportional, sigma: 1.0}
                stepSize: 0.01
                closure: self
                init: {random: {scale: 1.0}, spread: 0.05}
                time: {horizon: %s, dt: %s, outputs: 100}
                simulation: {paths: %d, solver: milstein, seed: 7, threads: %s}
                """.formatted(steps * dt, dt, paths, THREADS);
        return Workload.model("milstein-k10", "K=p=10 residual-source, proportional noise, self closure, Milstein", yaml);
    }

    /** The normals floor. */
    public static Workload normals(boolean quick) {
        return Workload.normals("standard normals: ziggurat on XoShiRo256++ (the path streams)",
                quick ? 20_000_000L : 200_000_000L);
    }

    static String logits(int k, int paths, int steps, double dt, int outputs, String solver) {
        return """
                name: logits-k%d
                classes: %d
                dim: %d
                impact: {alpha: 2.0, beta: -0.5}
                transform: residual-source
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.01
                closure: mean
                init: {random: {scale: 1.0}, spread: 0.05}
                time: {horizon: %s, dt: %s, outputs: %d}
                simulation: {paths: %d, solver: %s, seed: 42, threads: %s}
                """.formatted(k, k, k, steps * dt, dt, outputs, paths, solver, THREADS);
    }

    /** All model workloads in report order (the exact-sampler workload is derived in {@link Benchmark}). */
    public static List<Workload> models(boolean quick) {
        List<Workload> w = new ArrayList<>();
        w.add(paperK3(quick));
        w.add(logitsK100(quick));
        w.add(logitsK1000(quick));
        w.add(milsteinK10(quick));
        return w;
    }
}
