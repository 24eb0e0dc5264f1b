package org.lesde.report;

import org.lesde.model.Closure;
import org.lesde.model.Impact;
import org.lesde.model.LeModel;
import org.lesde.model.Noise;
import org.lesde.model.TransformKind;
import org.lesde.monitor.Separability;

/**
 * The oracle separability probability of docs/theory.md#5-separability-and-the-phase-transition for the models where it is exact: identity
 * transform (H = I), two-level impact, additive noise with a constant σ (Σ = σ²I) and the mean
 * closure. Then a path is X(t) = X̄(t) + (X(0) − X̄(0)) + sqrt(h)·σ·W(t) with
 * X̄_k(t) − X̄_k'(t) = e^{Λ(t)/K}·(X̄_k(0) − X̄_k'(0)), Λ(t) = ∫₀ᵗ α − ∫₀ᵗ β
 * ({@link org.lesde.model.Schedule#integral}), so the probability that pair (k, k') is separated
 * along ν* = X̄_k(t) − X̄_k'(t) is {@link Separability#oracleProbability} with s₀ = init.spread.
 */
public final class SeparabilityOracle {
    private SeparabilityOracle() {
    }

    /** Why the oracle does not apply to this model, or null when it does. */
    public static String inapplicable(LeModel m) {
        if (m.transform().kind() != TransformKind.IDENTITY) {
            return "transform is " + m.transform().kind().key() + ", not identity";
        }
        if (!(m.impact() instanceof Impact.TwoLevel)) {
            return "impact is a general matrix, not two-level";
        }
        if (!(m.noise() instanceof Noise.Additive a) || !a.sigma().isConstant()) {
            return "noise is not additive with a constant sigma";
        }
        if (m.closure() != Closure.MEAN) {
            return "closure is " + m.closure().key() + ", not mean";
        }
        return null;
    }

    public static boolean applies(LeModel m) {
        return inapplicable(m) == null;
    }

    /** Λ(t) = ∫₀ᵗ (α − β) of a two-level model. */
    public static double lambda(LeModel m, double t) {
        Impact.TwoLevel e = (Impact.TwoLevel) m.impact();
        return e.alpha().integral(t) - e.beta().integral(t);
    }

    /**
     * Oracle probabilities per time and class pair: {@code [row][pair]}, pairs (k, k') with
     * k &lt; k' in lexicographic order (0-1, 0-2, ..., 1-2, ...).
     *
     * @param mean0 the initial class means X̄(0), {@code [k*p + j]}
     * @throws IllegalArgumentException if the oracle does not apply (see {@link #inapplicable})
     */
    public static double[][] pairProbabilities(LeModel m, double[] mean0, double[] times) {
        String why = inapplicable(m);
        if (why != null) {
            throw new IllegalArgumentException("the separability oracle does not apply: " + why);
        }
        int k = m.classes();
        int p = m.dim();
        double sigma = ((Noise.Additive) m.noise()).sigma().value(0);
        double s0 = m.init().spread();
        double[][] out = new double[times.length][k * (k - 1) / 2];
        for (int r = 0; r < times.length; r++) {
            double lam = lambda(m, times[r]);
            int pair = 0;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double d2 = 0;
                    for (int j = 0; j < p; j++) {
                        double d = mean0[a * p + j] - mean0[b * p + j];
                        d2 += d * d;
                    }
                    out[r][pair++] = Separability.oracleProbability(lam, k, Math.sqrt(d2), s0 * s0, m.stepSize(),
                            sigma * sigma, times[r]);
                }
            }
        }
        return out;
    }
}
