package org.lesde.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.BadInputException;
import org.lesde.RunFailedException;
import org.lesde.analytic.ClosedForm;
import org.lesde.analytic.GaussianLaw;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.LeSystem;
import org.lesde.model.MeanTrajectory;
import org.lesde.ode.LeOde;
import org.lesde.random.BrownianPath;
import org.lesde.random.Streams;
import org.lesde.sde.BlowUpException;
import org.lesde.sde.BrownianNeed;
import org.lesde.sde.Integrator;
import org.lesde.sde.NoiseType;
import org.lesde.sde.PathObserver;
import org.lesde.sde.SdeSystem;
import org.lesde.sde.Solver;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;
import org.lesde.sim.Assembly;
import org.lesde.sim.ChunkAccumulator;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.Moments;
import org.lesde.sim.Progress;
import org.lesde.sim.Summaries;

/**
 * Strong and weak convergence orders of every stepper of the solver registry valid for a problem's
 * noise type (docs/theory.md#35-measuring-convergence-orders), each with a 95 % interval from the
 * paired-difference covariances across paths propagated through the log-log fit
 * (docs/theory.md#310-order-intervals). Schemes that need the space–time Lévy area (SRA1) get it
 * from the same replayed path (docs/theory.md#39-sra1-and-the-space-time-levy-area). For every path
 * one Brownian path is sampled on the finest grid and replayed at every Δ = T/2^k through
 * {@link BrownianPath#coarse}, so all step sizes see the same path; the final-time error
 * D = X_Δ(T) − X_ref(T) is taken against the exact solution (GBM; the mean closure with constant
 * additive-type noise) or the same path solved on a grid 2^r times finer than the finest Δ
 * (by the valid stepper of highest strong order: SRA1 for additive, Milstein for diagonal noise; r = 4 for the built-in scalar
 * problems, 3 for models). A fine-step reference whose own error is correlated with the coarse
 * errors biases a fitted order upwards by about −log(1 − 2^{−r·q})/log(Δ_max/Δ_min) (q the
 * order): 0.02 for r = 4 over five octaves. Strong error: sqrt(E‖D‖²) (RMS over paths, Euclidean over coordinates). Weak error:
 * the error of the mean ‖E[D]‖∞ estimated from the same paired differences (its Monte Carlo
 * standard error is ~ strong error / sqrt(paths), far below the weak error itself). Orders are
 * least-squares slopes of log error against log Δ; the weak fit uses only the Δ whose error is
 * resolved (> 2 standard errors). Paths run through the chunked {@link EnsembleRunner}: results
 * depend on the seed only.
 */
public final class ConvergenceStudy {
    /** Stream family tag of the study ("conv"). */
    static final long STREAM_TAG = 0x636f6e76L;
    /** The reference grid is 2^r times finer than the finest Δ (when there is no exact solution). */
    static final int REF_EXTRA_BUILTIN = 4;
    static final int REF_EXTRA_MODEL = 3;

    private ConvergenceStudy() {
    }

    /** Study size. */
    public record Options(int paths, int levels, long seed, int threads) {
        public static Options defaults() {
            return new Options(8000, 6, 1, 0);
        }
    }

    /** One (problem, solver) curve. NaN orders mean "not estimable" (see note). */
    public record Curve(String problem, String solver, double strongOrder, double weakOrder, double expectedStrong,
            double expectedWeak, double[] dts, double[] errors, double[] weakErrors, double[] weakStdErrors, long paths,
            String reference, String note, double strongHalfWidth, double weakHalfWidth) {

        /** True when theory lies in the 95 % interval of the fitted strong order. */
        public boolean strongCovers(double theory) {
            return Math.abs(strongOrder - theory) <= strongHalfWidth;
        }

        /** True when theory lies in the 95 % interval of the fitted weak order. */
        public boolean weakCovers(double theory) {
            return Math.abs(weakOrder - theory) <= weakHalfWidth;
        }
    }

