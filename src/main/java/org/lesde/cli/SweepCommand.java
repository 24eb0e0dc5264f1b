package org.lesde.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lesde.Shard;
import org.lesde.io.AtomicOutput;
import org.lesde.report.SweepEvaluator;
import org.lesde.plot.PlotOptions;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.RunClock;
import org.lesde.sim.RunTimings;
import org.lesde.sweep.SweepOutput;
import org.lesde.sweep.SweepRunner;
import org.lesde.sweep.SweepSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lesde sweep SWEEP.yaml}: a grid of models, each summarised by separability and collapse. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a parameter sweep over a grid of model keys.",
            "A sweep file names a base model and a grid of dotted model keys; every cell records the final "
                + "separability, ETF distance, NC1 and the first time separability reaches the threshold.",
            "Cells have seeds derived from the master seed and the cell index: --shard i/n runs the cells c with "
                + "c mod n == i (e.g. one Slurm array task each) and 'lesde merge' combines the shard folders. "
                + "An interrupted sweep resumes without recomputing finished cells. See docs/sweeps.md."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output/<name>, or output/<name>-shard-i-of-n).")
    Path out;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (0 <= i < n).")
    String shard;

    @Option(names = "--shard-from-env", description = "Take the shard from the Slurm job array: i = SLURM_ARRAY_TASK_ID - "
            + "SLURM_ARRAY_TASK_MIN, n = SLURM_ARRAY_TASK_COUNT (so --array=0-7 and --array=1-8 both work).")
    boolean shardFromEnv;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Mixin
    PlotMixin plotMixin;

    @Override
    public Integer call() {
        PlotOptions plots = plotMixin.options();
        RunClock clock = RunClock.start();
        SweepSpec s = SweepSpec.read(file);
        Shard sh = Shard.of(shard, shardFromEnv, System.getenv());
        boolean sharded = shard != null || shardFromEnv;
        Path dest = AtomicOutput.destination(out,
                Path.of("output", !sharded ? s.name() : s.name() + "-shard-" + sh.index() + "-of-" + sh.count()),
                AtomicOutput.Kind.SWEEP);
        int mine = 0;
        for (int c = 0; c < s.cells(); c++) {
            mine += sh.contains(c) ? 1 : 0;
        }
        final int total = mine;
        ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), quiet, "sweep " + s.name());
        int[] resumed = {0};
        List<String> rows;
        SweepEvaluator evaluator = new SweepEvaluator();
        try {
            rows = SweepRunner.run(s, sh, dest, evaluator, done -> bar.update(done, total), resumed);
        } finally {
            bar.done();
        }
        // the cells' dynamics and monitors as measured in them; the rest (their LE-ODE, the cache) is ode
        clock.lapRun(evaluator.timings());
        RunTimings timings;
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.SWEEP)) {
            // the figures on the threads the cells ran on (the base model's simulation.threads)
            timings = SweepOutput.write(ao.dir(), SweepOutput.meta(s), !sharded ? "all" : sh.toString(), rows, clock, plots,
                    EnsembleRunner.threads(s.model(0).simulation().threads()));
            ao.commit();
        }
        SweepRunner.deleteCache(dest, s);
        spec.commandLine().getOut().printf("%s: %d of %d cells (shard %s, %d resumed from cache) in %s -> %s%n", s.name(),
                rows.size(), s.cells(), sh, resumed[0], timings.console(), dest);
        return Main.OK;
    }
}
