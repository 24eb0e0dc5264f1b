package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.lesde.RunFailedException;
import org.lesde.analytic.ClosedForm;
import org.lesde.analytic.GaussianLaw;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.LeSystem;
import org.lesde.model.MeanTrajectory;
import org.lesde.model.SolverKind;
import org.lesde.ode.LeOde;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;
import org.lesde.sde.BlowUpException;
import org.lesde.sde.EulerMaruyama;
import org.lesde.sde.Integrator;
import org.lesde.sde.Milstein;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;

/**
 * Runs the three dynamics of one model (SPEC §2): the LE-ODE class means (DP853 reference), the
 * LE-SDE ensemble and, when particles > 0, LE-SGD. Summaries are streaming
 * {@link ChunkAccumulator}s; callers may add their own (monitors) through {@link Config}.
 */
public final class Simulation {
    /** Paths whose full trajectory is kept for sde_paths.csv. */
    public static final int DEFAULT_SAMPLE_PATHS = 5;

    /** What a monitor needs to build its accumulators. */
    public record Context(LeModel model, TimeGrid grid, double[] outputTimes, double[][] ode) {
    }

    /** Optional additions to a run. */
    public record Config(int samplePaths, Function<Context, List<Supplier<ChunkAccumulator>>> sdeMonitors,
            Function<Context, List<Supplier<ChunkAccumulator>>> sgdMonitors, Progress progress) {
        public static Config defaults() {
            return new Config(DEFAULT_SAMPLE_PATHS, c -> List.of(), c -> List.of(), Progress.NONE);
        }

        public Config withProgress(Progress p) {
            return new Config(samplePaths, sdeMonitors, sgdMonitors, p);
        }

        public Config withMonitors(Function<Context, List<Supplier<ChunkAccumulator>>> sde,
                Function<Context, List<Supplier<ChunkAccumulator>>> sgd) {
            return new Config(samplePaths, sde, sgd, progress);
        }
    }

    /**
     * The results. {@code sgd*} fields are null when particles = 0.
     *
     * @param ode LE-ODE class means at the output times [row][K·p]
     */
    public record Result(LeModel model, TimeGrid grid, double[] mean0, double[] outputTimes, double[][] ode,
            Moments sde, SamplePaths samples, List<ChunkAccumulator> sdeMonitors, double[] sgdTimes, Moments sgd,
            List<ChunkAccumulator> sgdMonitors, int threads, double wallSeconds) {
    }

    private Simulation() {
    }

    /** The stepper for a solver kind (the exact sampler is not a stepper). */
    public static Stepper stepper(SolverKind kind) {
        return switch (kind) {
            case EULER_MARUYAMA -> EulerMaruyama.INSTANCE;
            case MILSTEIN -> Milstein.INSTANCE;
            case EXACT -> throw new IllegalArgumentException("exact is a sampler, not a stepper");
        };
    }

    /**
     * The model with as many worker threads as fit the heap: fewer than asked only when the chunk
     * summaries in flight for more threads would not fit (results never depend on the thread
     * count, so this changes nothing but speed); refuses (exit code 2) when even one thread does
     * not fit.
     */
    public static LeModel fitThreads(LeModel model, int samplePaths, long limit) {
        LeModel.Simulation s = model.simulation();
        int threads = EnsembleRunner.threads(s.threads());
        LeModel m = model;
        while (threads > 1 && MemoryEstimate.forSimulation(m, samplePaths).total() > limit) {
            threads--;
            m = model.withSimulation(new LeModel.Simulation(s.paths(), s.solver(), s.seed(), threads, s.sgdParticles()));
        }
        MemoryEstimate.forSimulation(m, samplePaths).requireWithin(limit);
        return m;
    }

