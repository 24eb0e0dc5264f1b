package org.lesde.analytic;

import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;

/**
 * Closed-form solutions of the LE-ODE dX̄/dt = (1/K)·A(t)·X̄ (docs/theory.md#4-closed-forms), evaluated with the
 * structure of the transform instead of the exponential of the dense Kp×Kp matrix. Notation:
 * u_k = c·(e_k − 1/K·1) on the first K coordinates (c = sqrt(K/(K−1))), so u_k·u_k = 1,
 * u_k·u_l = −1/(K−1) (k ≠ l) and Σ_k u_k = 0; G is the Gram matrix (u_k·u_l); ∘ is the entrywise
 * product; ∫α = A(t), ∫β = B(t); J = 11ᵀ; for a K-vector v, v̄ is its mean and v − v̄·1 its
 * sum-zero part.
 *
 * <h2>Clock (constant and proportional impacts)</h2>
 * When E(t) = φ(t)·E₀ (constant E: φ = 1; two-level with β = ρ·α exactly, e.g. both power laws
 * with the same exponent), then A(t) = φ(t)·A₀ and X̄(t) = exp((Φ(t)/K)·A₀)·X̄(0) with
 * Φ = ∫φ: every constant-coefficient formula below holds with t replaced by the clock τ = Φ(t).
 *
 * <h2>identity (H = I)</h2>
 * A(t) = E(t) ⊗ I_p and two-level E(t) = (α−β)·I + β·J all commute, so for any schedules
 * X̄(t) = (exp((1/K)∫E) ⊗ I)·X̄(0): the class average is multiplied by e^{(A+(K−1)B)/K} and the
 * deviations from it by e^{(A−B)/K}. A general constant E gives exp((t/K)·E) applied to every
 * feature coordinate (K×K exponential).
 *
 * <h2>residual-outer (H_kl = u_k u_lᵀ)</h2>
 * (A v)_k = u_k·Σ_l E_kl s_l with s_l = u_l·v_l. Hence s' = (1/K)·E(t)·s (because u_k·u_k = 1)
 * and X̄_k − u_k s_k is constant: X̄_k(t) = X̄_k(0) + u_k·(s_k(t) − s_k(0)),
 * s(t) = exp((1/K)∫E)·s(0). Two-level E(t) commute, so this is exact for any schedules too:
 * s̄ grows as e^{(A+(K−1)B)/K} (the d direction), s − s̄·1 as e^{(A−B)/K}.
 *
 * <h2>residual-source (H_kl = u_l u_lᵀ, the official code)</h2>
 * (A v)_k = Σ_l E_kl s_l u_l. The projections obey the closed system s' = (1/K)(E∘G)·s, and
 * X̄_k(t) = X̄_k(0) + (1/K)·Σ_l E₀_kl·u_l·S_l(τ) with S(τ) = ∫₀^τ s = τ·φ₁(τM₀)·s(0),
 * M₀ = (E₀∘G)/K, φ₁(z) = (e^z − 1)/z. For two-level E₀ = (a, b), M₀ has eigenvalue
 * μ_d = (a−b)/K on 1 (the d direction) and μ_f = (a + b/(K−1))/K on the sum-zero vectors (the f
 * space). With non-proportional time-varying α, β the s-modes are still explicit but X̄ needs
 * the cross integrals ∫α·e^{Λ_f} etc.: <b>no closed form</b> (a tight DP853 reference is used).
 *
 * <h2>residual-target (H_kl = u_k u_kᵀ)</h2>
 * (A v)_k = u_k·Σ_l E_kl (u_k·v_l): class k only moves along u_k. Write X̄_k = Y_k + c_k·u_k with
 * c_k = u_k·X̄_k; Y_k ⊥ u_k is constant in time (this is the invariant "null-space part"), and
 * c' = (1/K)[(E∘G)·c + q], q_k = Σ_l E_kl w_kl, w_kl = u_k·Y_l (w_kk = 0). For two-level E:
 * q = β(t)·ω with ω_k = Σ_l w_kl, and Σ_k ω_k = 0 (Σ u_k = 0), so
 * c̄(t) = c̄(0)·e^{(A−B)/K} (the d direction), and the sum-zero part (the f space)
 * c_f(t) = e^{Λ_f(t)}·[c_f(0) + ω·∫₀ᵗ e^{−Λ_f(s)} β(s)/K ds], Λ_f = (A + B/(K−1))/K.
 * The forcing integral is closed-form for proportional schedules ((b/K)·Φ·φ₁(μ_f Φ) after
 * multiplying by e^{Λ_f}) and otherwise a 1-D adaptive Gauss–Kronrod quadrature (relative
 * 1e-14, split at the schedule knots). Note: docs/theory.md#4-closed-forms's formula
 * C₀ + C₁ e^{(A−B)/K} d + e^{Λ_f} Σ C₂ⱼ f_j is the case ω = 0 (or constant α, β with C₀ the
 * oblique null-space component); when X̄(0) has off-diagonal overlaps u_k·Y_l ≠ 0 and the
 * schedules are not proportional, the ω term is needed (derived here, checked against DP853).
 * A general constant E: c(τ) = e^{τM₀}c(0) + τφ₁(τM₀)·q/K.
 *
 * <h2>matrix transforms</h2>
 * Dense exp((τ/K)·A₀) (eigen-decomposition, Padé fallback) for Kp ≤ {@link #DENSE_LIMIT}; with
 * non-proportional two-level schedules only when A_α (diagonal blocks) and A_β (off-diagonal
 * blocks) commute (always true for one shared H): exp((A(t)·A_α + B(t)·A_β)/K).
 */
