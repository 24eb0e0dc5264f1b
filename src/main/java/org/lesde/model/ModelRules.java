package org.lesde.model;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.sde.NoiseType;
import org.lesde.sde.Scheme;
import org.lesde.sde.Solver;

/**
 * The rules a model must satisfy beyond the shape of its fields: the step count, the size
 * limits, the solver/noise compatibility (read from the {@link Solver} registry). The model-file
 * reader and the command-line overrides both call them, naming the fields as the user typed them.
 */
public final class ModelRules {
    /** Upper bound on simulation.threads (a typo like 10000 would otherwise start that many threads). */
    public static final int MAX_THREADS = 4096;
    /** Upper bound on K·p and K² (Java array indices). */
    public static final long MAX_STATE = Integer.MAX_VALUE - 8;

    private ModelRules() {
    }

    /**
     * The names under which a value reached {@link #checkCombination}: model-file keys, or the
     * CLI options that overrode them, so messages name what the user typed.
     */
    public record Fields(String horizon, String dt, String outputs, String paths, String solver, String threads) {
        public static final Fields MODEL_FILE = new Fields("time.horizon", "time.dt", "time.outputs", "simulation.paths",
                "simulation.solver", "simulation.threads");

        public Fields withDt(String f) {
            return new Fields(horizon, f, outputs, paths, solver, threads);
        }

        public Fields withPaths(String f) {
            return new Fields(horizon, dt, outputs, f, solver, threads);
        }

        public Fields withSolver(String f) {
            return new Fields(horizon, dt, outputs, paths, f, threads);
        }

        public Fields withThreads(String f) {
            return new Fields(horizon, dt, outputs, paths, solver, f);
        }
    }

    /** Refuses K·p or K² beyond {@link #MAX_STATE}. */
    public static void checkSize(int k, int p) {
        Require.that((long) k * p <= MAX_STATE && (long) k * k <= MAX_STATE,
                "classes * dim (" + k + " * " + p + ") is too large: the state must have at most " + MAX_STATE + " coordinates");
    }

    /** Cross-field rules with the model-file field names. */
    public static void checkCombination(LeModel m) {
        checkCombination(m, Fields.MODEL_FILE);
    }

    /** Cross-field rules, naming the fields as given (model keys or CLI options). */
    public static void checkCombination(LeModel m, Fields f) {
        steps(m.time(), f);
        LeModel.Simulation s = m.simulation();
        Require.atLeast(f.paths(), s.paths(), 1);
        Require.atLeast(f.threads(), s.threads(), 0);
        Require.that(s.threads() <= MAX_THREADS, f.threads() + " must be <= " + MAX_THREADS + ", got " + s.threads());
        Require.atLeast("simulation.sgd.particles", s.sgdParticles(), 0);
        if (s.sgdParticles() > 0) {
            double iters = Math.rint(m.time().horizon() / m.stepSize());
            Require.that(iters <= Integer.MAX_VALUE, f.horizon() + " / stepSize = " + iters
                    + " LE-SGD iterations is too many (at most " + Integer.MAX_VALUE
                    + "); increase stepSize or set simulation.sgd.particles: 0");
        }
        NoiseType nt = m.noise().kind().type();
        Scheme scheme = s.solver().scheme();
        if (scheme.samplesExactLaw()) {
            // the exact law (docs/theory.md#34-the-exact-sampler) needs a closure with a Gaussian law
            // (Closure.hasExactLaw) and state-independent noise (the scheme's noise types)
            Require.that(m.closure().hasExactLaw() && scheme.supports(nt),
                    f.solver() + " " + scheme.name() + " needs closure " + exactClosures()
                            + " and state-independent noise, got closure " + m.closure().key() + " and noise type "
                            + m.noise().kind().key());
        } else if (!scheme.supports(nt)) {
            throw new BadInputException(f.solver() + " " + scheme.name() + " is not valid for " + nt.name().toLowerCase()
                    + " noise (noise.type " + m.noise().kind().key() + "); use " + Solver.steppersText(nt));
        }
    }

    /** The closures with an exact law, "a or b". */
    static String exactClosures() {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (Closure c : Closure.values()) {
            if (c.hasExactLaw()) {
                l.add(c.key());
            }
        }
        return String.join(" or ", l);
    }

    /** Validates horizon, dt and outputs without building the grid; returns the number of steps. */
    public static int steps(LeModel.Time t, Fields f) {
        double horizon = Require.positive(f.horizon(), t.horizon());
        double dt = Require.positive(f.dt(), t.dt());
        Require.atLeast(f.outputs(), t.outputs(), 1);
        Require.that(dt <= horizon, f.dt() + " must be <= " + f.horizon() + " (" + horizon + "), got " + dt);
        double ratio = horizon / dt;
        Require.that(ratio <= Integer.MAX_VALUE, f.dt() + " (" + dt + ") makes " + f.horizon() + " (" + horizon + ") "
                + ratio + " steps, more than the maximum " + Integer.MAX_VALUE);
        long n = Math.round(ratio);
        Require.that(Math.abs(ratio - n) <= 1e-9 * ratio, f.dt() + " (" + dt + ") must divide " + f.horizon() + " ("
                + horizon + ") into a whole number of steps, got " + ratio + " steps");
        // output rows are time steps: more outputs than steps would silently give steps + 1 rows
        Require.that(t.outputs() <= n, f.outputs() + " must be <= the number of steps " + f.horizon() + " / " + f.dt()
                + " = " + n + ", got " + t.outputs() + " (lower it, or decrease " + f.dt() + ")");
        return (int) n;
    }

    /** The number of steps of a model already validated. */
    public static int steps(LeModel.Time t) {
        return steps(t, Fields.MODEL_FILE);
    }
}
