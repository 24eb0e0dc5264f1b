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
        int outputs = grid.outputs();
        int nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
        double t = grid.time(0);
        for (int n = 0; n < steps; n++) {
            double t1 = grid.time(n + 1);
            bm.next(dt, dW);
            step.step(t, dt, x, dW);
            BlowUpException.check(x, t1);
            if (n + 1 == nextOutStep) {
                observer.observe(nextOut, t1, x);
                nextOut++;
                nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
            }
            t = t1;
        }
    }
}
