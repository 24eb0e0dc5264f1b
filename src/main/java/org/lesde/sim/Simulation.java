package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.lesde.RunFailedException;
import org.lesde.Shard;
import org.lesde.analytic.ClosedForm;
import org.lesde.analytic.GaussianLaw;
import org.lesde.analytic.SelfClosureLaw;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.LeSystem;
import org.lesde.model.MeanTrajectory;
import org.lesde.model.ModelRules;
import org.lesde.ode.LeOde;
import org.lesde.random.BrownianIncrements;
import org.lesde.random.GaussianAreaIncrements;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;
import org.lesde.sde.BlowUpException;
import org.lesde.sde.BrownianNeed;
import org.lesde.sde.Integrator;
import org.lesde.sde.Solver;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;

/**
 * Runs the three dynamics of one model (docs/theory.md#2-the-three-dynamics): the LE-ODE class means (DP853 reference), the
 * LE-SDE ensemble and, when particles > 0, LE-SGD. Summaries are streaming
 * {@link ChunkAccumulator}s; callers may add their own (monitors) through {@link Config}.
 */
public final class Simulation {
    /** Paths whose full trajectory is kept for sde_paths.csv. */
    public static final int DEFAULT_SAMPLE_PATHS = 5;

    /** What a monitor needs to build its accumulators. */
    public record Context(LeModel model, TimeGrid grid, double[] outputTimes, double[][] ode) {
    }

    /** The summaries a monitor adds to a run, built from the run's context. */
    public interface Monitors extends Function<Context, List<Summaries.Summary<?>>> {
        /**
         * The bytes one copy of these summaries holds for a model and a number of output rows
         * (declared before the run, so that {@link MemoryEstimate} counts them).
         */
        default double bytes(LeModel model, int rows) {
            return 0;
        }
    }

    /** Optional additions to a run. */
    public record Config(int samplePaths, Monitors sdeMonitors, Monitors sgdMonitors, Progress progress) {
        public static Config defaults() {
            return new Config(DEFAULT_SAMPLE_PATHS, c -> List.of(), c -> List.of(), Progress.NONE);
        }

        public Config withSamplePaths(int n) {
            return new Config(n, sdeMonitors, sgdMonitors, progress);
        }

        public Config withProgress(Progress p) {
            return new Config(samplePaths, sdeMonitors, sgdMonitors, p);
        }

        public Config withMonitors(Monitors sde, Monitors sgd) {
            return new Config(samplePaths, sde, sgd, progress);
        }
    }

    /**
     * The results. {@code sgd*} fields are null when particles = 0.
     *
     * @param sgdRepeats  the class means of every LE-SGD realisation, repeat 0 (= {@code sgd}) first;
     *                    one entry without repeats, null without particles
     * @param ode         LE-ODE class means at the output times [row][K·p]
     * @param sdeMonitors the summaries the config's SDE monitors added (read by type)
     */
    public record Result(LeModel model, TimeGrid grid, double[] mean0, double[] outputTimes, double[][] ode,
            Moments sde, SamplePaths samples, Summaries sdeMonitors, double[] sgdTimes, Moments sgd,
            Summaries sgdMonitors, int threads, double wallSeconds, List<Moments> sgdRepeats, RunTimings timings) {
    }

    private Simulation() {
    }

    /**
     * The model with as many worker threads as fit the heap: fewer than asked only when the chunk
     * summaries in flight for more threads would not fit (results never depend on the thread
     * count, so this changes nothing but speed); refuses (exit code 2) when even one thread does
     * not fit.
     */
    public static LeModel fitThreads(LeModel model, int samplePaths, long limit) {
        return fitThreads(model, Config.defaults().withSamplePaths(samplePaths), limit);
    }

    /** {@link #fitThreads(LeModel, int, long)} counting the config's monitors too. */
    public static LeModel fitThreads(LeModel model, Config config, long limit) {
        LeModel.Simulation s = model.simulation();
        int threads = EnsembleRunner.threads(s.threads());
        LeModel m = model;
        while (threads > 1 && estimate(m, config).total() > limit) {
            threads--;
            m = model.withSimulation(s.withThreads(threads));
        }
        estimate(m, config).requireWithin(limit);
        return m;
    }

