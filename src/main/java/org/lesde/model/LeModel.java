package org.lesde.model;

import java.util.List;

import org.lesde.sde.Solver;

/**
 * A fully resolved LE model and run settings, as read from a model file (see
 * {@code org.lesde.modelfile.ModelFile}). Validation happens when the file is read; this record only
 * checks the cross-field invariants it relies on.
 *
 * @param stepSize the learning rate h: scales the diffusion by sqrt(h) and is the LE-SGD step
 */
public record LeModel(String name, int classes, int dim, Impact impact, Transform transform, Noise noise,
        double stepSize, Closure closure, Init init, Time time, Simulation simulation) {

    /** Horizon, integration step dt and number of output intervals (outputs + 1 rows incl. t = 0). */
    public record Time(double horizon, double dt, int outputs) {
    }

    /**
     * Ensemble size, solver, master seed, worker threads (0 = all cores), LE-SGD particles per class
     * independent LE-SGD realisations (repeats, at least 1; repeat 0 is the run of sgd.csv) and the
     * quantile levels of sde_quantiles.csv (null: the default, see docs/outputs.md; empty: none).
     */
    public record Simulation(int paths, Solver solver, long seed, int threads, int sgdParticles, int sgdRepeats,
            List<Double> quantiles) {
        public Simulation {
            if (sgdRepeats < 1) {
                throw new IllegalArgumentException("sgd repeats must be >= 1, got " + sgdRepeats);
            }
            quantiles = quantiles == null ? null : List.copyOf(quantiles);
        }

        /** One LE-SGD realisation, default quantiles. */
        public Simulation(int paths, Solver solver, long seed, int threads, int sgdParticles) {
            this(paths, solver, seed, threads, sgdParticles, 1, null);
        }

        /** Default quantiles. */
        public Simulation(int paths, Solver solver, long seed, int threads, int sgdParticles, int sgdRepeats) {
            this(paths, solver, seed, threads, sgdParticles, sgdRepeats, null);
        }

        /** The same settings with these quantile levels. */
        public Simulation withQuantiles(List<Double> levels) {
            return new Simulation(paths, solver, seed, threads, sgdParticles, sgdRepeats, levels);
        }

        public Simulation withThreads(int t) {
            return new Simulation(paths, solver, seed, t, sgdParticles, sgdRepeats, quantiles);        }
    }

    /** State dimension K·p. */
    public int stateDim() {
        return classes * dim;
    }

    public LeModel withSimulation(Simulation s) {
        return new LeModel(name, classes, dim, impact, transform, noise, stepSize, closure, init, time, s);
    }

    public LeModel withTime(Time t) {
        return new LeModel(name, classes, dim, impact, transform, noise, stepSize, closure, init, t, simulation);
    }

    public LeModel withImpact(Impact i) {
        return new LeModel(name, classes, dim, i, transform, noise, stepSize, closure, init, time, simulation);
    }

    public LeModel withNoise(Noise n) {
        return new LeModel(name, classes, dim, impact, transform, n, stepSize, closure, init, time, simulation);
    }

    public LeModel withName(String n) {
        return new LeModel(n, classes, dim, impact, transform, noise, stepSize, closure, init, time, simulation);
    }
}
