package org.lesde.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One Brownian path in R^d sampled on a fine grid of {@code fineSteps} steps of length
 * {@code fineDt}, replayable at any coarser step that is a whole number of fine steps: the
 * coarse increment is the sum of its fine increments, so solvers at different Δ see the same
 * path (needed for strong-order studies).
 */
public final class BrownianPath {
    private final int dim;
    private final int fineSteps;
    private final double fineDt;
    /** Fine increments, step-major: w[s*dim + i]. */
    private final double[] w;

    private BrownianPath(int dim, int fineSteps, double fineDt, double[] w) {
        this.dim = dim;
        this.fineSteps = fineSteps;
        this.fineDt = fineDt;
        this.w = w;
    }

    /** Samples a path over [0, fineSteps·fineDt]. */
    public static BrownianPath sample(UniformRandomProvider rng, int dim, int fineSteps, double fineDt) {
        ZigguratSampler.NormalizedGaussian g = Streams.normal(rng);
        double s = Math.sqrt(fineDt);
        double[] w = new double[dim * fineSteps];
        for (int i = 0; i < w.length; i++) {
            w[i] = s * g.sample();
        }
        return new BrownianPath(dim, fineSteps, fineDt, w);
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

    /** Increments over steps of {@code factor} fine steps (factor must divide fineSteps). */
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
                for (int s = pos; s < pos + factor; s++) {
                    int o = s * dim;
                    for (int i = 0; i < dim; i++) {
                        dW[i] += w[o + i];
                    }
                }
                pos += factor;
            }
        };
    }
}
