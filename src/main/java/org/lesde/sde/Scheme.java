package org.lesde.sde;

/**
 * The declarations of one SDE scheme, read by the {@link Solver} registry (and from it by
 * model-file validation, the CLI help, {@code convergence} and the docs): its name, the noise
 * types it is valid for, its strong and weak orders per noise type and what it needs from the
 * Brownian source. A {@link Stepper} is a scheme that advances one step at a time; the exact
 * sampler ({@link ExactLaw}) is a scheme that samples the law between output times.
 */
public interface Scheme {

    /** The name used in model files and on the command line. */
    String name();

    /** One sentence for the help and the docs. */
    String summary();

    /** True when the scheme converges (or is exact) for this noise type. */
    boolean supports(NoiseType type);

    /** The strong order for this noise type: NaN when unsupported, +∞ for an exact sampler. */
    double strongOrder(NoiseType type);

    /** The weak order for this noise type: NaN when unsupported, +∞ for an exact sampler. */
    double weakOrder(NoiseType type);

    /** What one step needs from the Brownian source. */
    BrownianNeed needs();

    /**
     * True for a scheme that samples the exact law of the model (a Gaussian law known in
     * advance: linear drift and state-independent noise) instead of stepping an SDE.
     */
    default boolean samplesExactLaw() {
        return false;
    }
}
