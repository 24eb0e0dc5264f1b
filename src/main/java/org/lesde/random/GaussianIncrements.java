package org.lesde.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Independent increments sqrt(Δ)·Z, Z from the ziggurat sampler on one stream. A path worker
 * keeps one instance and points it at each new path's sampler with {@link #use} (no allocation
 * per path).
 */
public final class GaussianIncrements implements BrownianIncrements {
    private ZigguratSampler.NormalizedGaussian normal;

    public GaussianIncrements(UniformRandomProvider rng) {
        this(Streams.normal(rng));
    }

    /** Increments drawn from an existing sampler (sharing its stream with other draws). */
    public GaussianIncrements(ZigguratSampler.NormalizedGaussian normal) {
        this.normal = normal;
    }

    /** Draws from now on from {@code sampler} (e.g. the next path's stream); returns this. */
    public GaussianIncrements use(ZigguratSampler.NormalizedGaussian sampler) {
        this.normal = sampler;
        return this;
    }

    private double lastDt = Double.NaN;
    private double sqrtDt;

    @Override
    public void next(double dt, double[] dW) {
        fill(dt, dW, dW.length);
    }

    /**
     * The increments of several steps at once: buf[0 .. count) = sqrt(dt)·Z in stream order, so
     * {@code fill(dt, buf, s·m)} gives the values of s successive {@link #next} calls with buffers
     * of length m, row after row (one tight loop).
     */
    public void fill(double dt, double[] buf, int count) {
        if (dt != lastDt) { // uniform grids: one square root per path, not per step
            lastDt = dt;
            sqrtDt = Math.sqrt(dt);
        }
        final double s = sqrtDt;
        final ZigguratSampler.NormalizedGaussian g = normal;
        for (int i = 0; i < count; i++) {
            buf[i] = s * g.sample();
        }
    }
}