    /** The memory a run of the model with this config declares. */
    public static MemoryEstimate estimate(LeModel m, Config config) {
        int steps = ModelRules.steps(m.time());
        int rows = Math.min(m.time().outputs(), steps) + 1;
        double sgd = 0;
        if (m.simulation().sgdParticles() > 0) {
            int iters = LeSgd.iterations(m.time().horizon(), m.stepSize());
            int sgdRows = Math.min(m.time().outputs(), iters) + 1;
            sgd = config.sgdMonitors().bytes(m, sgdRows);
            // the class means of every further LE-SGD repeat are kept for sgd_repeats.csv
            sgd += (m.simulation().sgdRepeats() - 1) * Moments.bytes(sgdRows, m.stateDim());
        }
        return MemoryEstimate.forSimulation(m, config.samplePaths(), config.sdeMonitors().bytes(m, rows), sgd);
    }

    public static Result run(LeModel requested, Config config) {
        // refuse before allocating anything if the run cannot fit in the heap (after trying fewer threads)
        LeModel model = fitThreads(requested, config, MemoryEstimate.heapLimit());
        return run(Assembly.of(model), config);
    }

    /**
     * Where a run's merged ensemble statistics come from: {@link #COMPUTED} here, in memory (a
     * whole run); a shard run or a merge of shards supplies its own (see {@code report.EnsembleShards}).
     */
    public interface Ensembles {
        /** The SDE ensemble's accumulators, one per factory, merged in chunk order. */
        List<ChunkAccumulator> sde(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress);

        /** The LE-SGD particles' accumulators, one per factory. */
        List<ChunkAccumulator> sgd(Assembly a, List<Supplier<ChunkAccumulator>> stats);

        /**
         * {@link #sde(Assembly, List, Progress)}, adding the workers' time and observation time to
         * {@code clock} where they are measured (by default they are not: the whole phase counts as
         * dynamics).
         */
        default List<ChunkAccumulator> sde(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress,
                WorkClock clock) {
            return sde(a, stats, progress);
        }

        /** {@link #sgd(Assembly, List)}, timing as {@link #sde(Assembly, List, Progress, WorkClock)}. */
        default List<ChunkAccumulator> sgd(Assembly a, List<Supplier<ChunkAccumulator>> stats, WorkClock clock) {
            return sgd(a, stats);
        }
    }

    /** The ensembles of a whole run, computed in this process. */
    public static final Ensembles COMPUTED = new Ensembles() {
        @Override
        public List<ChunkAccumulator> sde(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress) {
            return sde(a, stats, progress, new WorkClock());
        }

        @Override
        public List<ChunkAccumulator> sde(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress,
                WorkClock clock) {
            EnsembleRunner.Fold fold = new EnsembleRunner.Fold();
            sdeChunks(a, stats, progress, Shard.ALL, fold, clock);
            return fold.result();
        }

        @Override
        public List<ChunkAccumulator> sgd(Assembly a, List<Supplier<ChunkAccumulator>> stats) {
            return sgd(a, stats, new WorkClock());
        }

        @Override
        public List<ChunkAccumulator> sgd(Assembly a, List<Supplier<ChunkAccumulator>> stats, WorkClock clock) {
            LeModel model = a.model();
            return LeSgd.run(a, model.simulation().sgdParticles(), model.time().outputs(), stats, Progress.NONE, 0, clock);
        }
    };

    /** Runs an assembled model (whose thread count already fits the heap, see {@link #fitThreads}). */
    public static Result run(Assembly a, Config config) {
        return run(a, config, COMPUTED);
    }