    public static Result run(LeModel requested, Config config) {
        long start = System.nanoTime();
        // refuse before allocating anything if the run cannot fit in the heap (after trying fewer threads)
        LeModel model = fitThreads(requested, config.samplePaths(), MemoryEstimate.heapLimit());
        final int n = model.stateDim();
        final LeModel.Simulation sim = model.simulation();
        TimeGrid grid = TimeGrid.of(model.time().horizon(), model.time().dt(), model.time().outputs());
        double[] mean0 = model.init().resolveMeans(model.classes(), model.dim(), sim.seed());
        LeOperator op = LeOperator.of(model);
        LeNoise noise = new LeNoise(model.noise(), model.classes(), model.dim(), model.stepSize());
        double[] outTimes = grid.outputTimes();
        boolean exact = sim.solver() == SolverKind.EXACT;
        if (exact) {
            ExactSampler.requireApplicable(model);
        }
        MeanPart meanPart = meanPart(model, grid, mean0);
        MeanTrajectory table = meanPart.table();
        double[][] odeRows = meanPart.outputRows();
        Context ctx = new Context(model, grid, outTimes, odeRows);

        List<Supplier<ChunkAccumulator>> stats = new ArrayList<>();
        int rows = grid.outputs();
        stats.add(() -> new Moments(rows, n));
        stats.add(() -> new SamplePaths(config.samplePaths(), rows));
        stats.addAll(config.sdeMonitors().apply(ctx));
        int threads = EnsembleRunner.threads(sim.threads());
        List<ChunkAccumulator> sdeAcc;
        try {
            sdeAcc = exact ? runExact(model, mean0, outTimes, odeRows, stats, config.progress())
                    : runSde(model, grid, op, noise, table, mean0, stats, config.progress());
        } catch (BlowUpException e) {
            throw blowUp("LE-SDE", e, model);
        }

        double[] sgdTimes = null;
        Moments sgdMoments = null;
        List<ChunkAccumulator> sgdMon = List.of();
        if (sim.sgdParticles() > 0) {
            List<Supplier<ChunkAccumulator>> sgdStats = new ArrayList<>();
            int iters = LeSgd.iterations(model.time().horizon(), model.stepSize());
            int sgdRows = Math.min(model.time().outputs(), iters) + 1;
            sgdTimes = new double[sgdRows];
            for (int r = 0; r < sgdRows; r++) {
                sgdTimes[r] = Math.round((double) r * iters / (sgdRows - 1)) * model.stepSize();
            }
            sgdStats.add(() -> new Moments(sgdRows, n));
            sgdStats.addAll(config.sgdMonitors().apply(new Context(model, grid, sgdTimes, new LeOde(op).solve(mean0, sgdTimes))));
            List<ChunkAccumulator> acc;
            try {
                acc = LeSgd.run(model, mean0, sim.sgdParticles(), model.time().outputs(), sgdStats, Progress.NONE);
            } catch (BlowUpException e) {
                throw blowUp("LE-SGD", e, model);
            }
            sgdMoments = (Moments) acc.get(0);
            sgdMon = acc.subList(1, acc.size());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(model, grid, mean0, outTimes, odeRows, (Moments) sdeAcc.get(0), (SamplePaths) sdeAcc.get(1),
                sdeAcc.subList(2, sdeAcc.size()), sgdTimes, sgdMoments, sgdMon, threads, wall);
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
     * from the closed form (SPEC §4) when a structured one applies (no time stepping at all), else
     * from DP853; otherwise DP853 at the output times.
     */
    public static MeanPart meanPart(LeModel model, TimeGrid grid, double[] mean0) {
        LeOperator op = LeOperator.of(model);
        LeNoise noise = new LeNoise(model.noise(), model.classes(), model.dim(), model.stepSize());
        LeOde ode = new LeOde(op);
        boolean exact = model.simulation().solver() == SolverKind.EXACT;
        if ((model.closure() == Closure.MEAN && !exact) || noise.needsReference()) {
            MeanTrajectory table = ode.tabulate(mean0, grid);
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

    /** The closed form of the LE-ODE when a structured (not dense) one applies, else null. */
    public static ClosedForm structuredClosedForm(LeOperator op) {
        ClosedForm cf = ClosedForm.of(op);
        return cf.applies() && cf.kind() != ClosedForm.Kind.DENSE ? cf : null;
    }

    /** The exact sampler through the same chunked, thread-count-independent runner as the steppers. */
    private static List<ChunkAccumulator> runExact(LeModel model, double[] mean0, double[] outTimes, double[][] odeRows,
            List<Supplier<ChunkAccumulator>> stats, Progress progress) {
        LeModel.Simulation sim = model.simulation();
        Streams streams = Streams.of(sim.seed()).child(Streams.PATHS);
        GaussianLaw law = new GaussianLaw(model);
        return EnsembleRunner.run(sim.paths(), sim.threads(),
                () -> new ExactSampler.Worker(law, streams, mean0, model.init().spread(), outTimes, odeRows), stats, progress);
    }

    private static List<ChunkAccumulator> runSde(LeModel model, TimeGrid grid, LeOperator op, LeNoise noise,
            MeanTrajectory table, double[] mean0, List<Supplier<ChunkAccumulator>> stats, Progress progress) {
        LeModel.Simulation sim = model.simulation();
        Streams streams = Streams.of(sim.seed()).child(Streams.PATHS);
        Stepper stepper = stepper(sim.solver());
        if (model.closure() != Closure.ENSEMBLE) {
            LeSystem system = new LeSystem(op, noise, model.closure(), table);
            stepper.bind(system); // validates the noise type before any thread starts
            return EnsembleRunner.run(sim.paths(), sim.threads(),
                    () -> new LePathWorker(system, stepper, streams, mean0, model.init().spread(), grid), stats, progress);
        }
        // ensemble closure: all paths advance together as one interacting system
        final int paths = sim.paths();
        final int n = model.stateDim();
        EnsembleSystem system = new EnsembleSystem(op, noise, table, paths);
        Stepper.Step step = stepper.bind(system);
        double[] x = new double[paths * n];
        double[] xi = new double[n];
        GaussianIncrements[] inc = new GaussianIncrements[paths];
        for (int p = 0; p < paths; p++) {
            var normal = Streams.normal(streams.stream(p));
            LePathWorker.initialState(normal, mean0, model.init().spread(), xi);
            System.arraycopy(xi, 0, x, p * n, n);
            inc[p] = new GaussianIncrements(normal);
        }
        double[] blockW = new double[n];
        ChunkedObservation obs = new ChunkedObservation(paths, stats);
        Integrator.run(step, (dt, dW) -> {
            for (int p = 0; p < paths; p++) {
                inc[p].next(dt, blockW);
                System.arraycopy(blockW, 0, dW, p * n, n);
            }
        }, x, new double[paths * n], grid, (row, t, state) -> {
            for (int p = 0; p < paths; p++) {
                System.arraycopy(state, p * n, xi, 0, n);
                obs.observe(p, row, t, xi);
            }
            progress.update((long) row, grid.outputs() - 1);
        });
        return obs.merged();
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
