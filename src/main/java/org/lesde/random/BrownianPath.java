package org.lesde.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One Brownian path in R^d sampled on a fine grid of {@code fineSteps} steps of length
 * {@code fineDt}, replayable at any coarser step that is a whole number of fine steps: the
 * coarse increment is the sum of its fine increments, so solvers at different Δ see the same
 * path (needed for strong-order studies). A path sampled {@link #sampleWithArea with the
 * space–time Lévy area} also replays ΔZ = ∫(W(s) − W(t))ds over the coarse step by the
 * refinement formula (docs/theory.md#39-sra1-and-the-space-time-levy-area): over two pieces of
 * lengths δ with (ΔW1, ΔZ1), (ΔW2, ΔZ2), ΔZ = ΔZ1 + ΔZ2 + δ·ΔW1; its increments ΔW are the
 * same numbers (drawn first, summed in the same order) as those of the path without the area.
 */
public final class BrownianPath {
    private final int dim;
    private final int fineSteps;
    private final double fineDt;
    /** Fine increments, step-major: w[s*dim + i]. */
    private final double[] w;
    /** Fine space–time areas, step-major like w, or null. */
    private final double[] z;

    private BrownianPath(int dim, int fineSteps, double fineDt, double[] w, double[] z) {
        this.dim = dim;
        this.fineSteps = fineSteps;
        this.fineDt = fineDt;
        this.w = w;
        this.z = z;
    }

    /** Samples a path over [0, fineSteps·fineDt]. */
    public static BrownianPath sample(UniformRandomProvider rng, int dim, int fineSteps, double fineDt) {
        ZigguratSampler.NormalizedGaussian g = Streams.normal(rng);
        double s = Math.sqrt(fineDt);
        double[] w = new double[dim * fineSteps];
        for (int i = 0; i < w.length; i++) {
            w[i] = s * g.sample();
        }
        return new BrownianPath(dim, fineSteps, fineDt, w, null);
    }

    /**
     * Samples a path with its space–time areas: first the increments exactly as {@link #sample}
     * (the same numbers from the same stream), then one more standard normal u2 per fine step and
     * component, ΔZ = δ^{3/2}/2·(u1 + u2/sqrt(3)) with u1 = ΔW/sqrt(δ).
     */
    public static BrownianPath sampleWithArea(UniformRandomProvider rng, int dim, int fineSteps, double fineDt) {
        ZigguratSampler.NormalizedGaussian g = Streams.normal(rng);
        double s = Math.sqrt(fineDt);
        double[] u = new double[dim * fineSteps];
        double[] w = new double[u.length];
        for (int i = 0; i < w.length; i++) {
            u[i] = g.sample();
            w[i] = s * u[i];
        }
        double h = 0.5 * fineDt * s;
        double r3 = 1.0 / Math.sqrt(3.0);
        double[] z = new double[u.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = h * (u[i] + r3 * g.sample());
        }
        return new BrownianPath(dim, fineSteps, fineDt, w, z);
    }

    /** True when the path carries its space–time areas. */
    public boolean hasArea() {
        return z != null;
    }

    public int fineSteps() {
        return fineSteps;
    }

    public double fineDt() {
        return fineDt;
    }

    /** W(T) − W(0), component i. */
    public double total(int i) {
        double acc = 0;
        for (int s = 0; s < fineSteps; s++) {
            acc += w[s * dim + i];
        }
        return acc;
    }

    /**
     * Increments over steps of {@code factor} fine steps (factor must divide fineSteps). A buffer
     * of length 2·dim (a path with areas only) receives ΔW then ΔZ.
     */
    public BrownianIncrements coarse(int factor) {
        if (factor < 1 || fineSteps % factor != 0) {
            throw new IllegalArgumentException("factor " + factor + " does not divide " + fineSteps + " fine steps");
        }
        final double expectedDt = factor * fineDt;
        return new BrownianIncrements() {
            private int pos;

            @Override
            public void next(double dt, double[] dW) {
                if (Math.abs(dt - expectedDt) > 1e-12 * expectedDt) {
                    throw new IllegalArgumentException("replayed path has step " + expectedDt + ", asked for " + dt);
                }
                if (pos >= fineSteps) {
                    throw new IllegalStateException("Brownian path exhausted after " + fineSteps + " fine steps");
                }
                java.util.Arrays.fill(dW, 0.0);
                if (dW.length == 2 * dim) {
                    if (z == null) {
                        throw new IllegalStateException("the Brownian path was sampled without space-time areas");
                    }
                    for (int s = pos; s < pos + factor; s++) {
                        int o = s * dim;
                        for (int i = 0; i < dim; i++) {
                            dW[dim + i] += z[o + i] + fineDt * dW[i]; // refinement formula
                            dW[i] += w[o + i];
                        }
                    }
                } else {
                    for (int s = pos; s < pos + factor; s++) {
                        int o = s * dim;
                        for (int i = 0; i < dim; i++) {
                            dW[i] += w[o + i];
                        }
                    }
                }
                pos += factor;
            }
        };
    }
}