    /** {@link #run(Assembly, Config)} with the ensemble statistics taken from {@code ensembles}. */
    public static Result run(Assembly a, Config config, Ensembles ensembles) {
        // the phases of the run as laps of one clock (docs/outputs.md#timings)
        RunClock clock = RunClock.start();
        LeModel model = a.model();
        final int n = model.stateDim();
        final LeModel.Simulation sim = model.simulation();
        TimeGrid grid = a.grid();
        double[] mean0 = a.mean0();
        double[] outTimes = grid.outputTimes();
        boolean exact = sim.solver().scheme().samplesExactLaw();
        if (exact) {
            ExactSampler.requireApplicable(model);
        }
        double[][] odeRows = a.meanPart().outputRows();
        Context ctx = new Context(model, grid, outTimes, odeRows);

        int rows = grid.outputs();
        Summaries sdeStats = new Summaries();
        Summaries.Slot<Moments> sdeMoments = sdeStats.add(Moments.summary(rows, n));
        Summaries.Slot<SamplePaths> samples = sdeStats.add(SamplePaths.summary(config.samplePaths(), rows, n));
        Summaries sdeMonitors = new Summaries();
        sdeMonitors.addAll(config.sdeMonitors().apply(ctx));
        int threads = EnsembleRunner.threads(sim.threads());
        List<ChunkAccumulator> sdeAcc;
        clock.lap(RunClock.Phase.ODE);
        WorkClock sdeWork = new WorkClock();
        try {
            List<Supplier<ChunkAccumulator>> stats = new ArrayList<>(sdeStats.factories());
            stats.addAll(sdeMonitors.factories());
            sdeAcc = ensembles.sde(a, stats, config.progress(), sdeWork);
        } catch (BlowUpException e) {
            throw blowUp("LE-SDE", e, model);
        }
        clock.lapSplit(RunClock.Phase.DYNAMICS, RunClock.Phase.MONITOR, sdeWork.observeFraction());
        int own = sdeStats.plan().size();
        sdeStats.complete(sdeAcc.subList(0, own));
        sdeMonitors.complete(sdeAcc.subList(own, sdeAcc.size()));

        double[] sgdTimes = null;
        Moments sgdMoments = null;
        List<Moments> sgdRepeats = null;
        Summaries sgdMonitors = new Summaries().complete(List.of());
        if (sim.sgdParticles() > 0) {
            int iters = LeSgd.iterations(model.time().horizon(), model.stepSize());
            int sgdRows = Math.min(model.time().outputs(), iters) + 1;
            sgdTimes = new double[sgdRows];
            for (int r = 0; r < sgdRows; r++) {
                sgdTimes[r] = Math.round((double) r * iters / (sgdRows - 1)) * model.stepSize();
            }
            Summaries sgdStats = new Summaries();
            Summaries.Slot<Moments> sgdSlot = sgdStats.add(Moments.summary(sgdRows, n));
            sgdMonitors = new Summaries();
            sgdMonitors.addAll(config.sgdMonitors().apply(
                    new Context(model, grid, sgdTimes, new LeOde(a.operator()).solve(mean0, sgdTimes))));
            clock.lap(RunClock.Phase.ODE);
            WorkClock sgdWork = new WorkClock();
            List<ChunkAccumulator> acc;
            try {
                List<Supplier<ChunkAccumulator>> stats = new ArrayList<>(sgdStats.factories());
                stats.addAll(sgdMonitors.factories());
                acc = ensembles.sgd(a, stats, sgdWork);
            } catch (BlowUpException e) {
                throw blowUp("LE-SGD", e, model);
            }
            sgdStats.complete(acc.subList(0, 1));
            sgdMonitors.complete(acc.subList(1, acc.size()));
            sgdMoments = sgdSlot.get();
            sgdRepeats = new ArrayList<>(List.of(sgdMoments));
            for (int rep = 1; rep < sim.sgdRepeats(); rep++) {
                Summaries one = new Summaries();
                Summaries.Slot<Moments> slot = one.add(Moments.summary(sgdRows, n));
                try {
                    one.complete(LeSgd.run(a, sim.sgdParticles(), model.time().outputs(), one.factories(), Progress.NONE, rep,
                            sgdWork));
                } catch (BlowUpException e) {
                    throw blowUp("LE-SGD repeat " + rep, e, model);
                }
                sgdRepeats.add(slot.get());
            }
            clock.lapSplit(RunClock.Phase.DYNAMICS, RunClock.Phase.MONITOR, sgdWork.observeFraction());
        }
        clock.lap(RunClock.Phase.DYNAMICS);
        RunTimings timings = clock.timings();
        return new Result(model, grid, mean0, outTimes, odeRows, sdeMoments.get(), samples.get(), sdeMonitors, sgdTimes,
                sgdMoments, sgdMonitors, threads, timings.total(), sgdRepeats, timings);
    }

