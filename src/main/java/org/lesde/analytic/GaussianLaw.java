package org.lesde.analytic;

import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.Noise;
import org.lesde.model.NoiseKind;
import org.lesde.model.Schedule;

/**
 * The exact law of the linear LE-SDE with the {@code mean} closure and additive-type noise
 * (docs/theory.md#3-integrators): the drift (1/K)·A(t)·X̄(t) does not depend on the path, so
 * X(t) = X(0) + (X̄(t) − X̄(0)) + ∫₀ᵗ sqrt(h)·Σ(s)^{1/2} dW(s), and with
 * X(0) = X̄(0) + spread·N(0, I):
 * <ul>
 * <li>X(t) ~ N(X̄(t), spread²·I + h·∫₀ᵗ Σ(s) ds);</li>
 * <li>as a process, X − X̄ has independent Gaussian increments with covariance
 *     h·∫_{t₀}^{t₁} Σ(s) ds = h·(S(t₁) − S(t₀))·Σ₀, S = ∫ s(t)² (Σ(t) = s(t)²·Σ₀).</li>
 * </ul>
 * This class gives the covariance (entrywise, without forming n×n matrices) and the increment
 * factors; the mean X̄(t) comes from the closed forms or the LE-ODE reference.
 */
public final class GaussianLaw {
    private final Noise noise;
    private final int n;
    private final double h;
    private final double spread2;
    private final Schedule scale;
    private final LeNoise factor;

    public GaussianLaw(LeModel m) {
        this(m, whyNot(m));
    }

    private GaussianLaw(LeModel m, String why) {
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        this.noise = m.noise();
        this.n = m.stateDim();
        this.h = m.stepSize();
        this.spread2 = m.init().spread() * m.init().spread();
        this.scale = scaleOf(noise);
        this.factor = unitScaleNoise(m);
    }

    /** Null when the Gaussian law applies, otherwise the reason it does not. */
    public static String whyNot(LeModel m) {
        if (m.closure() != Closure.MEAN) {
            return "closure " + m.closure().key() + " (the exact Gaussian law needs closure mean)";
        }
        return switch (m.noise().kind()) {
            case ADDITIVE, DIAGONAL, FULL -> null;
            case PROPORTIONAL -> "proportional (state-dependent) noise (the exact Gaussian law needs additive, diagonal or full noise)";
        };
    }

    /**
     * The noise part only (Σ₀, the time scale s(t), h, the spread) for any closure: the self
     * closure's law (docs/theory.md#36-the-self-closure-law) uses it with its own mean and propagator.
     * Refuses state-dependent noise.
     */
    public static GaussianLaw noiseOf(LeModel m) {
        return new GaussianLaw(m, m.noise().kind() == NoiseKind.PROPORTIONAL ? whyNotNoise() : null);
    }

    /** The time scale s(t) of Σ(t) = s(t)²·Σ₀. */
    public Schedule scale() {
        return scale;
    }

    /** h (the step size of the dynamics: the noise is sqrt(h)·Σ^{1/2}). */
    public double stepSize() {
        return h;
    }

    /** spread² (X(0) = X̄(0) + spread·N(0, I)). */
    public double spread2() {
        return spread2;
    }

    private static Schedule scaleOf(Noise noise) {
        return switch (noise.kind()) {
            case ADDITIVE -> ((Noise.Additive) noise).sigma();
            case DIAGONAL -> ((Noise.Diagonal) noise).scale();
            case FULL -> ((Noise.Full) noise).scale();
            case PROPORTIONAL -> throw new IllegalArgumentException(whyNotNoise());
        };
    }

    /** Σ₀[i][j] (Σ(t) = s(t)²·Σ₀). */
    public double sigma0(int i, int j) {
        return switch (noise.kind()) {
            case ADDITIVE -> i == j ? 1 : 0;
            case DIAGONAL -> {
                double[] sig = ((Noise.Diagonal) noise).sigmas();
                yield i == j ? sig[i] * sig[i] : 0;
            }
            case FULL -> {
                Noise.Full f = (Noise.Full) noise;
                int m = f.size();
                yield i / m != j / m ? 0 : f.matrix()[i % m][j % m];
            }
            case PROPORTIONAL -> throw new IllegalArgumentException(whyNotNoise());
        };
    }

    /** h·∫_{t0}^{t1} s(t)² dt (≥ 0). */
    public double noiseVariance(double t0, double t1) {
        return Math.max(0, h * (scale.integralOfSquare(t1) - scale.integralOfSquare(t0)));
    }

    /** Cov(X_i(t), X_j(t)) = spread²·δ_ij + h·∫₀ᵗ s²·Σ₀_ij. */
    public double covariance(double t, int i, int j) {
        return (i == j ? spread2 : 0) + noiseVariance(0, t) * sigma0(i, j);
    }

    public double variance(double t, int i) {
        return covariance(t, i, i);
    }

    /** True for a full Σ₀ matrix (which can couple any coordinates of a class, or all). */
    public boolean isFullMatrix() {
        return noise.kind() == NoiseKind.FULL;
    }

    /** True when Σ(t) does not depend on t. */
    public boolean isNoiseConstant() {
        return scale.isConstant();
    }

    public int dimension() {
        return n;
    }

    /** out = Σ₀^{1/2}·z (the factor L with L·Lᵀ = Σ₀, block-diagonal for a p×p matrix). */
    public void applyFactor(double[] z, double[] out) {
        factor.apply(0, null, null, z, out);
    }

    /**
     * The LE diffusion with h = 1 and the time scale s(t) replaced by 1: its G·z is Σ₀^{1/2}·z
     * exactly (the scale factor is 1.0).
     */
    private static LeNoise unitScaleNoise(LeModel m) {
        Schedule one = new Schedule.Constant(1);
        Noise unit = switch (m.noise().kind()) {
            case ADDITIVE -> new Noise.Additive(one);
            case DIAGONAL -> new Noise.Diagonal(((Noise.Diagonal) m.noise()).sigmas(), one);
            case FULL -> {
                Noise.Full f = (Noise.Full) m.noise();
                yield new Noise.Full(f.matrix(), f.factor(), one);
            }
            case PROPORTIONAL -> throw new IllegalArgumentException(whyNotNoise());
        };
        return new LeNoise(unit, m.classes(), m.dim(), 1.0);
    }

    private static String whyNotNoise() {
        return "proportional (state-dependent) noise has no Gaussian law";
    }
}