    /** The two-sided 95 % normal quantile of the order intervals. */
    public static final double Z95 = 1.959963984540054;
    /** Above this many (level, coordinate) pairs the weak interval ignores the covariance between levels. */
    static final int MAX_WEAK_COVARIANCE = 240;

    /** A test problem: an SDE system per grid, its initial state and its reference solution. */
    public interface Problem {
        String name();

        int dimension();

        NoiseType noiseType();

        double horizon();

        /** The exponents k of Δ = T/2^k (increasing). */
        int[] levels();

        /** The system integrated on a grid of {@code steps} steps (systems may depend on the grid). */
        SdeSystem system(int steps);

        /** Draws (or sets) the initial state. */
        void initialState(ZigguratSampler.NormalizedGaussian normal, double[] x);

        /** True when {@link #exact} gives the exact final state for a Brownian path. */
        default boolean hasExact() {
            return false;
        }

        default void exact(double[] x0, BrownianPath path, double[] out) {
            throw new UnsupportedOperationException();
        }

        /** log2 of the reference refinement over the finest Δ (when there is no exact solution). */
        default int referenceRefinement() {
            return REF_EXTRA_BUILTIN;
        }

        /** What the exact solution is (null: the default wording). */
        default String referenceLabel() {
            return null;
        }

        /** Why a scheme is exact for this problem (errors at rounding level), or null. */
        default String exactSchemeNote() {
            return null;
        }
    }

    /** Finest level of the built-in problems: Δ = 2^-10 (Higham 2001 uses 2^-5 .. 2^-9). */
    static final int BUILTIN_KMAX = 10;

    /** Geometric Brownian motion dX = λX dt + μX dW, X0 = 1, T = 1 (Higham 2001: λ = 2, μ = 1). */
    public static Problem gbm(int levels) {
        final double lambda = 2.0;
        final double mu = 1.0;
        return new Builtin("gbm", ScalarSde.gbm(lambda, mu), levels,
                (x0, w) -> x0 * Math.exp((lambda - 0.5 * mu * mu) * Builtin.HORIZON + mu * w));
    }

    /** A scalar linear SDE with additive noise, dX = −2X dt + 0.8 dW, X0 = 1, T = 1. */
    public static Problem linearAdditive(int levels) {
        return new Builtin("linear-additive", ScalarSde.additive((t, x) -> -2.0 * x, 0.8), levels, null);
    }

    /**
     * A scalar SDE with additive noise and a nonlinear drift, dX = (sin t − X³) dt + 0.8·(1 + t/2) dW,
     * X0 = 1, T = 1: f'' ≠ 0 and a time-varying σ(t) make SRA1's order-1.5 error terms non-zero (on the
     * linear problem they vanish and it converges with order 2; docs/theory.md#39-sra1-and-the-space-time-levy-area).
     */
    public static Problem nonlinearAdditive(int levels) {
        return new Builtin("nonlinear-additive", new ScalarSde(NoiseType.ADDITIVE, (t, x) -> Math.sin(t) - x * x * x,
                (t, x) -> 0.8 * (1 + 0.5 * t), null), levels, null);
    }

