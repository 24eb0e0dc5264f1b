package org.lesde.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lesde.Require;
import org.lesde.Shard;
import org.lesde.Version;
import org.lesde.io.AtomicOutput;
import org.lesde.io.CsvRow;
import org.lesde.io.Json;
import org.lesde.io.Provenance;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.model.ModelRules;
import org.lesde.modelfile.ModelFile;
import org.lesde.ode.LeOde;
import org.lesde.report.Comparison;
import org.lesde.report.EnsembleShards;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.PlotOptions;
import org.lesde.report.Monitoring;
import org.lesde.report.PathsNpy;
import org.lesde.report.SimulationFolder;
import org.lesde.report.SimulationPlots;
import org.lesde.report.SimulationWriter;
import org.lesde.sde.Solver;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.MemoryEstimate;
import org.lesde.sim.RunClock;
import org.lesde.sim.RunTimings;
import org.lesde.sim.Simulation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lesde simulate MODEL.yaml}: LE-ODE, LE-SDE ensemble and LE-SGD of one model. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a model: LE-ODE, LE-SDE ensemble and LE-SGD.",
            "Runs the LE-ODE class means, the LE-SDE ensemble and (if simulation.sgd.particles > 0) LE-SGD. "
                + "Writes ode.csv, sde_mean.csv, sde_paths.csv, sgd.csv, metrics.csv, comparison.csv, summary.json and the "
                + "figures trajectories, ode_vs_sde, etf_alignment, etf_plane (K = 3), nc_metrics, separability, cosines, "
                + "class_average (--plots: png and svg by default, or pdf, or none), drawn from those files, into the output folder, "
                + "atomically (an interrupted run leaves the previous results intact). See docs/simulate.md."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.yaml", description = "The model file.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output/<model name>).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (overrides simulation.seed).")
    Long seed;

    @Option(names = "--paths", paramLabel = "N", description = "Number of SDE paths (overrides simulation.paths).")
    Integer paths;

    @Option(names = "--dt", paramLabel = "D", description = "Integration step (overrides time.dt).")
    Double dt;

    @Option(names = "--solver", paramLabel = "NAME", completionCandidates = SolverNames.class,
            description = "One of ${COMPLETION-CANDIDATES} (overrides simulation.solver; exact: Gaussian law at the output times, mean closure and additive-type noise only).")
    String solver;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, 0 = all cores (overrides simulation.threads).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only the ensemble chunks c with c mod n == i and write "
            + "a shard folder (default output/<name>-shard-i-of-n); 'lesde merge' of all n gives the unsharded result.")
    String shard;

    @Option(names = "--shard-from-env", description = "--shard from the Slurm job array: i = SLURM_ARRAY_TASK_ID - "
            + "SLURM_ARRAY_TASK_MIN, n = SLURM_ARRAY_TASK_COUNT (so --array=0-7 and --array=1-8 both work).")
    boolean shardFromEnv;

    @Mixin
    PlotMixin plotMixin;

    @Option(names = "--save-paths", paramLabel = "N|all", description = "Also write the state of the first N paths "
            + "(or all) at every output time to paths.npy: shape (N, outputs+1, K*p), float64, written while the run goes.")
    String savePaths;

    @Override
    public Integer call() {
        // the phases of the whole command, reported in summary.json and on the console (docs/outputs.md#timings)
        RunClock clock = RunClock.start();
        // 1. validate everything before any work: model file, options, destination, memory
        PlotOptions plotOptions = plotMixin.options();
        LeModel m = resolve(ModelFile.read(model), seed, paths, dt, solver, threads);
        Shard sh = Shard.of(shard, shardFromEnv, System.getenv());
        boolean sharded = shard != null || shardFromEnv;
        if (sharded) {
            EnsembleShards.requireShardable(m, shardFromEnv ? "--shard-from-env" : "--shard");
            if (savePaths != null) {
                throw new org.lesde.BadInputException("--save-paths cannot be combined with "
                        + (shardFromEnv ? "--shard-from-env" : "--shard") + " (a shard holds no complete paths file; save paths in an unsharded run)");
            }
        }
        Path dest = AtomicOutput.destination(out,
                Path.of("output", sharded ? m.name() + "-shard-" + sh.index() + "-of-" + sh.count() : m.name()),
                AtomicOutput.Kind.SIMULATE);
        PathsNpy saver = savePaths == null ? null : new PathsNpy(PathsNpy.count(savePaths, m.simulation().paths()));
        Simulation.Config config = PathsNpy.addTo(Monitoring.config(), saver);
        m = Simulation.fitThreads(m, config, MemoryEstimate.heapLimit());
        var pw = spec.commandLine().getOut();
        // the full command line as given (originalArgs starts at the top-level command's arguments)
        List<String> command = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        // 2. run and write into a staging folder next to dest; an exception, a blow-up or a
        //    signal removes it, and dest keeps its previous content
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.SIMULATE)) {
            ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), quiet, "simulate " + m.name());
            Simulation.Result r;
            if (sharded) {
                EnsembleShards.Written w;
                try {
                    w = EnsembleShards.run(m, sh, ao.dir(), bar, command);
                } finally {
                    bar.done();
                }
                ao.commit();
                pw.printf("%s: shard %s, %d of %d chunks of %d paths (%d threads) in %.2f s -> %s%n", m.name(), sh, w.chunks(),
                        EnsembleRunner.chunks(m.simulation().paths()), m.simulation().paths(), w.threads(), w.wallSeconds(), dest);
                return Main.OK;
            }
            RunTimings timings;
            // the figures' code warms up on a core the run leaves idle (if it leaves one)
            FigureBatch.WarmUp warm = FigureBatch.warmUp(plotOptions, EnsembleRunner.threads(m.simulation().threads()));
            try {
                try (PathsNpy paths = saver) {
                    if (saver != null) {
                        saver.target(ao.file(PathsNpy.FILE));
                    }
                    clock.lap(RunClock.Phase.ODE);
                    r = Simulation.run(m, config.withProgress(bar));
                    if (saver != null) {
                        saver.finish(r);
                    }
                }
                clock.lapRun(r.timings());
                timings = writeResult(r, ao, command, saver == null ? null : saver.describe(), plotOptions, clock, bar, warm);
            } finally {
                warm.stop();
                bar.done();
            }
            ao.commit();
            boolean exact = m.simulation().solver().scheme().samplesExactLaw();
            pw.printf("%s: K=%d p=%d, %d paths x %d %s (%s, %d threads) in %s -> %s%n", m.name(), m.classes(), m.dim(),
                    m.simulation().paths(), exact ? r.outputTimes().length - 1 : r.grid().steps(),
                    exact ? "output intervals, no time steps" : "steps", m.simulation().solver().key(), r.threads(),
                    timings.console(), dest);
        }
        return Main.OK;
    }

    /**
     * Writes every file of a run's result into the staging folder (simulate, and merge of simulate
     * shards): the CSVs and summary.json (lap {@code write} of the clock), the figures (lap
     * {@code plot}, on the run's threads, telling {@code progress}), then summary.json again with
     * the {@code timings} of the clock. The figures are drawn from what the files hold, as
     * {@code lesde plot} redraws them from the files ({@link SimulationFolder#of}: the same numbers,
     * not read back); with two threads or more they start before the files are written and are
     * drawn alongside the writing, so that {@code plot} is the wall time they add after it
     * (docs/outputs.md#timings). {@code savedPaths} (or null) is recorded in summary.json as
     * {@code saved_paths}. Returns the timings.
     */
    static RunTimings writeResult(Simulation.Result r, AtomicOutput ao, List<String> command, Object savedPaths,
            PlotOptions plots, RunClock clock, FigureBatch.Progress progress, FigureBatch.WarmUp warm) {
        List<CsvRow> comparison = Comparison.table(r);
        List<CsvRow> metrics = Monitoring.metrics(r);
        Map<String, Object> summary = summary(r, command);
        if (savedPaths != null) {
            summary.put("saved_paths", savedPaths);
        }
        FigureBatch.Started alongside = null;
        if (!plots.none() && r.threads() >= 2) {
            warm.stop(); // (the real figures start)
            // a large write keeps the optimising JIT until it is done (FigureJit: its code would run
            // C1-compiled for as long as the write takes); the figures are hinted at once otherwise
            boolean largeWrite = SimulationWriter.numbers(r) > LARGE_WRITE;
            PlotOptions drawn = largeWrite ? plots.beforeDrawing(() -> { }) : plots;
            alongside = SimulationPlots.batch(SimulationFolder.of(ao.dir(), r, metrics, comparison), drawn, r.threads()).start(progress);
        }
        try {
            SimulationWriter.writeAll(r, ao.dir(), comparison);
            Monitoring.writeMetrics(metrics, ao.file("metrics.csv"));
            Json.write(ao.file("summary.json"), summary);
        } catch (RuntimeException | Error e) {
            if (alongside != null) {
                alongside.joinQuietly(); // no figure thread writes into the folder once it is removed
            }
            throw e;
        }
        clock.lap(RunClock.Phase.WRITE);
        warm.stop();
        if (alongside != null) {
            plots.beforeDrawing().run(); // (after a large write: what is left is figures)
            alongside.join();
        } else if (!plots.none()) {
            SimulationPlots.draw(SimulationFolder.of(ao.dir(), r, metrics, comparison), plots, r.threads(), progress);
        }
        clock.lap(RunClock.Phase.PLOT);
        RunTimings timings = clock.timings();
        summary.put("timings", timings.toJson());
        Json.write(ao.file("summary.json"), summary);
        return timings;
    }

    /**
     * Numbers in the CSV files above which the figures drawn alongside the writing leave the
     * optimising JIT on (about a second of writing with C2-compiled code, 1.6 times as long with
     * C1's; the default model writes about 40 000): see {@link #writeResult}.
     */
    static final long LARGE_WRITE = 2_000_000;

    /** Applies CLI overrides and re-validates the combination, naming the options in messages. */
    static LeModel resolve(LeModel m, Long seed, Integer paths, Double dt, String solver, Integer threads) {
        LeModel.Simulation s = m.simulation();
        ModelRules.Fields fields = ModelRules.Fields.MODEL_FILE;
        Solver sk = s.solver();
        if (solver != null) {
            sk = ModelFile.solver(solver, "--solver");
            fields = fields.withSolver("--solver");
        }
        if (paths != null) {
            Require.atLeast("--paths", paths, 1);
            fields = fields.withPaths("--paths");
        }
        if (threads != null) {
            Require.atLeast("--threads", threads, 0);
            fields = fields.withThreads("--threads");
        }
        LeModel r = m.withSimulation(new LeModel.Simulation(paths != null ? paths : s.paths(), sk,
                seed != null ? seed : s.seed(), threads != null ? threads : s.threads(), s.sgdParticles(), s.sgdRepeats())
                .withQuantiles(s.quantiles()));
        if (dt != null) {
            Require.positive("--dt", dt);
            r = r.withTime(new LeModel.Time(m.time().horizon(), dt, m.time().outputs()));
            fields = fields.withDt("--dt");
        }
        ModelRules.checkCombination(r, fields);
        return r;
    }

    /** summary.json content: everything needed to rerun, plus what happened. */
    static Map<String, Object> summary(Simulation.Result r, List<String> command) {
        LeModel m = r.model();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("lesde_version", Version.get());
        s.put("success", true);
        s.put("command", command);
        s.put("seed", m.simulation().seed());
        s.put("paths", m.simulation().paths());
        s.put("solver", m.simulation().solver().key());
        s.put("threads", r.threads());
        s.put("steps", r.grid().steps());
        s.put("dt", r.grid().dt());
        s.put("wall_seconds", r.wallSeconds());
        s.put("ode_reference", Simulation.odeReference(m));
        s.put("model", ModelFile.describe(m));
        return Provenance.into(s, "simulate");
    }
}
