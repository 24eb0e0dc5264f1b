package org.lesde.sde;

import org.lesde.BadInputException;

/**
 * A one-step SDE scheme. It declares (as a {@link Scheme}) its orders for each noise type and
 * what it needs from the Brownian source, and refuses the noise types it is not valid for;
 * {@link #bind(SdeSystem)} validates once and returns a {@link Step} that owns its work buffers
 * (no allocation per step). Listed in the {@link Solver} registry.
 */
public interface Stepper extends Scheme {

    /** Validates the noise type and creates the work buffers for one thread. */
    Step bind(SdeSystem system);

    /** Advances x in place from t to t + dt with the Brownian increment dW ~ N(0, dt·I). */
    interface Step {
        void step(double t, double dt, double[] x, double[] dW);
    }

    /** The clear error for an unsupported noise type. */
    static BadInputException refuse(Stepper s, NoiseType type) {
        return new BadInputException("solver " + s.name() + " is not valid for " + type.name().toLowerCase()
                + " noise (use " + Solver.steppersText(type) + ")");
    }
}