    /**
     * The serial LE-ODE part of a run: the class means X̄ at every step (the table of the mean
     * closure and of centred noise; null otherwise) and at the output times.
     */
    public record MeanPart(MeanTrajectory table, double[][] outputRows) {
    }

    /**
     * Computes the LE-ODE part of a run once: the DP853 table on the step grid when the mean
     * closure (or centred noise) needs it; for the exact sampler, X̄ at the output times only,
     * from the closed form (docs/theory.md#4-closed-forms) when a structured one applies (no time stepping at all), else
     * from DP853; otherwise DP853 at the output times.
     */
    static MeanPart meanPart(Assembly a) {
        LeModel model = a.model();
        TimeGrid grid = a.grid();
        double[] mean0 = a.mean0();
        LeOperator op = a.operator();
        LeNoise noise = a.noise();
        LeOde ode = new LeOde(op);
        boolean exact = model.simulation().solver().scheme().samplesExactLaw();
        if ((model.closure() == Closure.MEAN && !exact) || noise.needsReference()) {
            ClosedForm tableForm = tableClosedForm(op);
            MeanTrajectory table = tableForm != null
                    ? tabulate(tableForm, mean0, grid, EnsembleRunner.threads(model.simulation().threads()))
                    : null;
            if (table == null) {
                // no closed form, or the means leave the double range: DP853 tabulates (and reports
                // an overflow with its time and class)
                table = ode.tabulate(mean0, grid);
            }
            double[][] rows = new double[grid.outputs()][model.stateDim()];
            for (int r = 0; r < grid.outputs(); r++) {
                table.at(grid.outputStep(r), rows[r]);
            }
            return new MeanPart(table, rows);
        }
        ClosedForm cf = exact ? structuredClosedForm(op) : null;
        if (cf != null) {
            return new MeanPart(null, cf.solve(mean0, grid.outputTimes()));
        }
        return new MeanPart(null, ode.solve(mean0, grid.outputTimes()));
    }

    /**
     * The closed form the mean-closure table is taken from: a structured one evaluated pointwise
     * (see {@link ClosedForm#pointwise()}), else null (DP853).
     */
    public static ClosedForm tableClosedForm(LeOperator op) {
        ClosedForm cf = structuredClosedForm(op);
        return cf != null && cf.pointwise() ? cf : null;
    }