    /**
     * A scalar SDE dX = f(t, X) dt + g(t, X) dW (stateless, so one instance serves every grid and
     * thread). {@code dg} = ∂g/∂x is needed for {@link NoiseType#DIAGONAL} noise only (Milstein).
     */
    public record ScalarSde(NoiseType noiseType, DoubleBinaryOperator f, DoubleBinaryOperator g, DoubleBinaryOperator dg)
            implements SdeSystem {

        /** Geometric Brownian motion dX = λX dt + μX dW (diagonal noise). */
        public static ScalarSde gbm(double lambda, double mu) {
            return new ScalarSde(NoiseType.DIAGONAL, (t, x) -> lambda * x, (t, x) -> mu * x, (t, x) -> mu);
        }

        /** dX = f(t, X) dt + σ dW (additive noise). */
        public static ScalarSde additive(DoubleBinaryOperator f, double sigma) {
            return new ScalarSde(NoiseType.ADDITIVE, f, (t, x) -> sigma, null);
        }

        /** The same coefficients declared as another noise type. */
        public ScalarSde withNoiseType(NoiseType type) {
            return new ScalarSde(type, f, g, dg);
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void drift(double t, double[] x, double[] out) {
            out[0] = f.applyAsDouble(t, x[0]);
        }

        @Override
        public void diffusion(double t, double[] x, double[] dW, double[] out) {
            out[0] = g.applyAsDouble(t, x[0]) * dW[0];
        }

        @Override
        public void diagonalDiffusion(double t, double[] x, double[] gOut, double[] dgOut) {
            if (dg == null) {
                SdeSystem.super.diagonalDiffusion(t, x, gOut, dgOut); // throws: not diagonal noise
                return;
            }
            gOut[0] = g.applyAsDouble(t, x[0]);
            dgOut[0] = dg.applyAsDouble(t, x[0]);
        }
    }

    /**
     * A built-in scalar problem: X0 = 1, T = 1, Δ = 2^-k for the {@code levelCount} finest k up to
     * {@link #BUILTIN_KMAX}; {@code exactSolution} gives X(T) from (X(0), W(T)), or is null when
     * there is no exact solution.
     */
    private record Builtin(String name, ScalarSde sde, int levelCount, DoubleBinaryOperator exactSolution) implements Problem {
        static final double HORIZON = 1.0;

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public NoiseType noiseType() {
            return sde.noiseType();
        }

        @Override
        public double horizon() {
            return HORIZON;
        }

        @Override
        public int[] levels() {
            return range(BUILTIN_KMAX - levelCount + 1, BUILTIN_KMAX);
        }

        @Override
        public SdeSystem system(int steps) {
            return sde;
        }

        @Override
        public void initialState(ZigguratSampler.NormalizedGaussian normal, double[] x) {
            x[0] = 1.0;
        }

        @Override
        public boolean hasExact() {
            return exactSolution != null;
        }

        @Override
        public void exact(double[] x0, BrownianPath path, double[] out) {
            if (exactSolution == null) {
                Problem.super.exact(x0, path, out); // throws: no exact solution
                return;
            }
            out[0] = exactSolution.applyAsDouble(x0[0], path.total(0));
        }
    }

    /**
     * An LE model as given (closure, noise, init), on Δ = T/2^k with the finest Δ ≤ time.dt.
     * {@code label} names it in the results.
     */
    public static Problem model(LeModel m, String label, int levels) {
        final Assembly assembly = Assembly.of(m);
        final LeOperator op = assembly.operator();
        final LeNoise noise = assembly.noise();
        final double horizon = m.time().horizon();
        final double[] mean0 = assembly.mean0();
        final double spread = m.init().spread();
        final int kMax = Math.max(levels, (int) Math.ceil(Math.log(horizon / m.time().dt()) / Math.log(2) - 1e-9));
        final boolean needMean = m.closure() == Closure.MEAN || noise.needsReference();
        if (m.closure() == Closure.ENSEMBLE) {
            throw new BadInputException("convergence: closure ensemble couples the paths; use closure mean or self");
        }
        final boolean exactScheme = GaussianLaw.whyNot(m) == null && new GaussianLaw(m).isNoiseConstant();
        // mean closure, constant additive-type noise: X(T) = X(0) + X̄(T) − X̄(0) + sqrt(h)·s·Σ₀^{1/2}·W(T)
        final GaussianLaw law = exactScheme ? new GaussianLaw(m) : null;
        final double[] meanIncrement = new double[m.stateDim()];
        final String exactLabel;
        if (exactScheme) {
            ClosedForm cf = ClosedForm.of(op);
            double[] xt = cf.applies() ? cf.at(mean0, horizon)
                    : new LeOde(op, Checker.TIGHT_RTOL).solve(mean0, new double[] {horizon})[0];
            for (int i = 0; i < xt.length; i++) {
                meanIncrement[i] = xt[i] - mean0[i];
            }
            exactLabel = "exact solution X(0) + X̄(T) − X̄(0) + sqrt(h)·s·Σ₀^{1/2}·W(T) on the same Brownian path, X̄ by "
                    + (cf.applies() ? "the closed form" : "DP853 rtol 1e-13");
        } else {
            exactLabel = null;
        }
        return new Problem() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public int dimension() {
                return m.stateDim();
            }

            @Override
            public NoiseType noiseType() {
                return noise.type();
            }

            @Override
            public double horizon() {
                return horizon;
            }

            @Override
            public int[] levels() {
                return range(kMax - levels + 1, kMax);
            }

            @Override
            public SdeSystem system(int steps) {
                MeanTrajectory table = null;
                if (needMean) {
                    table = new LeOde(op).tabulate(mean0, TimeGrid.ofSteps(horizon, steps, 1));
                }
                return new LeSystem(op, noise, m.closure(), table);
            }

            @Override
            public void initialState(ZigguratSampler.NormalizedGaussian normal, double[] x) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = mean0[i] + spread * normal.sample();
                }
            }

