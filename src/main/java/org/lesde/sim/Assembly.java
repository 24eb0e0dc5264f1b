package org.lesde.sim;

import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.sde.TimeGrid;

/**
 * One model assembled for a run: the time grid, the initial class means X̄(0) drawn from the
 * master seed, the structured operator A(t), the diffusion and (on first use) the LE-ODE part
 * of the run (docs/theory.md#2-the-three-dynamics). Built once and handed to every consumer — the
 * simulation, the exact sampler, LE-SGD, {@code check}, {@code convergence}, sweeps and the
 * benchmarks — so none of them rebuilds a piece of it.
 */
public final class Assembly {
    private final LeModel model;
    private final TimeGrid grid;
    private final double[] mean0;
    private final LeOperator operator;
    private final LeNoise noise;
    private Simulation.MeanPart meanPart;

    private Assembly(LeModel model) {
        this.model = model;
        this.grid = TimeGrid.of(model.time().horizon(), model.time().dt(), model.time().outputs());
        this.mean0 = model.init().resolveMeans(model.classes(), model.dim(), model.simulation().seed());
        this.operator = LeOperator.of(model);
        this.noise = new LeNoise(model.noise(), model.classes(), model.dim(), model.stepSize());
    }

    /** Assembles a validated model (the LE-ODE part is computed on first use of {@link #meanPart}). */
    public static Assembly of(LeModel model) {
        return new Assembly(model);
    }

    public LeModel model() {
        return model;
    }

    public TimeGrid grid() {
        return grid;
    }

    /** X̄(0), flat K·p (shared: do not modify). */
    public double[] mean0() {
        return mean0;
    }

    public LeOperator operator() {
        return operator;
    }

    public LeNoise noise() {
        return noise;
    }

    /** The LE-ODE part of the run, computed once (see {@link Simulation#meanPart(Assembly)}). */
    public synchronized Simulation.MeanPart meanPart() {
        if (meanPart == null) {
            meanPart = Simulation.meanPart(this);
        }
        return meanPart;
    }
}
