package org.lesde.fit;

import org.lesde.BadInputException;

/**
 * Estimators of the integrated impacts Â(t) ≈ ∫₀ᵗ α and B̂(t) ≈ ∫₀ᵗ β from class-mean logits
 * (docs/theory.md#7-fitting-a-training-log, the official {@code estimate_AB_I} / {@code estimate_AB_L}). Input: {@code xbar[t]}
 * is the flat vector v(t) with {@code v[c*K + j] = X̄^c_j(t)} (p = K, "logits as features").
 * Floating-point operations follow the official numpy code in order, so results agree with it to
 * rounding level (README of the shared data, §3).
 *
 * <h2>I-model (identity transform, any K)</h2>
 * With M_j(t) = (1/K)Σ_c X̄^c_j(t), c0 = M(0), δ_c = X̄^c(0) − c0, per class and coordinate
 * b = (c0/δ_c)(X̄^c − M)/M and a = M (X̄^c − M)^{K−1} / (c0 δ_c^{K−1});
 * B̂ = nanmean_j nanmean_c (−ln|b|), Â = nanmean_j nanmean_c ln|a|. On the identity-transform
 * LE-ODE, M(t) = c0·e^{(A+(K−1)B)/K} and X̄^c − M = δ_c·e^{(A−B)/K} (docs/theory.md#4-closed-forms), so b = e^{−B} and
 * a = e^{A} exactly.
 *
 * <h2>L-model (residual transforms), official K = 3 and its generalisation</h2>
 * Notation: r_c = e_c − 1/K, u_c = r_c/‖r_c‖, ‖r_c‖² = (K−1)/K, d = (r_0; …; r_{K−1}) ∈ R^{K²}
 * with ‖d‖² = K−1, and s_c(t) = ⟨u_c, X̄^c(t)⟩, the component of class c along its own residual.
 * For both residual-source and residual-target transforms these scalars obey the closed system
 * ds/dt = (1/K)[(α + β/(K−1)) I − β/(K−1) 11ᵀ] s, whose eigenvectors do not depend on α, β:
 * the sum Σ_c s_c (the d-mode) grows as e^{(A−B)/K} and every contrast Σ_c γ_c s_c with
 * Σ_c γ_c = 0 (the f-modes) as e^{(A+B/(K−1))/K}. The class sums σ_c = Σ_j X̄^c_j are conserved,
 * since every update of a class is along residuals. Hence two linear read-outs give
 * Φ1 = K·ln|S(t)/S(0)| = A − B and Φ2 = K·ln|F(t)/F(0)| = A + B/(K−1), and
 * Â = (Φ1 + (K−1)Φ2)/K, B̂ = (K−1)(Φ2 − Φ1)/K invert them exactly.
 *
 * <p>The official code (K = 3 only) uses, with v the 9-vector of class means,
 * S = ½[(v0 + v4 − v6 − v7) − (v1 + v2 + v3 + v5 + v6 + v7)] and
 * F = (v − (S/2)·d)·(2,−1,−1, −1,2,−1, 0,0,0)/3. Read in classes (X^c_j = v_{3c+j}):
 * <ul>
 * <li>S = ½[s₁ + s₂], s₁ = Σ_{c<K−1} X^c_c − Σ_{j<K−1} X^{K−1}_j (the trace, with the last
 * diagonal entry X^{K−1}_{K−1} replaced by its zero-sum surrogate −Σ_{j<K−1} X^{K−1}_j) and
 * s₂ = −Σ_{c≠j} X^c_j (minus the off-diagonal sum). When every class mean sums to zero
 * (σ_c = 0) both s₁ and s₂ equal the trace, and so S = trace = ⟨d, v⟩ = ‖r‖·Σ_c s_c, the d-mode.
 * This is the generalisation used for every K; at K = 3 it is literally the official expression
 * (same terms, same summation order).</li>
 * <li>F = (v − (S/‖d‖²)·d)·w with ‖d‖² = K−1 (the official "S/2") and w = d with the last
 * class block set to zero, written as integer weights (Kδ_cj − 1) divided by K (the official
 * "(2,−1,−1,…)/3"). Removing the d-component and projecting on w gives
 * F = ‖r‖·Σ_{c<K−1} s_c − ((K−1)/K)·‖r‖·Σ_c s_c = ‖r‖·(s̄ − s_{K−1}), a contrast, hence an
 * f-mode.</li>
 * </ul>
 * So for zero-sum class means (e.g. a residual LE-ODE started in the span of the residuals, with
 * any conserved null-space component orthogonal to 1) the generalised estimator recovers ∫α and
 * ∫β exactly, for every K ≥ 2 and both residual transforms, with time-varying α, β.
 *
 * <p><b>Where the official formula departs from the principled one.</b> For class means that do
 * not sum to zero, the official S is ⟨d, v⟩ plus the constant (1/(2K))[(2−K)Σ_{c<K−1}σ_c −
 * 2(K−1)σ_{K−1}] (at K = 3: −(σ_0 + σ_1 + 4σ_2)/6), which is conserved by the LE-ODE but biases
 * Φ1 and, through the d-removal, Φ2. The principled read-out would be S = ⟨d, v⟩ (class sums
 * removed). We keep the official expression because the paper's numbers (and the oracle) are
 * computed with it; on real logs, whose logits do not sum to zero, the two differ. This is a
 * documented choice, not an accident.
 */
public final class ImpactEstimator {
    private ImpactEstimator() {
    }