            @Override
            public boolean hasExact() {
                return exactScheme;
            }

            @Override
            public int referenceRefinement() {
                return REF_EXTRA_MODEL;
            }

            @Override
            public void exact(double[] x0, BrownianPath path, double[] out) {
                int n = x0.length;
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = path.total(i);
                }
                law.applyFactor(w, out);
                double s = Math.sqrt(law.noiseVariance(0, horizon) / horizon);
                for (int i = 0; i < n; i++) {
                    out[i] = x0[i] + meanIncrement[i] + s * out[i];
                }
            }

            @Override
            public String referenceLabel() {
                return exactLabel;
            }

            @Override
            public String exactSchemeNote() {
                return exactScheme ? "closure mean with constant additive-type noise: the steppers use the exact drift"
                        + " increment X̄(t+Δ) − X̄(t) and sample the exact law, so the errors are at rounding level"
                        + " and no order can be fitted" : null;
            }
        };
    }

    /** The reference scheme: the valid stepper of the highest strong order (the last of equals: the registry lists refinements after the schemes they refine). */
    static Stepper reference(List<Stepper> solvers, NoiseType type) {
        Stepper best = solvers.get(0);
        for (Stepper st : solvers) {
            if (st.strongOrder(type) >= best.strongOrder(type)) {
                best = st;
            }
        }
        return best;
    }

    static int[] range(int lo, int hi) {
        lo = Math.max(1, lo);
        int[] r = new int[hi - lo + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = lo + i;
        }
        return r;
    }

    /** Runs every stepper of the solver registry that is valid for the problem's noise type. */
    public static List<Curve> run(Problem problem, Options o) {
        List<Stepper> solvers = Solver.steppersFor(problem.noiseType());
        int[] ks = problem.levels();
        int levels = ks.length;
        int kFine = ks[levels - 1] + (problem.hasExact() ? 0 : problem.referenceRefinement());
        int fine = 1 << kFine;
        double horizon = problem.horizon();
        int n = problem.dimension();
        Streams streams = Streams.of(o.seed()).child(STREAM_TAG);
        Stepper refStepper = reference(solvers, problem.noiseType());
        // systems per level are shared (read-only tables); steps are bound per worker thread
        SdeSystem[] systems = new SdeSystem[levels];
        for (int l = 0; l < levels; l++) {
            systems[l] = problem.system(1 << ks[l]);
        }
        SdeSystem refSystem = problem.hasExact() ? null : problem.system(fine);
        int rows = solvers.size() * levels;
        boolean weakCov = (long) levels * n <= MAX_WEAK_COVARIANCE;
        int vec = levels + (weakCov ? levels * n : 0);
        Summaries errors = new Summaries();
        Summaries.Slot<ErrorStats> errorSlot = errors.add(ErrorStats.summary(rows, n, solvers.size(), vec));
        try {
            errors.complete(EnsembleRunner.run(o.paths(), o.threads(), () -> new Worker(problem, solvers, systems, refSystem,
                    refStepper, ks, kFine, streams, weakCov), errors.factories(), Progress.NONE));
        } catch (BlowUpException e) {
            throw new RunFailedException("convergence study of " + problem.name() + ": a solver blew up at the coarsest"
                    + " steps (" + e.getMessage() + "); use fewer --levels", e);
        }
        Moments mom = errorSlot.get().moments;
        CrossMoments cross = errorSlot.get().cross;
        List<Curve> out = new ArrayList<>();
        String reference = problem.referenceLabel() != null ? problem.referenceLabel()
                : problem.hasExact() ? "exact solution on the same Brownian path"
                : refStepper.name() + " on the same path with dt = T/2^" + kFine;
        for (int s = 0; s < solvers.size(); s++) {
            double[] dts = new double[levels];
            double[] strong = new double[levels];
            double[] weak = new double[levels];
            double[] weakSe = new double[levels];
            for (int l = 0; l < levels; l++) {
                int row = s * levels + l;
                dts[l] = horizon / (1 << ks[l]);
                double sq = 0;
                double w = 0;
                double se = 0;
                for (int i = 0; i < n; i++) {
                    double mean = mom.mean(row, i);
                    sq += mom.variance(row, i) + mean * mean;
                    if (Math.abs(mean) >= w) {
                        w = Math.abs(mean);
                        se = mom.sd(row, i) / Math.sqrt(o.paths());
                    }
                }
                strong[l] = Math.sqrt(sq);
                weak[l] = w;
                weakSe[l] = se;
            }
            Stepper st = solvers.get(s);
            String note = problem.exactSchemeNote();
            double so = note != null ? Double.NaN : slope(dts, strong, null);
            boolean[] resolved = new boolean[levels];
            int nres = 0;
            for (int l = 0; l < levels; l++) {
                resolved[l] = weak[l] > 2 * weakSe[l] && weak[l] > 0;
                nres += resolved[l] ? 1 : 0;
            }
            double wo = note != null || nres < 2 ? Double.NaN : slope(dts, weak, resolved);
            // 95 % intervals by the delta method through the least-squares fit (docs/theory.md#310-order-intervals)
            int[] arg = new int[levels];
            for (int l = 0; l < levels; l++) {
                double w = -1;
                for (int i = 0; i < n; i++) {
                    double a = Math.abs(mom.mean(s * levels + l, i));
                    if (a >= w) {
                        w = a;
                        arg[l] = i;
                    }
                }
            }
            double[] cs = fitWeights(dts, null);
            double vs = 0;
            for (int l = 0; l < levels; l++) {
                for (int k = 0; k < levels; k++) {
                    vs += cs[l] * cs[k] * 0.25 * cross.covariance(s, l, k) / (strong[l] * strong[l] * strong[k] * strong[k]);
                }
            }
            double sHalf = Double.isNaN(so) ? Double.NaN : Z95 * Math.sqrt(vs / o.paths());
            double wHalf = Double.NaN;
            if (!Double.isNaN(wo)) {
                double[] cw = fitWeights(dts, resolved);
                double vw = 0;
                for (int l = 0; l < levels; l++) {
                    if (!resolved[l]) {
                        continue;
                    }
                    double ml = mom.mean(s * levels + l, arg[l]);
                    for (int k = 0; k < levels; k++) {
                        if (!resolved[k]) {
                            continue;
                        }
                        double mk = mom.mean(s * levels + k, arg[k]);
                        double cov = weakCov ? cross.covariance(s, levels + l * n + arg[l], levels + k * n + arg[k])
                                : l == k ? mom.variance(s * levels + l, arg[l]) : 0.0;
                        vw += cw[l] * cw[k] * cov / (ml * mk);
                    }
                }
                wHalf = Z95 * Math.sqrt(vw / o.paths());
                if (!weakCov) {
                    note = (note == null ? "" : note + "; ") + "weak interval ignores the covariance between step sizes";
                }
            }
            if (note == null && nres < levels) {
                note = "weak order fitted on the " + nres + " of " + levels + " step sizes whose weak error exceeds 2 standard errors";
            }
            out.add(new Curve(problem.name(), st.name(), so, wo, st.strongOrder(problem.noiseType()), st.weakOrder(problem.noiseType()), dts,
                    strong, weak, weakSe, o.paths(), reference, note, sHalf, wHalf));
        }
        return out;
    }

    /** The weights c with slope = Σ c_l·log y_l of the least-squares fit over the selected points. */
    static double[] fitWeights(double[] x, boolean[] use) {
        double sx = 0;
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (use == null || use[i]) {
                sx += Math.log(x[i]);
                m++;
            }
        }
        double mx = sx / m;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            if (use == null || use[i]) {
                sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
            }
        }
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = use == null || use[i] ? (Math.log(x[i]) - mx) / sxx : 0.0;
        }
        return c;
    }

    /**
     * The errors of a study: per (solver, level) row the moments of D, and per solver the
     * cross moments over paths of (‖D_l‖², l = 1..L, then D_l's coordinates) that the intervals need.
     */
    static final class ErrorStats implements ChunkAccumulator {
        final Moments moments;
        final CrossMoments cross;
        private final int rows;

        static Summaries.Summary<ErrorStats> summary(int rows, int n, int solvers, int vec) {
            int[] ids = new int[solvers];
            for (int s = 0; s < solvers; s++) {
                ids[s] = rows + s;
            }
            double bytes = Moments.bytes(rows, n) + solvers * ((double) vec + (double) vec * vec) * 8.0;
            return new Summaries.Summary<>("convergence errors", ErrorStats.class,
                    () -> new ErrorStats(rows, n, ids, vec), bytes);
        }

        private ErrorStats(int rows, int n, int[] ids, int vec) {
            this.rows = rows;
            this.moments = new Moments(rows, n);
            this.cross = new CrossMoments(ids, vec);
        }

        @Override
        public void observe(long path, int row, double t, double[] x) {
            if (row < rows) {
                moments.observe(path, row, t, x);
            } else {
                cross.observe(path, row, t, x);
            }
        }

        @Override
        public void mergeFrom(ChunkAccumulator later) {
            ErrorStats b = (ErrorStats) later;
            moments.mergeFrom(b.moments);
            cross.mergeFrom(b.cross);
        }
    }

    /** Least-squares slope of log y against log x over the selected points (all when null). */
    public static double slope(double[] x, double[] y, boolean[] use) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if ((use == null || use[i]) && y[i] > 0 && Double.isFinite(y[i])) {
                sx += Math.log(x[i]);
                sy += Math.log(y[i]);
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            if ((use == null || use[i]) && y[i] > 0 && Double.isFinite(y[i])) {
                double dx = Math.log(x[i]) - mx;
                sxy += dx * (Math.log(y[i]) - my);
                sxx += dx * dx;
            }
        }
        return sxy / sxx;
    }

    /** One thread: for each path, one fine Brownian path replayed at every level and solver. */
    private static final class Worker implements EnsembleRunner.PathWorker {
        private final Problem problem;
        private final Stepper.Step[][] steps;
        private final Stepper.Step refStep;
        private final int[] ks;
        private final int kFine;
        private final Streams streams;
        private final double horizon;
        private final int n;
        private final double[] x0;
        private final double[] x;
        private final double[] ref;
        private final double[] d;
        /** The Brownian buffer of each solver (ΔW, or ΔW and ΔZ) and of the reference. */
        private final double[][] dW;
        private final double[] refDW;
        /** True when some solver needs the space–time area: the path is sampled with it. */
        private final boolean area;
        private final TimeGrid[] grids;
        private final TimeGrid refGrid;
        private final int solverCount;
        /** Per solver: (‖D_l‖², then D_l when weakCov). */
        private final double[] vec;
        private final boolean weakCov;

        Worker(Problem problem, List<Stepper> solvers, SdeSystem[] systems, SdeSystem refSystem, Stepper refStepper,
                int[] ks, int kFine, Streams streams, boolean weakCov) {
            this.problem = problem;
            this.solverCount = solvers.size();
            this.vec = new double[ks.length + (weakCov ? ks.length * problem.dimension() : 0)];
            this.weakCov = weakCov;
            this.ks = ks;
            this.kFine = kFine;
            this.streams = streams;
            this.horizon = problem.horizon();
            this.n = problem.dimension();
            this.steps = new Stepper.Step[solvers.size()][ks.length];
            this.grids = new TimeGrid[ks.length];
            for (int l = 0; l < ks.length; l++) {
                SdeSystem sys = systems[l].copyForThread();
                for (int s = 0; s < solvers.size(); s++) {
                    steps[s][l] = solvers.get(s).bind(sys);
                }
                grids[l] = TimeGrid.ofSteps(horizon, 1 << ks[l], 1);
            }
            this.refStep = refSystem == null ? null : refStepper.bind(refSystem.copyForThread());
            this.refGrid = TimeGrid.ofSteps(horizon, 1 << kFine, 1);
            this.x0 = new double[n];
            this.x = new double[n];
            this.ref = new double[n];
            this.d = new double[n];
            this.dW = new double[solvers.size()][];
            boolean anyArea = false;
            for (int s = 0; s < solvers.size(); s++) {
                dW[s] = new double[solvers.get(s).needs().bufferLength(n)];
                anyArea |= solvers.get(s).needs() == BrownianNeed.INCREMENTS_AND_SPACE_TIME_AREA;
            }
            this.area = anyArea;
            this.refDW = new double[refStepper.needs().bufferLength(n)];
        }

        @Override
        public void runPath(long pathIndex, PathObserver observer) {
            UniformRandomProvider rng = streams.stream(pathIndex);
            problem.initialState(Streams.normal(rng), x0);
            int fine = 1 << kFine;
            // the area normals are drawn after the increments: ΔW is the same with or without them
            BrownianPath path = area ? BrownianPath.sampleWithArea(rng, n, fine, horizon / fine)
                    : BrownianPath.sample(rng, n, fine, horizon / fine);
            if (problem.hasExact()) {
                problem.exact(x0, path, ref);
            } else {
                solve(refStep, path, 1, refGrid, refDW, ref);
            }
            for (int s = 0; s < steps.length; s++) {
                for (int l = 0; l < ks.length; l++) {
                    solve(steps[s][l], path, 1 << (kFine - ks[l]), grids[l], dW[s], x);
                    for (int i = 0; i < n; i++) {
                        d[i] = x[i] - ref[i];
                    }
                    observer.observe(s * ks.length + l, grids[l].dt(), d);
                    double q = 0;
                    for (int i = 0; i < n; i++) {
                        q += d[i] * d[i];
                    }
                    vec[l] = q;
                    if (weakCov) {
                        System.arraycopy(d, 0, vec, ks.length + l * n, n);
                    }
                }
                observer.observe(solverCount * ks.length + s, horizon, vec);
            }
        }

        private void solve(Stepper.Step step, BrownianPath path, int factor, TimeGrid grid, double[] dW, double[] out) {
            System.arraycopy(x0, 0, out, 0, n);
            Integrator.run(step, path.coarse(factor), out, dW, grid, (row, t, state) -> { });
        }
    }
}
