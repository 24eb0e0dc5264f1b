package org.lesde.sde;

import org.lesde.random.BrownianIncrements;

/**
 * The one driver loop: advances a block of independent paths (one or more) in lockstep over a
 * {@link TimeGrid} with a bound stepper and one Brownian source per path, calling the observer
 * at every output step (including t = 0) for each path in block order. Each state is checked for
 * NaN/Inf after every step; a blow-up stops the run with {@link BlowUpException}.
 *
 * <p>A block changes nothing in any path's numbers (each path has its own state and its own
 * Brownian source, and the step's work buffers are only used within one call); it lets a
 * state-independent drift table (the mean closure's LE-ODE increments) be read once per step for
 * the whole block while it sits in cache, instead of once per path.
 */
public final class Integrator {
    private Integrator() {
    }

    /** Receives the state of block member {@code member} at an output row (the array is reused). */
    @FunctionalInterface
    public interface BlockObserver {
        void observe(int member, int outputIndex, double t, double[] x);
    }

    /**
     * One path.
     *
     * @param dW a caller-owned buffer of length noiseDimension
     */
    public static void run(Stepper.Step step, BrownianIncrements bm, double[] x, double[] dW, TimeGrid grid,
            PathObserver observer) {
        run(step, new BrownianIncrements[] {bm}, new double[][] {x}, new double[][] {dW}, 1, grid,
                (member, row, t, state) -> observer.observe(row, t, state));
    }

    /**
     * The first {@code members} paths of a block, in lockstep: at each step every member draws its
     * increment, steps and is checked, in member order.
     *
     * @param bm one Brownian source per member
     * @param x  one state per member
     * @param dW one caller-owned increment buffer (length noiseDimension) per member
     */
    public static void run(Stepper.Step step, BrownianIncrements[] bm, double[][] x, double[][] dW, int members,
            TimeGrid grid, BlockObserver observer) {
        int nextOut = 0;
        if (grid.outputStep(0) == 0) {
            for (int b = 0; b < members; b++) {
                observer.observe(b, 0, 0.0, x[b]);
            }
            nextOut = 1;
        }
        double dt = grid.dt();
        int steps = grid.steps();
        int outputs = grid.outputs();
        int nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
        double t = grid.time(0);
        for (int n = 0; n < steps; n++) {
            double t1 = grid.time(n + 1);
            for (int b = 0; b < members; b++) {
                double[] xb = x[b];
                double[] wb = dW[b];
                bm[b].next(dt, wb);
                step.step(t, dt, xb, wb);
                BlowUpException.check(xb, t1);
            }
            if (n + 1 == nextOutStep) {
                for (int b = 0; b < members; b++) {
                    observer.observe(b, nextOut, t1, x[b]);
                }
                nextOut++;
                nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
            }
            t = t1;
        }
    }
}
