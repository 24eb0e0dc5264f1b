package org.lesde.sim;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.BadInputException;
import org.lesde.analytic.GaussianLaw;
import org.lesde.analytic.SelfClosureLaw;
import org.lesde.model.LeModel;
import org.lesde.random.Streams;
import org.lesde.sde.PathObserver;

/**
 * The exact sampler ({@code solver: exact}). Self closure: see {@link SelfWorker}. For the mean closure with additive, diagonal or full
 * noise the LE-SDE path is X(t) = X̄(t) + (X(0) − X̄(0)) + a Gaussian process with independent
 * increments of covariance h·∫_{t_i}^{t_{i+1}} Σ(s) ds (see {@link GaussianLaw}). Paths are drawn
 * at the output times only — no time stepping — and are exact in law as paths, so sde_mean and
 * sde_paths have the same meaning as with a stepper.
 *
 * <p>Stream use of path i (stream i of the paths family, as for the steppers): first the K·p
 * normals of the initial state X̄(0) + spread·Z, then K·p normals per output interval, in output
 * order. X̄ at the output times is the LE-ODE reference of the run (DP853, rtol 1e-12), which
 * {@code lesde check} verifies against the closed forms.
 */
public final class ExactSampler {
    private ExactSampler() {
    }

    /** Throws a one-line {@link BadInputException} unless the exact sampler applies to the model. */
    public static void requireApplicable(LeModel m) {
        String why = whyNot(m);
        if (why != null) {
            throw new BadInputException("solver exact is not valid for this model: " + why
                    + "; use euler-maruyama or milstein");
        }
    }

    /**
     * Null when the exact sampler applies: the mean closure's law ({@link GaussianLaw}) or the
     * self closure's ({@link SelfClosureLaw}); otherwise the reason.
     */
    public static String whyNot(LeModel m) {
        return switch (m.closure()) {
            case MEAN -> GaussianLaw.whyNot(m);
            case SELF -> SelfClosureLaw.whyNot(m);
            case ENSEMBLE -> "closure ensemble (interacting paths: the exact sampler needs closure mean or self)";
        };
    }

    /**
     * One thread's exact sampler of the self closure (docs/theory.md#36-the-self-closure-law):
     * X(t_{r}) = Φ_r·X(t_{r−1}) + F_r·z between output times, F_r·F_rᵀ = Q_r. Stream use of path i as
     * for the mean closure: K·p normals for X(0), then K·p normals per output interval.
     */
    static final class SelfWorker implements EnsembleRunner.PathWorker {
        private final SelfClosureLaw.Sampling sampling;
        private final Streams streams;
        private final double[] mean0;
        private final double spread;
        private final double[] times;
        private final double[] x;
        private final double[] z;
        private final double[] tmp;

        SelfWorker(SelfClosureLaw.Sampling sampling, Streams streams, double[] mean0, double spread, double[] times) {
            this.sampling = sampling;
            this.streams = streams;
            this.mean0 = mean0;
            this.spread = spread;
            this.times = times;
            this.x = new double[mean0.length];
            this.z = new double[mean0.length];
            this.tmp = new double[mean0.length];
        }

        @Override
        public void runPath(long path, PathObserver observer) {
            ZigguratSampler.NormalizedGaussian normal = Streams.normal(streams.stream(path));
            LePathWorker.initialState(normal, mean0, spread, x);
            observer.observe(0, times[0], x);
            for (int r = 1; r < times.length; r++) {
                for (int i = 0; i < z.length; i++) {
                    z[i] = normal.sample();
                }
                sampling.step(r, x, z, tmp);
                observer.observe(r, times[r], x);
            }
        }
    }

    /** One thread's exact path sampler. */
    static final class Worker implements EnsembleRunner.PathWorker {
        private final GaussianLaw law;
        private final Streams streams;
        private final double[] mean0;
        private final double spread;
        private final double[] times;
        private final double[][] means;
        private final double[] scales;
        private final double[] x;
        private final double[] z;
        private final double[] dz;

        /**
         * @param times output times (times[0] = 0)
         * @param means X̄ at the output times
         */
        Worker(GaussianLaw law, Streams streams, double[] mean0, double spread, double[] times, double[][] means) {
            this.law = law;
            this.streams = streams;
            this.mean0 = mean0;
            this.spread = spread;
            this.times = times;
            this.means = means;
            int n = law.dimension();
            this.scales = new double[times.length];
            for (int r = 1; r < times.length; r++) {
                scales[r] = Math.sqrt(law.noiseVariance(times[r - 1], times[r]));
            }
            this.x = new double[n];
            this.z = new double[n];
            this.dz = new double[n];
        }

        @Override
        public void runPath(long path, PathObserver observer) {
            ZigguratSampler.NormalizedGaussian normal = Streams.normal(streams.stream(path));
            LePathWorker.initialState(normal, mean0, spread, x);
            int n = x.length;
            // X(0) = X̄(0) + spread·Z; X̄ at row 0 is mean0 itself
            observer.observe(0, times[0], x);
            for (int r = 1; r < times.length; r++) {
                for (int i = 0; i < n; i++) {
                    z[i] = normal.sample();
                }
                law.applyFactor(z, dz);
                double s = scales[r];
                double[] a = means[r];
                double[] b = means[r - 1];
                for (int i = 0; i < n; i++) {
                    x[i] += (a[i] - b[i]) + s * dz[i];
                }
                observer.observe(r, times[r], x);
            }
        }
    }
}