    /**
     * The LE-ODE at every step of the grid from a pointwise closed form, one contiguous range of
     * steps per thread (each value depends on its time only, so the table is the same for any
     * thread count); null when a value is not finite (the means leave the double range: the
     * caller falls back to DP853), checked by each thread on its own range. The ranges follow the
     * work, not the row count: a table of 21 rows of K·p = 10⁶ values (logits-k1000) splits over
     * all threads, one of 1 001 rows of 9 values stays on one.
     */
    static MeanTrajectory tabulate(ClosedForm cf, double[] mean0, TimeGrid grid, int threads) {
        int n = mean0.length;
        int rows = grid.steps() + 1;
        long size = (long) rows * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new RunFailedException("the LE-ODE table of the mean closure needs (steps + 1)·K·p = " + size
                    + " values, more than one array holds: reduce time.horizon/time.dt or the model size");
        }
        double[] data = new double[(int) size];
        int blocks = (int) Math.max(1, Math.min(Math.min(threads, rows), size / TABLE_VALUES_PER_THREAD));
        boolean[] finite = new boolean[blocks];
        java.util.function.IntConsumer block = b -> {
            int from = (int) ((long) rows * b / blocks);
            int to = (int) ((long) rows * (b + 1) / blocks);
            double[] times = new double[to - from];
            for (int s = from; s < to; s++) {
                times[s - from] = grid.time(s);
            }
            double[][] values = cf.solve(mean0, times);
            boolean ok = true;
            for (int s = from; s < to; s++) {
                double[] v = values[s - from];
                for (int i = 0; i < n; i++) {
                    ok &= Double.isFinite(v[i]);
                }
                System.arraycopy(v, 0, data, s * n, n);
            }
            finite[b] = ok;
        };
        ParallelTasks.map(blocks, blocks, "lesde-ode-table", b -> {
            block.accept(b);
            return null;
        });
        for (boolean ok : finite) {
            if (!ok) {
                return null;
            }
        }
        return new MeanTrajectory(grid, n, data);
    }

    /** Table values below which one more thread does not pay (its start and join cost more). */
    static final long TABLE_VALUES_PER_THREAD = 1L << 16;

    /** Which computation gives the LE-ODE class means of a run of this model (for summary.json). */
    public static String odeReference(LeModel model) {
        LeOperator op = LeOperator.of(model);
        boolean exact = model.simulation().solver().scheme().samplesExactLaw();
        boolean table = (model.closure() == Closure.MEAN && !exact)
                || new LeNoise(model.noise(), model.classes(), model.dim(), model.stepSize()).needsReference();
        ClosedForm cf = table ? tableClosedForm(op) : exact ? structuredClosedForm(op) : null;
        return cf != null ? "closed form: " + cf.description() : "Hipparchus DormandPrince853, rtol " + LeOde.REL_TOL;
    }

    /** The closed form of the LE-ODE when a structured (not dense) one applies, else null. */
    public static ClosedForm structuredClosedForm(LeOperator op) {
        ClosedForm cf = ClosedForm.of(op);
        return cf.applies() && cf.kind() != ClosedForm.Kind.DENSE ? cf : null;
    }

    /** Whether the SDE ensemble of a model can be cut into shards of chunks (its paths are independent). */
    public static boolean shardable(LeModel model) {
        return model.closure() != Closure.ENSEMBLE;
    }

    /**
     * Runs the SDE ensemble's chunks of one shard and hands each chunk's accumulators to the sink
     * in chunk order ({@link Shard#ALL} and a {@link EnsembleRunner.Fold}: the whole run). The
     * ensemble closure couples all paths: it runs whole, and only as {@link Shard#ALL}.
     */
    public static void sdeChunks(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress, Shard shard,
            EnsembleRunner.ChunkSink sink) {
        sdeChunks(a, stats, progress, shard, sink, new WorkClock());
    }

    /** {@link #sdeChunks(Assembly, List, Progress, Shard, EnsembleRunner.ChunkSink)}, timing the workers on {@code clock}. */
    public static void sdeChunks(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress, Shard shard,
            EnsembleRunner.ChunkSink sink, WorkClock clock) {
        if (a.model().simulation().solver().scheme().samplesExactLaw()) {
            runExact(a, a.grid().outputTimes(), a.meanPart().outputRows(), stats, progress, shard, sink, clock);
        } else {
            runSde(a, stats, progress, shard, sink, clock);
        }
    }

    /** The exact sampler through the same chunked, thread-count-independent runner as the steppers. */
    private static void runExact(Assembly a, double[] outTimes, double[][] odeRows,
            List<Supplier<ChunkAccumulator>> stats, Progress progress, Shard shard, EnsembleRunner.ChunkSink sink,
            WorkClock clock) {
        LeModel model = a.model();
        double[] mean0 = a.mean0();
        LeModel.Simulation sim = model.simulation();
        Streams streams = Streams.of(sim.seed()).child(Streams.PATHS);
        if (model.closure() == Closure.SELF) {
            SelfClosureLaw.Sampling sampling = new SelfClosureLaw(model).sampling(a.grid());
            EnsembleRunner.run(sim.paths(), sim.threads(),
                    () -> new ExactSampler.SelfWorker(sampling, streams, mean0, model.init().spread(), outTimes), stats,
                    progress, shard, sink, clock);
            return;
        }
        GaussianLaw law = new GaussianLaw(model);
        EnsembleRunner.run(sim.paths(), sim.threads(),
                () -> new ExactSampler.Worker(law, streams, mean0, model.init().spread(), outTimes, odeRows), stats, progress,
                shard, sink, clock);
    }

    private static void runSde(Assembly a, List<Supplier<ChunkAccumulator>> stats, Progress progress, Shard shard,
            EnsembleRunner.ChunkSink sink, WorkClock clock) {
        LeModel model = a.model();
        TimeGrid grid = a.grid();
        LeOperator op = a.operator();
        LeNoise noise = a.noise();
        MeanTrajectory table = a.meanPart().table();
        double[] mean0 = a.mean0();
        LeModel.Simulation sim = model.simulation();
        Streams streams = Streams.of(sim.seed()).child(Streams.PATHS);
        Stepper stepper = sim.solver().stepper().orElseThrow();
        if (model.closure() != Closure.ENSEMBLE) {
            LeSystem system = new LeSystem(op, noise, model.closure(), table);
            stepper.bind(system); // validates the noise type before any thread starts
            EnsembleRunner.run(sim.paths(), sim.threads(),
                    () -> new LePathWorker(system, stepper, streams, mean0, model.init().spread(), grid), stats, progress,
                    shard, sink, clock);
            return;
        }
        if (shard.count() != 1) {
            throw new IllegalArgumentException("the ensemble closure cannot be sharded");
        }
        // ensemble closure: all paths advance together as one interacting system
        final int paths = sim.paths();
        final int n = model.stateDim();
        EnsembleSystem system = new EnsembleSystem(op, noise, table, paths);
        Stepper.Step step = stepper.bind(system);
        double[] x = new double[paths * n];
        double[] xi = new double[n];
        boolean area = stepper.needs() == BrownianNeed.INCREMENTS_AND_SPACE_TIME_AREA;
        BrownianIncrements[] inc = new BrownianIncrements[paths];
        for (int p = 0; p < paths; p++) {
            var normal = Streams.normal(streams.stream(p));
            LePathWorker.initialState(normal, mean0, model.init().spread(), xi);
            System.arraycopy(xi, 0, x, p * n, n);
            inc[p] = area ? new GaussianAreaIncrements(normal) : new GaussianIncrements(normal);
        }
        double[] blockW = new double[area ? 2 * n : n];
        ChunkedObservation obs = new ChunkedObservation(paths, stats);
        final int total = paths * n;
        long start = System.nanoTime();
        long[] observing = {0};
        Integrator.run(step, (dt, dW) -> {
            for (int p = 0; p < paths; p++) {
                inc[p].next(dt, blockW);
                System.arraycopy(blockW, 0, dW, p * n, n);
                if (area) { // ΔW of every path, then ΔZ of every path
                    System.arraycopy(blockW, n, dW, total + p * n, n);
                }
            }
        }, x, new double[area ? 2 * total : total], grid, (row, t, state) -> {
            long s = System.nanoTime(); // one output row of every path: timed whole
            for (int p = 0; p < paths; p++) {
                System.arraycopy(state, p * n, xi, 0, n);
                obs.observe(p, row, t, xi);
            }
            observing[0] += System.nanoTime() - s;
            progress.update((long) row, grid.outputs() - 1);
        });
        clock.add(System.nanoTime() - start, observing[0]);
        sink.accept(0, obs.merged());
    }

    /**
     * The run-time error for a state that became NaN/Inf: names the dynamics, the time, the path
     * (or particle replica), the class and coordinate, and what to change. The LE-SDE is advanced
     * with time.dt, LE-SGD with its learning rate stepSize.
     */
    static RunFailedException blowUp(String what, BlowUpException e, LeModel model) {
        int n = model.stateDim();
        int comp = e.component() % n;
        long replica = e.component() / n;
        String hint = what.equals("LE-SGD")
                ? "the learning rate is too large for the dynamics; reduce stepSize (or alpha, beta, sigma)"
                : "the step is too large for the dynamics; reduce time.dt (or alpha, beta, sigma)";
        String which = model.closure() == Closure.ENSEMBLE || what.equals("LE-SGD")
                ? (what.equals("LE-SGD") ? " (particle " : " (path ") + replica + ")" : "";
        return new RunFailedException(String.format(java.util.Locale.ROOT,
                "%s state became %s at t = %.6g in class %d (coordinate %d)%s: %s", what, e.value(), e.time(),
                comp / model.dim(), comp % model.dim(), which, hint), e);
    }
}
