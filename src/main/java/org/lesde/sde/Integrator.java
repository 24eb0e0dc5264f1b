package org.lesde.sde;

import org.lesde.random.BrownianIncrements;

/**
 * The one driver loop: advances one path over a {@link TimeGrid} with a bound stepper and a
 * Brownian source, calling the observer at every output step (including t = 0). The state is
 * checked for NaN/Inf after every step; a blow-up stops the run with {@link BlowUpException}.
 */
public final class Integrator {
    private Integrator() {
    }

    /**
     * @param dW a caller-owned buffer of length noiseDimension
     */
    public static void run(Stepper.Step step, BrownianIncrements bm, double[] x, double[] dW, TimeGrid grid,
            PathObserver observer) {
        int nextOut = 0;
        if (grid.outputStep(0) == 0) {
            observer.observe(0, 0.0, x);
            nextOut = 1;
        }
        double dt = grid.dt();
        int steps = grid.steps();
        for (int n = 0; n < steps; n++) {
            double t = grid.time(n);
            bm.next(dt, dW);
            step.step(t, dt, x, dW);
            BlowUpException.check(x, grid.time(n + 1));
            if (nextOut < grid.outputs() && grid.outputStep(nextOut) == n + 1) {
                observer.observe(nextOut, grid.time(n + 1), x);
                nextOut++;
            }
        }
    }
}
