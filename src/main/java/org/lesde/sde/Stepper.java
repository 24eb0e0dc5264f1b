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

    /**
     * A step whose update is x[i] += c[i] + s·dW[i], c and s functions of the step only (a drift of
     * time only with isotropic additive noise, {@link SdeSystem#hasAffineEulerIncrement()}); its
     * {@link #step} is that update. The driver then prepares c and s once per step for a whole block
     * of paths and draws a path's increments for many steps in one loop ({@link Integrator}).
     */
    interface AffineStep extends Step {
        /** Writes c of the step [t, t + dt] into {@code inc[off .. off + n)} and returns s. */
        double prepare(double t, double dt, double[] inc, int off);

        /**
         * Writes c[from + j] of the step into {@code inc[off + j]} for j < to − from (the same
         * values as the whole-state prepare) and returns s: the driver's tiles of a one-step segment.
         */
        double prepare(double t, double dt, double[] inc, int off, int from, int to);
    }

    /** The clear error for an unsupported noise type. */
    static BadInputException refuse(Stepper s, NoiseType type) {
        return new BadInputException("solver " + s.name() + " is not valid for " + type.name().toLowerCase()
                + " noise (use " + Solver.steppersText(type) + ")");
    }
}
