package org.lesde.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Increments with the space–time Lévy area (docs/theory.md#39-sra1-and-the-space-time-levy-area):
 * for a buffer of length 2m, component i of ΔW ~ N(0, Δ) goes to {@code buf[i]} and
 * ΔZ_i = ∫_t^{t+Δ}(W_i(s) − W_i(t))ds to {@code buf[m + i]}, drawn from two standard normals
 * (u1, u2) per component in that order: ΔW = sqrt(Δ)·u1, ΔZ = Δ^{3/2}/2·(u1 + u2/sqrt(3)), so
 * Var ΔZ = Δ³/3 and Cov(ΔW, ΔZ) = Δ²/2. A path worker points one instance at each new path's
 * sampler with {@link #use} (no allocation per path).
 */
public final class GaussianAreaIncrements implements BrownianIncrements {
    private static final double INV_SQRT3 = 1.0 / Math.sqrt(3.0);
    private ZigguratSampler.NormalizedGaussian normal;
    private double lastDt = Double.NaN;
    private double sqrtDt;
    private double halfDt32;

    public GaussianAreaIncrements(UniformRandomProvider rng) {
        this(Streams.normal(rng));
    }

    /** Increments drawn from an existing sampler (sharing its stream with other draws). */
    public GaussianAreaIncrements(ZigguratSampler.NormalizedGaussian normal) {
        this.normal = normal;
    }

    /** Draws from now on from {@code sampler}; returns this. */
    public GaussianAreaIncrements use(ZigguratSampler.NormalizedGaussian sampler) {
        this.normal = sampler;
        return this;
    }

    @Override
    public void next(double dt, double[] buf) {
        if (dt != lastDt) {
            lastDt = dt;
            sqrtDt = Math.sqrt(dt);
            halfDt32 = 0.5 * dt * sqrtDt;
        }
        final ZigguratSampler.NormalizedGaussian g = normal;
        final int m = buf.length / 2;
        for (int i = 0; i < m; i++) {
            double u1 = g.sample();
            double u2 = g.sample();
            buf[i] = sqrtDt * u1;
            buf[m + i] = halfDt32 * (u1 + INV_SQRT3 * u2);
        }
    }
}
