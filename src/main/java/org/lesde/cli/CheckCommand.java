package org.lesde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lesde.Require;
import org.lesde.RunFailedException;
import org.lesde.check.CheckResult;
import org.lesde.check.Checker;
import org.lesde.io.AtomicOutput;
import org.lesde.io.Json;
import org.lesde.io.Provenance;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.sim.MemoryEstimate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lesde check MODEL.yaml}: closed forms vs numerical solvers (see {@link Checker}). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a model's numbers against closed forms.",
            "LE-ODE closed form vs DP853, Euler maps vs their first-order error estimate, closed-form vs EJML "
                + "eigenvalues, LE-SDE ensemble mean and covariance vs the exact Gaussian law (z-scores). "
                + "Prints a table, writes check.json and check.txt; exit code 1 if any check fails. See docs/checks.md."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.yaml", description = "The model file.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output/<model name>-check).")
    Path out;

    @Option(names = "--paths", paramLabel = "N", description = "SDE paths for the ensemble checks (default: simulation.paths).")
    Integer paths;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (overrides simulation.seed).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, 0 = all cores (overrides simulation.threads).")
    Integer threads;

    @Option(names = "--inject-error", paramLabel = "REL", description = {"Self-test: multiply the DP853 reference by (1 + REL)",
        "so the closed-form check must fail (default 0)."})
    double injectError;

    @Override
    public Integer call() {
        LeModel m = ModelFile.read(model);
        Checker.requirePaths(m, paths);
        if (threads != null) {
            Require.atLeast("--threads", threads, 0);
        }
        Require.finite("--inject-error", injectError);
        // validate before any work: destination, and the memory of the ensemble runs
        Path dest = AtomicOutput.destination(out, Path.of("output", m.name() + "-check"), AtomicOutput.Kind.CHECK);
        LeModel.Simulation s = m.simulation();
        MemoryEstimate.forSimulation(m.withSimulation(new LeModel.Simulation(paths != null ? paths : s.paths(),
                s.solver(), s.seed(), threads != null ? threads : s.threads(), 0)), 0)
                .requireWithin(MemoryEstimate.heapLimit());
        Checker.Report report = Checker.run(m, new Checker.Options(paths, seed, threads, injectError));
        String table = format(report);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(table);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult r : report.results()) {
            checks.add(r.toJson());
        }
        Map<String, Object> json = Provenance.into(new LinkedHashMap<>(), "check");
        json.put("checks", checks);
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.CHECK)) {
            Json.write(ao.file("check.json"), json);
            AtomicOutput.writeText(ao.file("check.txt"), table);
            ao.commit();
        }
        pw.printf("%s -> %s%n", report.passed() ? "all checks passed" : "CHECK FAILED", dest);
        pw.flush();
        return report.passed() ? Main.OK : Main.FAILED;
    }

    /** The readable table (also written to check.txt). */
    static String format(Checker.Report report) {
        LeModel m = report.model();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("lesde check %s: K=%d p=%d, %s transform, horizon %s, dt %s, seed %d, %d paths (%.1f s)%n",
                m.name(), m.classes(), m.dim(), m.transform().kind().key(), m.time().horizon(), m.time().dt(),
                m.simulation().seed(), m.simulation().paths(), report.seconds()));
        for (String note : report.notes()) {
            sb.append("  * ").append(note).append('\n');
        }
        int w = 16;
        for (CheckResult r : report.results()) {
            w = Math.max(w, r.name().length());
        }
        String head = "%-" + w + "s  %-19s  %11s  %11s  %11s  %11s  %-11s  %s%n";
        sb.append(String.format(head, "check", "method", "max_abs_err", "max_rel_err", "value", "tolerance", "metric", "result"));
        for (CheckResult r : report.results()) {
            sb.append(String.format(head, r.name(), r.method(), num(r.maxAbsErr()), num(r.maxRelErr()), num(r.value()),
                    num(r.tolerance()), r.metric(), r.pass() ? "pass" : "FAIL"));
        }
        sb.append("details:\n");
        for (CheckResult r : report.results()) {
            sb.append("  ").append(r.name()).append(": ").append(r.detail()).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format("%.3e", v) : String.valueOf(v);
    }
}