public final class ClosedForm {
    /** Largest K·p for which a dense matrix exponential is formed. */
    public static final int DENSE_LIMIT = 1200;

    private final LeOperator op;
    private final Kind kind;
    private final String description;
    private final Clock clock;

    /** Which formula applies. */
    public enum Kind {
        IDENTITY, RESIDUAL_OUTER, RESIDUAL_SOURCE, RESIDUAL_TARGET, DENSE, NONE
    }

    private ClosedForm(LeOperator op, Kind kind, String description, Clock clock) {
        this.op = op;
        this.kind = kind;
        this.description = description;
        this.clock = clock;
    }

    /**
     * E(t) = φ(t)·E₀: the constant generator E₀ (row-major K×K) and the clock Φ(t) = ∫φ, or
     * null when the impact is not of this form.
     */
    record Clock(double[] e0, Schedule phi, boolean twoLevel, double a, double b) {
        double at(double t) {
            return phi == null ? t : phi.integral(t);
        }

        static Clock of(Impact impact, int k) {
            if (impact instanceof Impact.Matrix m) {
                double[] e = new double[k * k];
                m.fill(0, k, e);
                return new Clock(e, null, false, Double.NaN, Double.NaN);
            }
            Impact.TwoLevel tl = (Impact.TwoLevel) impact;
            Schedule base;
            double a;
            double b;
            if (Schedules.isZero(tl.alpha())) {
                base = tl.beta();
                a = 0;
                b = 1;
            } else {
                base = tl.alpha();
                a = 1;
                b = Schedules.ratio(tl.alpha(), tl.beta());
            }
            if (Double.isNaN(b)) {
                return null;
            }
            double[] e = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    e[i * k + j] = i == j ? a : b;
                }
            }
            return new Clock(e, base, true, a, b);
        }
    }

    /** The closed form for the operator (kind NONE, with the reason, when none applies). */
    public static ClosedForm of(LeOperator op) {
        int k = op.classes();
        int p = op.dim();
        Impact impact = op.impact();
        Transform tr = op.transform();
        Clock clock = Clock.of(impact, k);
        boolean twoLevel = impact instanceof Impact.TwoLevel;
        String clockNote = clock == null ? "" : clock.phi == null ? "" : impact.isConstant() ? ""
                : " (proportional schedules: clock τ = ∫φ)";
        if (tr.kind().isResidual() && p < k) {
            return none(op, "residual transforms need dim >= classes, got dim " + p + " < " + k);
        }
        return switch (tr.kind()) {
            case IDENTITY -> new ClosedForm(op, Kind.IDENTITY, twoLevel
                        ? "identity: class average × e^{(∫α+(K−1)∫β)/K}, deviations × e^{(∫α−∫β)/K}"
                        : "identity: exp((t/K)·E) on every feature coordinate", clock);
            case RESIDUAL_OUTER -> new ClosedForm(op, Kind.RESIDUAL_OUTER,
                        "residual-outer: X_k(t) = X_k(0) + u_k·(s_k(t) − s_k(0)), s(t) = exp((1/K)∫E)·s(0)", clock);
            case RESIDUAL_SOURCE -> {
                if (clock == null) {
                    yield none(op, "residual-source with non-proportional time-varying alpha, beta: the modes need"
                            + " cross integrals of alpha, beta and e^{Λ}; no closed form");
                }
                yield new ClosedForm(op, Kind.RESIDUAL_SOURCE,
                        "residual-source: X_k = X_k(0) + (1/K)Σ_l E_kl u_l ∫s_l, s modes e^{μ_d τ} (d), e^{μ_f τ} (f)"
                                + clockNote, clock);
            }
            case RESIDUAL_TARGET -> {
                if (!twoLevel) {
                    yield new ClosedForm(op, Kind.RESIDUAL_TARGET,
                            "residual-target: X_k = Y_k + c_k u_k, c(t) = e^{tM}c(0) + tφ₁(tM)q/K (general constant E)", clock);
                }
                yield new ClosedForm(op, Kind.RESIDUAL_TARGET,
                        "residual-target: X_k = Y_k + c_k u_k, c̄·e^{(∫α−∫β)/K} (d), e^{Λ_f}(c_f + ω∫e^{−Λ_f}β/K) (f)"
                                + (clock == null ? " [forcing by quadrature]" : ""), clock);
            }
            case MATRIX -> {
                if ((long) k * p > DENSE_LIMIT) {
                    yield none(op, "matrix transform with K·p = " + (long) k * p + " > " + DENSE_LIMIT
                            + ": no structured closed form, dense exponential too large");
                }
                if (clock != null) {
                    yield new ClosedForm(op, Kind.DENSE, "matrix: dense exp((τ/K)·A₀)" + clockNote, clock);
                }
                if (commutingTwoLevel(op)) {
                    yield new ClosedForm(op, Kind.DENSE,
                            "matrix: dense exp((∫α·A_α + ∫β·A_β)/K) (diagonal and off-diagonal blocks commute)", null);
                }
                yield none(op, "matrix transform with non-proportional time-varying alpha, beta and non-commuting"
                        + " blocks: A(t) at different times do not commute; no closed form");
            }
        };
    }

    private static ClosedForm none(LeOperator op, String reason) {
        return new ClosedForm(op, Kind.NONE, reason, null);
    }

    public boolean applies() {
        return kind != Kind.NONE;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * True if X̄(t) at each time is computed from t alone by formulas (no quadrature accumulated
     * over the requested times): then the values at a time do not depend on which other times are
     * asked for, and a table may be filled in any order or in parallel.
     */
    public boolean pointwise() {
        return applies() && !(kind == Kind.RESIDUAL_TARGET && clock == null && op.impact() instanceof Impact.TwoLevel);
    }

    /** Which formula applies, or why none does. */
    public String description() {
        return description;
    }

    /** X̄ at the given times (any order, ≥ 0) from x0 at t = 0. */
    public double[][] solve(double[] x0, double[] times) {
        if (!applies()) {
            throw new IllegalStateException("no closed form: " + description);
        }
        Evaluator ev = switch (kind) {
            case IDENTITY -> identity(x0);
            case RESIDUAL_OUTER -> outer(x0);
            case RESIDUAL_SOURCE -> source(x0);
            case RESIDUAL_TARGET -> target(x0, times);
            case DENSE -> dense(x0);
            case NONE -> throw new IllegalStateException("no closed form: " + description);
        };
        double[][] out = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            out[i] = ev.at(i, times[i]);
        }
        return out;
    }

    /** X̄(t) for one time. */
    public double[] at(double[] x0, double t) {
        return solve(x0, new double[] {t})[0];
    }

    private interface Evaluator {
        double[] at(int index, double t);
    }

    // ---------------------------------------------------------------- helpers

    private double c() {
        int k = op.classes();
        return Math.sqrt(k / (k - 1.0));
    }

    /** u_k·v_l = c·(v_l[k] − mean_{j<K} v_l[j]). */
    private double proj(double[] v, int k, int l) {
        int kk = op.classes();
        int o = l * op.dim();
        double m = 0;
        for (int j = 0; j < kk; j++) {
            m += v[o + j];
        }
        return c() * (v[o + k] - m / kk);
    }

    /** out_l += w·u_k (class l's block). */
    private void addU(double[] out, int l, int k, double w) {
        int kk = op.classes();
        int o = l * op.dim();
        double cw = c() * w;
        for (int j = 0; j < kk; j++) {
            out[o + j] += cw * ((j == k ? 1 : 0) - 1.0 / kk);
        }
    }

    private Impact.TwoLevel twoLevel() {
        return (Impact.TwoLevel) op.impact();
    }

    /** exp((1/K)∫E)·v for a K-vector v: two-level by mean / sum-zero split, else the clock's K×K exponential. */
    private double[] expIntegratedE(double t, double[] v, MatrixExp.Generator gen) {
        int k = op.classes();
        if (op.impact() instanceof Impact.TwoLevel tl) {
            double a = tl.alpha().integral(t);
            double b = tl.beta().integral(t);
            double gAvg = Math.exp((a + (k - 1) * b) / k);
            double gDev = Math.exp((a - b) / k);
            double mean = 0;
            for (double x : v) {
                mean += x;
            }
            mean /= k;
            double[] out = new double[k];
            for (int i = 0; i < k; i++) {
                out[i] = mean * gAvg + (v[i] - mean) * gDev;
            }
            return out;
        }
        return MatrixExp.apply(gen.at(clock.at(t)), v);
    }

    private MatrixExp.Generator eOverK() {
        int k = op.classes();
        if (op.impact() instanceof Impact.TwoLevel) {
            return null;
        }
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = clock.e0()[i * k + j] / k;
            }
        }
        return MatrixExp.of(m);
    }

    /** M₀ = (E₀∘G)/K. */
    private double[][] m0() {
        int k = op.classes();
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double g = i == j ? 1 : -1.0 / (k - 1);
                m[i][j] = clock.e0()[i * k + j] * g / k;
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- identity

    private Evaluator identity(double[] x0) {
        final int k = op.classes();
        final int p = op.dim();
        final MatrixExp.Generator gen = eOverK();
        return (i, t) -> {
            double[] out = new double[k * p];
            double[] col = new double[k];
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < k; l++) {
                    col[l] = x0[l * p + j];
                }
                double[] r = expIntegratedE(t, col, gen);
                for (int l = 0; l < k; l++) {
                    out[l * p + j] = r[l];
                }
            }
            return out;
        };
    }

    // ---------------------------------------------------------------- residual-outer

    private Evaluator outer(double[] x0) {
        final int k = op.classes();
        final MatrixExp.Generator gen = eOverK();
        final double[] s0 = new double[k];
        for (int l = 0; l < k; l++) {
            s0[l] = proj(x0, l, l);
        }
        return (i, t) -> {
            double[] s = expIntegratedE(t, s0, gen);
            double[] out = x0.clone();
            for (int l = 0; l < k; l++) {
                addU(out, l, l, s[l] - s0[l]);
            }
            return out;
        };
    }

    // ---------------------------------------------------------------- residual-source

    private Evaluator source(double[] x0) {
        final int k = op.classes();
        final double[] s0 = new double[k];
        for (int l = 0; l < k; l++) {
            s0[l] = proj(x0, l, l);
        }
        final double[] e0 = clock.e0();
        final MatrixExp.Generator gen = clock.twoLevel() ? null : MatrixExp.of(m0());
        return (i, t) -> {
            double tau = clock.at(t);
            double[] bigS;
            if (clock.twoLevel()) {
                double a = clock.a();
                double b = clock.b();
                double muD = (a - b) / k;
                double muF = (a + b / (k - 1)) / k;
                double mean = 0;
                for (double x : s0) {
                    mean += x;
                }
                mean /= k;
                bigS = new double[k];
                double id = tau * MatrixExp.phi1(tau * muD);
                double iF = tau * MatrixExp.phi1(tau * muF);
                for (int l = 0; l < k; l++) {
                    bigS[l] = mean * id + (s0[l] - mean) * iF;
                }
            } else {
                bigS = MatrixExp.apply(gen.withIntegral(tau)[1], s0);
            }
            // X_kk = X_kk(0) + Σ_l w_l u_l with w_l = E_kk,l·S_l/K and u_l = c·(e_l − 1/K): the
            // first K coordinates of block kk gain c·(w_j − Σ_l w_l / K), O(K) per class
            double[] out = x0.clone();
            double[] w = new double[k];
            double c = c();
            int p = op.dim();
            for (int kk = 0; kk < k; kk++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    w[l] = e0[kk * k + l] * bigS[l] / k;
                    sum += w[l];
                }
                double m = sum / k;
                int o = kk * p;
                for (int j = 0; j < k; j++) {
                    out[o + j] += c * (w[j] - m);
                }
            }
            return out;
        };
    }

    // ---------------------------------------------------------------- residual-target

    private Evaluator target(double[] x0, double[] times) {
        final int k = op.classes();
        final double[] c0 = new double[k];
        for (int l = 0; l < k; l++) {
            c0[l] = proj(x0, l, l);
        }
        // Y_l = X_l − c_l u_l (constant); w_kl = u_k·Y_l
        final double[] y = x0.clone();
        for (int l = 0; l < k; l++) {
            addU(y, l, l, -c0[l]);
        }
        final double[][] w = new double[k][k];
        for (int kk = 0; kk < k; kk++) {
            for (int l = 0; l < k; l++) {
                w[kk][l] = kk == l ? 0 : proj(y, kk, l);
            }
        }
        if (!(op.impact() instanceof Impact.TwoLevel tl)) {
            final double[] e0 = clock.e0();
            final double[] q = new double[k];
            for (int kk = 0; kk < k; kk++) {
                for (int l = 0; l < k; l++) {
                    q[kk] += e0[kk * k + l] * w[kk][l] / k;
                }
            }
            final MatrixExp.Generator gen = MatrixExp.of(m0());
            return (i, t) -> {
                double[][][] ei = gen.withIntegral(t);
                double[] c = MatrixExp.apply(ei[0], c0);
                double[] f = MatrixExp.apply(ei[1], q);
                return assembleTarget(y, c, f);
            };
        }
        final double[] omega = new double[k];
        for (int kk = 0; kk < k; kk++) {
            for (int l = 0; l < k; l++) {
                omega[kk] += w[kk][l];
            }
        }
        double mean = 0;
        for (double x : c0) {
            mean += x;
        }
        final double cbar = mean / k;
        // forcing factor G(t) = ∫₀ᵗ e^{Λ_f(t) − Λ_f(s)} β(s)/K ds
        final double[] forcing = forcing(tl, times);
        return (i, t) -> {
            double a = tl.alpha().integral(t);
            double b = tl.beta().integral(t);
            double gD = Math.exp((a - b) / k);
            double gF = Math.exp((a + b / (k - 1)) / k);
            double[] c = new double[k];
            double[] f = new double[k];
            for (int l = 0; l < k; l++) {
                c[l] = cbar * gD + (c0[l] - cbar) * gF;
                f[l] = omega[l] * forcing[i];
            }
            return assembleTarget(y, c, f);
        };
    }

    private double[] assembleTarget(double[] y, double[] c, double[] f) {
        int k = op.classes();
        double[] out = y.clone();
        for (int l = 0; l < k; l++) {
            addU(out, l, l, c[l] + f[l]);
        }
        return out;
    }

    /** G(t_i) = ∫₀^{t_i} e^{Λ_f(t_i) − Λ_f(s)}·β(s)/K ds for each requested time. */
    private double[] forcing(Impact.TwoLevel tl, double[] times) {
        final int k = op.classes();
        double[] g = new double[times.length];
        if (clock != null) {
            double a = clock.a();
            double b = clock.b();
            double muF = (a + b / (k - 1)) / k;
            for (int i = 0; i < times.length; i++) {
                double tau = clock.at(times[i]);
                g[i] = b / k * tau * MatrixExp.phi1(muF * tau);
            }
            return g;
        }
        final Schedule alpha = tl.alpha();
        final Schedule beta = tl.beta();
        java.util.function.DoubleUnaryOperator lambdaF = s -> (alpha.integral(s) + beta.integral(s) / (k - 1)) / k;
        double[] bp = Schedules.breakpoints(alpha, beta);
        Integer[] order = new Integer[times.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, z) -> Double.compare(times[x], times[z]));
        // J(t) = ∫₀ᵗ e^{−Λ_f(s)} β(s)/K ds accumulated over sorted times; G = e^{Λ_f(t)}·J(t)
        double acc = 0;
        double prev = 0;
        for (int idx : order) {
            double t = times[idx];
            acc += Quadrature.integrate(s -> Math.exp(-lambdaF.applyAsDouble(s)) * beta.value(s) / k, prev, t, bp,
                    1e-14, 1e-300);
            prev = t;
            g[idx] = Math.exp(lambdaF.applyAsDouble(t)) * acc;
        }
        return g;
    }

    // ---------------------------------------------------------------- dense

    private Evaluator dense(double[] x0) {
        final int k = op.classes();
        final int p = op.dim();
        if (clock != null) {
            LeOperator a0 = new LeOperator(k, p, e0Impact(), op.transform());
            double[][] m = a0.dense(0);
            scale(m, 1.0 / k);
            final MatrixExp.Generator gen = MatrixExp.of(m);
            return (i, t) -> MatrixExp.apply(gen.at(clock.at(t)), x0);
        }
        Impact.TwoLevel tl = twoLevel();
        final double[][] aa = blocks(op, true);
        final double[][] ab = blocks(op, false);
        return (i, t) -> {
            double a = tl.alpha().integral(t) / k;
            double b = tl.beta().integral(t) / k;
            int n = aa.length;
            double[][] m = new double[n][n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    m[r][c] = a * aa[r][c] + b * ab[r][c];
                }
            }
            return MatrixExp.apply(MatrixExp.exp(m), x0);
        };
    }

    private Impact e0Impact() {
        int k = op.classes();
        double[][] e = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                e[i][j] = clock.e0()[i * k + j];
            }
        }
        return new Impact.Matrix(e);
    }

    private static void scale(double[][] m, double s) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= s;
            }
        }
    }

    /** The dense A with E = I (diagonal blocks, {@code diagonal}) or E = J − I (off-diagonal blocks). */
    static double[][] blocks(LeOperator op, boolean diagonal) {
        Impact e = new Impact.TwoLevel(new Schedule.Constant(diagonal ? 1 : 0), new Schedule.Constant(diagonal ? 0 : 1));
        return new LeOperator(op.classes(), op.dim(), e, op.transform()).dense(0);
    }

    /** True when the two-level parts A_α and A_β of a matrix-transform operator commute (to rounding). */
    static boolean commutingTwoLevel(LeOperator op) {
        if (!(op.impact() instanceof Impact.TwoLevel)) {
            return false;
        }
        if (op.transform().kind() == TransformKind.MATRIX && op.transform().isShared()) {
            return true; // (E₁⊗H)(E₂⊗H) = E₁E₂⊗H², and two-level E commute
        }
        double[][] a = blocks(op, true);
        double[][] b = blocks(op, false);
        int n = a.length;
        double comm = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double ab = 0;
                double ba = 0;
                for (int l = 0; l < n; l++) {
                    ab += a[i][l] * b[l][j];
                    ba += b[i][l] * a[l][j];
                }
                comm += (ab - ba) * (ab - ba);
                na += a[i][j] * a[i][j];
                nb += b[i][j] * b[i][j];
            }
        }
        return Math.sqrt(comm) <= 1e-13 * Math.sqrt(na * nb);
    }
}
