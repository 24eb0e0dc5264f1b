package org.lesde.sde;

/**
 * Exact sampling: X(t_{i+1}) drawn from its Gaussian law given X(t_i) between output times
 * (docs/theory.md#34-the-exact-sampler). Valid only where that law is known: a drift known in advance
 * (mean closure) or linear in the path (self closure) and state-independent (additive-type) noise; the sampler itself lives with the
 * simulation ({@code org.lesde.sim.ExactSampler}).
 */
public final class ExactLaw implements Scheme {
    public static final ExactLaw INSTANCE = new ExactLaw();

    private ExactLaw() {
    }

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public String summary() {
        return "Samples the exact Gaussian law at the output times (mean or self closure, additive-type noise).";
    }

    @Override
    public boolean supports(NoiseType type) {
        return type == NoiseType.ADDITIVE;
    }

    @Override
    public double strongOrder(NoiseType type) {
        return supports(type) ? Double.POSITIVE_INFINITY : Double.NaN;
    }

    @Override
    public double weakOrder(NoiseType type) {
        return strongOrder(type);
    }

    @Override
    public BrownianNeed needs() {
        return BrownianNeed.INCREMENTS;
    }

    @Override
    public boolean samplesExactLaw() {
        return true;
    }
}