    /** Â(t), B̂(t) of one model; for the L-model also Φ1 = A−B (series {@code AB1_L}) and c1 = S(0). */
    public record Estimate(double[] a, double[] b, double[] phi1, double c1) {
    }

    /** The official {@code estimate_AB_I} (identity transform), any K >= 2. */
    public static Estimate estimateI(double[][] xbar, int k) {
        check(xbar, k);
        int t = xbar.length;
        int kk = k * k;
        double[] c0 = new double[k];
        double[] ck = new double[kk];
        // logits_ck = np.mean(logits, axis=0): sum over classes (sequential) / K
        for (int j = 0; j < k; j++) {
            c0[j] = classAverage(xbar[0], k, j);
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                ck[c * k + j] = xbar[0][c * k + j] - c0[j];
            }
        }
        double[] a = new double[t];
        double[] b = new double[t];
        double[] perJ = new double[k];
        double[] perJa = new double[k];
        double[] scratch = new double[k];
        for (int m = 0; m < t; m++) {
            double[] v = xbar[m];
            for (int j = 0; j < k; j++) {
                double mj = classAverage(v, k, j);
                // np.nanmean over the class axis (axis 0): sequential sum of non-NaN / count
                double sb = 0.0;
                double sa = 0.0;
                int nb = 0;
                int na = 0;
                for (int c = 0; c < k; c++) {
                    double x = v[c * k + j];
                    double diff = x - mj;
                    double bexp = c0[j] / ck[c * k + j] * diff / mj;
                    double lb = -Math.log(Math.abs(bexp));
                    double aexp = mj * power(diff, k - 1) / (c0[j] * power(ck[c * k + j], k - 1));
                    double la = Math.log(Math.abs(aexp));
                    if (!Double.isNaN(lb)) {
                        sb += lb;
                        nb++;
                    }
                    if (!Double.isNaN(la)) {
                        sa += la;
                        na++;
                    }
                }
                perJ[j] = nb == 0 ? Double.NaN : sb / nb;
                perJa[j] = na == 0 ? Double.NaN : sa / na;
            }
            b[m] = Sums.nanmean(perJ, 0, k, scratch);
            a[m] = Sums.nanmean(perJa, 0, k, scratch);
        }
        return new Estimate(a, b, null, Double.NaN);
    }

    /**
     * The official {@code estimate_AB_L} (residual transform) at K = 3, generalised to any K >= 2
     * as described in the class documentation.
     */
    public static Estimate estimateL(double[][] xbar, int k) {
        check(xbar, k);
        int t = xbar.length;
        int kk = k * k;
        double[] ds = new double[kk];
        int[] w = new int[kk];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                ds[c * k + j] = -1.0 / k + (c == j ? 1 : 0);
                w[c * k + j] = c < k - 1 ? (c == j ? k - 1 : -1) : 0;
            }
        }
        double[] s = new double[t];
        for (int m = 0; m < t; m++) {
            double[] v = xbar[m];
            double diag = 0.0;
            for (int c = 0; c < k - 1; c++) {
                diag += v[c * k + c];
            }
            double last = 0.0;
            for (int j = 0; j < k - 1; j++) {
                last += v[(k - 1) * k + j];
            }
            double s1 = diag - last;
            double off = 0.0;
            for (int i = 0; i < kk; i++) {
                if (i / k != i % k) {
                    off += v[i];
                }
            }
            double s2 = -off;
            s[m] = (s1 + s2) / 2;
        }
        double c1 = s[0];
        double[] phi1 = new double[t];
        double[] f = new double[t];
        double dNorm2 = k - 1; // ||d||^2; the official "/ 2" at K = 3
        for (int m = 0; m < t; m++) {
            phi1[m] = Math.log(Math.abs(s[m] / c1)) * k;
            double sc = s[m] / dNorm2;
            double[] v = xbar[m];
            double dot = 0.0;
            for (int i = 0; i < kk; i++) {
                dot += (v[i] - sc * ds[i]) * w[i];
            }
            f[m] = dot / k;
        }
        double f0 = f[0];
        double[] a = new double[t];
        double[] b = new double[t];
        for (int m = 0; m < t; m++) {
            double phi2 = Math.log(Math.abs(f[m] / f0)) * k;
            a[m] = (phi1[m] + (k - 1) * phi2) / k;
            b[m] = (phi2 - phi1[m]) * (k - 1) / k;
        }
        return new Estimate(a, b, phi1, c1);
    }

    private static double classAverage(double[] v, int k, int j) {
        double sum = 0.0;
        for (int c = 0; c < k; c++) {
            sum += v[c * k + j];
        }
        return sum / k;
    }

    /** x^n as numpy computes {@code x ** n} for a Python int n (square fast path for n = 2). */
    private static double power(double x, int n) {
        switch (n) {
            case 0:
                return 1.0;
            case 1:
                return x;
            case 2:
                return x * x;
            default:
                return Math.pow(x, n);
        }
    }

    private static void check(double[][] xbar, int k) {
        if (k < 2) {
            throw new BadInputException("classes must be >= 2, got " + k);
        }
        if (xbar.length == 0) {
            throw new BadInputException("class means: need at least one iteration");
        }
        for (int m = 0; m < xbar.length; m++) {
            if (xbar[m].length != k * k) {
                throw new BadInputException("class means[" + m + "] must have K*K = " + (k * k) + " entries, got " + xbar[m].length);
            }
        }
    }
}
