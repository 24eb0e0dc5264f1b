package org.lesde.sde;

import org.lesde.BadInputException;

/**
 * A one-step SDE scheme. It declares its strong order for each noise type and refuses the
 * noise types it is not valid for; {@link #bind(SdeSystem)} validates once and returns a
 * {@link Step} that owns its work buffers (no allocation per step).
 */
public interface Stepper {

    /** The name used in model files and on the command line. */
    String name();

    /** True when the scheme converges for this noise type. */
    boolean supports(NoiseType type);

    /** The strong order of convergence for this noise type (NaN when unsupported). */
    double strongOrder(NoiseType type);

    /** The weak order of convergence. */
    default double weakOrder() {
        return 1.0;
    }

    /** Validates the noise type and creates the work buffers for one thread. */
    Step bind(SdeSystem system);

    /** Advances x in place from t to t + dt with the Brownian increment dW ~ N(0, dt·I). */
    interface Step {
        void step(double t, double dt, double[] x, double[] dW);
    }

    /** The clear error for an unsupported noise type. */
    static BadInputException refuse(Stepper s, NoiseType type) {
        return new BadInputException("solver " + s.name() + " is not valid for " + type.name().toLowerCase()
                + " noise (use euler-maruyama)");
    }
}
