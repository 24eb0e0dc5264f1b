package org.lesde.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lesde.Require;
import org.lesde.bench.Benchmark;
import org.lesde.io.AtomicOutput;
import org.lesde.io.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lesde bench [--quick] [--out FILE.json]}: the performance benchmark (README "Performance"). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the simulator on fixed workloads.",
            "Workloads paper-k3, logits-k100, exact-k100, logits-k1000, milstein-k10 and the normals floor, with "
                + "1 thread and with all threads: warm-up runs, then repeated timed runs of the ordinary simulation. "
                + "Prints the median, min..max, path-steps/s, ns per component-step, its ratio to the cost of one "
                + "normal, and the speed-up; --out writes JSON.",
            "Method and measured figures: docs/performance.md."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Reduced sizes (a smoke run of a few seconds).")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the results as JSON.")
    Path out;

    @Option(names = "--threads", paramLabel = "T", description = "The 'all threads' count (default 0 = all cores).")
    int threads;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs before measuring (default 2, quick 1).")
    Integer warmup;

    @Option(names = "--reps", paramLabel = "N", description = "Timed runs per measurement (default 5, quick 3).")
    Integer reps;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Only these workloads (comma-separated; normals always runs).")
    List<String> only;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Require.atLeast("--threads", threads, 0);
        if (out != null) {
            AtomicOutput.checkFile(out, "--out");
        }
        Benchmark.Settings d = Benchmark.Settings.of(quick);
        int w = warmup != null ? warmup : d.warmup();
        int r = reps != null ? reps : d.repetitions();
        Require.atLeast("--warmup", w, 0);
        Require.atLeast("--reps", r, 1);
        if (only != null) {
            for (String name : only) {
                Require.that(Benchmark.WORKLOADS.contains(name),
                        "--only must name workloads among " + String.join(", ", Benchmark.WORKLOADS) + ", got \"" + name + "\"");
            }
        }
        Benchmark.Settings s = new Benchmark.Settings(quick, w, r, threads, only == null ? List.of() : only);
        var err = spec.commandLine().getErr();
        var pw = spec.commandLine().getOut();
        List<Benchmark.Row> rows = Benchmark.run(s, line -> {
            if (!quiet) {
                err.println("bench: " + line);
            }
        });
        pw.printf("lesde %s bench%s: %d cores, %s %s; warm-up %d, %d timed runs (median, min..max)%n", Main.version(),
                quick ? " --quick" : "", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), w, r);
        pw.print(Benchmark.table(rows));
        pw.flush();
        if (out != null) {
            write(out, rows);
            pw.println("wrote " + out);
        }
        return Main.OK;
    }

    /** Writes the JSON atomically (never a half-written file). */
    static void write(Path file, List<Benchmark.Row> rows) {
        Object json = Benchmark.json(rows);
        AtomicOutput.writeFile(file, "--out", tmp -> Json.write(tmp, json));
    }
}
