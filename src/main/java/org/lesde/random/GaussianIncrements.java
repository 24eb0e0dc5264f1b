package org.lesde.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Independent increments sqrt(Δ)·Z, Z from the ziggurat sampler on one stream. */
public final class GaussianIncrements implements BrownianIncrements {
    private final ZigguratSampler.NormalizedGaussian normal;

    public GaussianIncrements(UniformRandomProvider rng) {
        this(Streams.normal(rng));
    }

    /** Increments drawn from an existing sampler (sharing its stream with other draws). */
    public GaussianIncrements(ZigguratSampler.NormalizedGaussian normal) {
        this.normal = normal;
    }

    @Override
    public void next(double dt, double[] dW) {
        double s = Math.sqrt(dt);
        for (int i = 0; i < dW.length; i++) {
            dW[i] = s * normal.sample();
        }
    }
}
