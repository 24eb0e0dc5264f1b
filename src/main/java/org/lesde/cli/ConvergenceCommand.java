package org.lesde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lesde.Require;
import org.lesde.analytic.GaussianLaw;
import org.lesde.check.ConvergencePlots;
import org.lesde.check.ConvergenceStudy;
import org.lesde.io.AtomicOutput;
import org.lesde.io.Json;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.plot.PlotOptions;
import org.lesde.sim.EnsembleRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lesde convergence [MODEL.yaml]}: strong and weak orders of Euler–Maruyama and Milstein. */
@Command(name = "convergence", mixinStandardHelpOptions = true,
        description = {"Measure the strong and weak orders of the SDE solvers.",
            "Strong order: RMS final-time error, the same Brownian path at every step; weak order: error of the mean; "
                + "on nested steps dt = T/2^k. Problems: geometric Brownian motion (exact solution), a linear "
                + "additive-noise SDE and a nonlinear one with time-varying sigma (references 16x finer than the finest "
                + "dt) and, if given, the model (against its "
                + "exact solution, or a reference 8x finer than the finest dt).",
            "Each fitted order comes with a 95%% interval (delta method through the log-log fit).",
            "Writes convergence.json, convergence.txt, the log-log overview convergence.png/.svg (strong errors "
                + "relative to the coarsest step, reference slopes) and convergence_<problem>.png/.svg (strong and "
                + "weak), drawn from convergence.json (--plots chooses the formats). See docs/checks.md."})
public final class ConvergenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.yaml", description = "Optional model file.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: output/<model name>-convergence, or output/convergence without a model).")
    Path out;

    @Option(names = "--paths", paramLabel = "N",
            description = "Paths per problem (default 8000: the 95%% interval of the weak order of Euler-Maruyama on GBM is then about +-0.1).")
    int paths = 8000;

    @Option(names = "--levels", paramLabel = "L", description = "Number of step sizes dt = T/2^k (default 6).")
    int levels = 6;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default 1).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, 0 = all cores (default 0).")
    int threads;

    @Mixin
    PlotMixin plotMixin;

    @Option(names = "--no-plots", hidden = true, description = "Old spelling of --plots none.")
    boolean noPlots;

    @Override
    public Integer call() {
        Require.atLeast("--paths", paths, 2);
        Require.atLeast("--levels", levels, 2);
        Require.that(levels <= 12, "--levels must be <= 12, got " + levels);
        Require.atLeast("--threads", threads, 0);
        PlotOptions plots = plotMixin.options(noPlots);
        LeModel m = model == null ? null : ModelFile.read(model);
        Path dest = AtomicOutput.destination(out, Path.of("output", m == null ? "convergence" : m.name() + "-convergence"),
                AtomicOutput.Kind.CONVERGENCE);
        ConvergenceStudy.Options o = new ConvergenceStudy.Options(paths, levels, seed, threads);
        long start = System.nanoTime();
        List<ConvergenceStudy.Problem> problems = new ArrayList<>();
        problems.add(ConvergenceStudy.gbm(levels));
        problems.add(ConvergenceStudy.linearAdditive(levels));
        problems.add(ConvergenceStudy.nonlinearAdditive(levels));
        if (m != null) {
            problems.add(ConvergenceStudy.model(m, m.name(), levels));
            if (m.closure() == Closure.MEAN && GaussianLaw.whyNot(m) == null) {
                // the mean closure makes the schemes exact in law: also show the self closure's order
                LeModel self = new LeModel(m.name(), m.classes(), m.dim(), m.impact(), m.transform(), m.noise(),
                        m.stepSize(), Closure.SELF, m.init(), m.time(), m.simulation());
                problems.add(ConvergenceStudy.model(self, m.name() + " (closure self)", levels));
            }
        }
        List<ConvergenceStudy.Curve> curves = new ArrayList<>();
        for (ConvergenceStudy.Problem p : problems) {
            curves.addAll(ConvergenceStudy.run(p, o));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String table = format(curves, seconds);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(table);
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.CONVERGENCE)) {
            List<Map<String, Object>> json = new ArrayList<>();
            for (ConvergenceStudy.Curve c : curves) {
                json.add(toJson(c));
            }
            Json.write(ao.file("convergence.json"), json);
            AtomicOutput.writeText(ao.file("convergence.txt"), table);
            // the figures are drawn from the file just written, as `lesde plot` redraws them
            ConvergencePlots.redraw(ao.dir(), plots, EnsembleRunner.threads(threads));
            ao.commit();
        }
        pw.printf("-> %s%n", dest);
        pw.flush();
        return Main.OK;
    }

    static Map<String, Object> toJson(ConvergenceStudy.Curve c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("problem", c.problem());
        j.put("solver", c.solver());
        j.put("strong_order", Json.finiteOrNull(c.strongOrder()));
        j.put("weak_order", Json.finiteOrNull(c.weakOrder()));
        j.put("strong_order_ci95", interval(c.strongOrder(), c.strongHalfWidth()));
        j.put("weak_order_ci95", interval(c.weakOrder(), c.weakHalfWidth()));
        j.put("expected_strong_order", c.expectedStrong());
        j.put("expected_weak_order", c.expectedWeak());
        j.put("dts", c.dts());
        j.put("errors", c.errors());
        j.put("weak_errors", c.weakErrors());
        j.put("weak_std_errors", c.weakStdErrors());
        j.put("paths", c.paths());
        j.put("reference", c.reference());
        j.put("note", c.note());
        return j;
    }

    /** [lo, hi] of a 95 % interval, or null when not estimable. */
    private static Object interval(double v, double half) {
        return Double.isFinite(v) && Double.isFinite(half) ? new double[] {v - half, v + half} : null;
    }

    static String format(List<ConvergenceStudy.Curve> curves, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("lesde convergence (%.1f s)%n", seconds));
        String head = "%-36s  %-15s  %7s  %6s  %7s  %7s  %6s  %7s  %s%n";
        sb.append(String.format(head, "problem", "solver", "strong", "±95%", "theory", "weak", "±95%", "theory",
                "errors (dt: strong / weak)"));
        for (ConvergenceStudy.Curve c : curves) {
            StringBuilder e = new StringBuilder();
            for (int i = 0; i < c.dts().length; i++) {
                e.append(String.format("%s%.3g: %.2e / %.2e", i == 0 ? "" : ", ", c.dts()[i], c.errors()[i], c.weakErrors()[i]));
            }
            sb.append(String.format(head, c.problem(), c.solver(), ord(c.strongOrder()), ord(c.strongHalfWidth()),
                    ord(c.expectedStrong()), ord(c.weakOrder()), ord(c.weakHalfWidth()), ord(c.expectedWeak()), e));
            if (c.note() != null) {
                sb.append("      note: ").append(c.note()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String ord(double v) {
        return Double.isFinite(v) ? String.format("%.3f", v) : "n/a";
    }
}
