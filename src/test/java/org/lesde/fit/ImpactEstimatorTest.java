package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The I- and L-model estimators invert closed-form LE-ODE solutions exactly (to rounding), with
 * time-varying α, β; each closed form is itself checked against a tight numerical integration
 * (Dormand–Prince 8(5,3)) of the LE-ODE dX̄/dt = (1/K)·A(t)·X̄.
 */
class ImpactEstimatorTest {
    private static final int T = 400;

    /** Integrated impacts and their rates: A(t) = ∫α, B(t) = ∫β. */
    record Schedule(DoubleUnaryOperator a, DoubleUnaryOperator b, DoubleUnaryOperator alpha, DoubleUnaryOperator beta) {
    }

    /** A smooth, non-proportional α(t), β(t) pair (β changes sign, α − β does not stay constant). */
    private static Schedule generic() {
        return new Schedule(
                t -> 2.0 * Math.pow(t, 0.8) + 0.5 * Math.sin(t / 30.0),
                t -> -0.4 * Math.sqrt(t) + 0.2 * (1 - Math.cos(t / 40.0)),
                t -> t == 0 ? 0 : 1.6 * Math.pow(t, -0.2) + 0.5 * Math.cos(t / 30.0) / 30.0,
                t -> (t == 0 ? 0 : -0.2 / Math.sqrt(t)) + 0.2 * Math.sin(t / 40.0) / 40.0);
    }

    // ------------------------------------------------------------------ I-model

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {2, 3, 5})
    void iModelRecoversIntegratedImpacts(int k) {
        Schedule s = generic();
        Random rnd = new Random(11 + k);
        double[] x0 = new double[k * k];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = 0.5 + rnd.nextDouble(); // class average away from 0
        }
        double[] c0 = new double[k];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < k; c++) {
                c0[j] += x0[c * k + j] / k;
            }
        }
        double[][] x = new double[T][k * k];
        for (int t = 0; t < T; t++) {
            double a = s.a().applyAsDouble(t);
            double b = s.b().applyAsDouble(t);
            double avg = Math.exp((a + (k - 1) * b) / k);
            double dev = Math.exp((a - b) / k);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    x[t][c * k + j] = c0[j] * avg + (x0[c * k + j] - c0[j]) * dev;
                }
            }
        }
        checkAgainstOde(x, k, s, identity(k));
        ImpactEstimator.Estimate e = ImpactEstimator.estimateI(x, k);
        assertRecovers(e, s, 1e-12);
    }

    // ------------------------------------------------------------------ L-model

    /**
     * Residual-source LE-ODE (the official replay's transform), zero-sum class means with a
     * conserved null-space part. Schedule chosen so that the f-mode integral ∫β·e^{Λ2} has a
     * closed form: Λ2 = (A + B/(K−1))/K = γ·ln(1+t), β = b·(1+t)^ρ.
     */
    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {2, 3, 5})
    void lModelRecoversIntegratedImpactsOnResidualSourceSolution(int k) {
        double gamma = 0.6;
        double bb = -0.05; // keeps the d- and f-modes within a factor ~20 (no cancellation)
        double rho = -0.4;
        DoubleUnaryOperator bInt = t -> bb * (Math.pow(1 + t, rho + 1) - 1) / (rho + 1);
        DoubleUnaryOperator lam2 = t -> gamma * Math.log1p(t);
        Schedule s = new Schedule(
                t -> k * lam2.applyAsDouble(t) - bInt.applyAsDouble(t) / (k - 1),
                bInt,
                t -> k * gamma / (1 + t) - bb * Math.pow(1 + t, rho) / (k - 1),
                t -> bb * Math.pow(1 + t, rho));
        DoubleUnaryOperator iInt = t -> bb * (Math.pow(1 + t, gamma + rho + 1) - 1) / (gamma + rho + 1);

        Random rnd = new Random(100 + k);
        double[][] u = unitResiduals(k);
        double[] sInit = new double[k];
        double mean = 0;
        for (int c = 0; c < k; c++) {
            sInit[c] = 0.3 + rnd.nextDouble();
            mean += sInit[c] / k;
        }
        double[] g = new double[k];
        for (int c = 0; c < k; c++) {
            g[c] = sInit[c] - mean;
        }
        double[] w0 = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                w0[j] += g[c] * u[c][j];
            }
        }
        // conserved null-space part: zero-sum and orthogonal to the class's own residual
        double[][] z = new double[k][];
        for (int c = 0; c < k; c++) {
            z[c] = zeroSumOrthogonalTo(u[c], rnd);
        }
        double[][] x = new double[T][k * k];
        for (int t = 0; t < T; t++) {
            double l1 = (s.a().applyAsDouble(t) - s.b().applyAsDouble(t)) / k;
            double e2 = Math.exp(lam2.applyAsDouble(t));
            double it = iInt.applyAsDouble(t);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    x[t][c * k + j] = z[c][j] + mean * Math.exp(l1) * u[c][j]
                            + g[c] * (e2 - it / (k - 1)) * u[c][j] + it / k * w0[j];
                }
            }
        }
        checkAgainstOde(x, k, s, residualSource(k));
        ImpactEstimator.Estimate e = ImpactEstimator.estimateL(x, k);
        assertRecovers(e, s, 1e-12);
    }

    /** Residual-target LE-ODE: the modal solution holds for arbitrary α(t), β(t) (docs/theory.md#4-closed-forms). */
    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {3, 4, 5})
    void lModelRecoversIntegratedImpactsOnResidualTargetSolution(int k) {
        Schedule s = generic();
        Random rnd = new Random(200 + k);
        double[][] u = unitResiduals(k);
        double[] y0 = new double[k];
        double mean = 0;
        for (int c = 0; c < k; c++) {
            y0[c] = 0.2 + rnd.nextDouble();
            mean += y0[c] / k;
        }
        double[][] x = new double[T][k * k];
        for (int t = 0; t < T; t++) {
            double a = s.a().applyAsDouble(t);
            double b = s.b().applyAsDouble(t);
            double e1 = Math.exp((a - b) / k);
            double e2 = Math.exp((a + b / (k - 1)) / k);
            for (int c = 0; c < k; c++) {
                double yc = mean * e1 + (y0[c] - mean) * e2;
                for (int j = 0; j < k; j++) {
                    x[t][c * k + j] = yc * u[c][j];
                }
            }
        }
        checkAgainstOde(x, k, s, residualTarget(k));
        ImpactEstimator.Estimate e = ImpactEstimator.estimateL(x, k);
        assertRecovers(e, s, 1e-12);
    }

    /** At K = 3 the generalised estimator is literally the official formula (data README §3), on any data. */
    @Test
    void lModelIsTheOfficialFormulaAtK3() {
        Random rnd = new Random(3);
        double[][] x = new double[50][9];
        for (double[] v : x) {
            for (int i = 0; i < 9; i++) {
                v[i] = rnd.nextGaussian();
            }
        }
        ImpactEstimator.Estimate e = ImpactEstimator.estimateL(x, 3);
        double[] d = {2 / 3.0, -1 / 3.0, -1 / 3.0, -1 / 3.0, 2 / 3.0, -1 / 3.0, -1 / 3.0, -1 / 3.0, 2 / 3.0};
        double[] w = {2, -1, -1, -1, 2, -1, 0, 0, 0};
        double s0 = 0;
        double f0 = 0;
        for (int t = 0; t < x.length; t++) {
            double[] v = x[t];
            double s1 = v[0] + v[4] - v[6] - v[7];
            double s2 = -(v[1] + v[2] + v[3] + v[5] + v[6] + v[7]);
            double sv = (s1 + s2) / 2;
            double f = 0;
            for (int i = 0; i < 9; i++) {
                f += (v[i] - sv / 2 * d[i]) * w[i];
            }
            f /= 3;
            if (t == 0) {
                s0 = sv;
                f0 = f;
                assertEquals(sv, e.c1(), 0.0);
            }
            double phi1 = 3 * Math.log(Math.abs(sv / s0));
            double phi2 = 3 * Math.log(Math.abs(f / f0));
            assertEquals((phi1 + 2 * phi2) / 3, e.a()[t], 1e-13, "A at " + t);
            assertEquals(2 * (phi2 - phi1) / 3, e.b()[t], 1e-13, "B at " + t);
            assertEquals(phi1, e.phi1()[t], 1e-13);
        }
    }

    /**
     * The documented departure of the official S from the projection ⟨d, v⟩ on class means that do
     * not sum to zero: S − ⟨d, v⟩ = (1/(2K))[(2−K)·Σ_{c<K−1}σ_c − 2(K−1)σ_{K−1}], σ_c = Σ_j X̄^c_j.
     */
    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {2, 3, 4, 6})
    void officialSIsProjectionPlusClassSumOffset(int k) {
        Random rnd = new Random(k);
        double[][] x = new double[2][k * k];
        for (double[] v : x) {
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian();
            }
        }
        // S(t)/S(0) gives phi1; recover S(t) = c1 * exp(phi1/K) * sign; check the offset at t = 0 via c1
        ImpactEstimator.Estimate e = ImpactEstimator.estimateL(x, k);
        double[] v = x[0];
        double proj = 0;
        double[] sigma = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                proj += ((c == j ? 1.0 : 0.0) - 1.0 / k) * v[c * k + j];
                sigma[c] += v[c * k + j];
            }
        }
        double first = 0;
        for (int c = 0; c < k - 1; c++) {
            first += sigma[c];
        }
        double offset = ((2 - k) * first - 2 * (k - 1) * sigma[k - 1]) / (2.0 * k);
        assertEquals(proj + offset, e.c1(), 1e-13);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRecovers(ImpactEstimator.Estimate e, Schedule s, double tol) {
        double errA = 0;
        double errB = 0;
        for (int t = 0; t < T; t++) {
            errA = Math.max(errA, Math.abs(e.a()[t] - s.a().applyAsDouble(t)));
            errB = Math.max(errB, Math.abs(e.b()[t] - s.b().applyAsDouble(t)));
        }
        System.out.printf("estimator recovery: max abs err A %.3e, B %.3e%n", errA, errB);
        assertTrue(errA <= tol && errB <= tol, "max |Â − ∫α| = " + errA + ", max |B̂ − ∫β| = " + errB);
    }

    private static double[][] unitResiduals(int k) {
        double[][] u = new double[k][k];
        double norm = Math.sqrt((k - 1.0) / k);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                u[c][j] = ((c == j ? 1.0 : 0.0) - 1.0 / k) / norm;
            }
        }
        return u;
    }

    /** A random vector orthogonal to 1 and to u (zero for K = 2, where no such vector exists). */
    private static double[] zeroSumOrthogonalTo(double[] u, Random rnd) {
        int k = u.length;
        double[] z = new double[k];
        if (k < 3) {
            return z;
        }
        for (int j = 0; j < k; j++) {
            z[j] = rnd.nextGaussian();
        }
        double mean = 0;
        for (double v : z) {
            mean += v / k;
        }
        double dot = 0;
        for (int j = 0; j < k; j++) {
            z[j] -= mean;
            dot += z[j] * u[j];
        }
        for (int j = 0; j < k; j++) {
            z[j] -= dot * u[j];
        }
        return z;
    }

    /** Right-hand side (1/K)·A(t)·X given α, β at time t. */
    interface Rhs {
        void apply(double alpha, double beta, double[] x, double[] dx);
    }

    private static Rhs identity(int k) {
        return (a, b, x, dx) -> {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    double others = 0;
                    for (int cc = 0; cc < k; cc++) {
                        if (cc != c) {
                            others += x[cc * k + j];
                        }
                    }
                    dx[c * k + j] = (a * x[c * k + j] + b * others) / k;
                }
            }
        };
    }

    /** Class c moves along the source class's residual: (1/K)[α P_c X^c + β Σ_{c'≠c} P_{c'} X^{c'}]. */
    private static Rhs residualSource(int k) {
        double[][] u = unitResiduals(k);
        return (a, b, x, dx) -> {
            double[][] px = new double[k][k];
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += u[c][j] * x[c * k + j];
                }
                for (int j = 0; j < k; j++) {
                    px[c][j] = s * u[c][j];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    double others = 0;
                    for (int cc = 0; cc < k; cc++) {
                        if (cc != c) {
                            others += px[cc][j];
                        }
                    }
                    dx[c * k + j] = (a * px[c][j] + b * others) / k;
                }
            }
        };
    }

    /** Class c always moves along its own residual: (1/K) P_c [α X^c + β Σ_{c'≠c} X^{c'}]. */
    private static Rhs residualTarget(int k) {
        double[][] u = unitResiduals(k);
        return (a, b, x, dx) -> {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    double others = 0;
                    for (int cc = 0; cc < k; cc++) {
                        if (cc != c) {
                            others += x[cc * k + j];
                        }
                    }
                    s += u[c][j] * (a * x[c * k + j] + b * others);
                }
                for (int j = 0; j < k; j++) {
                    dx[c * k + j] = s * u[c][j] / k;
                }
            }
        };
    }

    /** The constructed closed form really solves the LE-ODE: integrate numerically and compare. */
    private static void checkAgainstOde(double[][] x, int k, Schedule s, Rhs rhs) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return k * k;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[k * k];
                rhs.apply(s.alpha().applyAsDouble(t), s.beta().applyAsDouble(t), y, dy);
                return dy;
            }
        };
        // start at t = 1 (some rates are singular at t = 0)
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-8, 10.0, 1e-13, 1e-12);
        ODEStateAndDerivative end = dp.integrate(ode, new ODEState(1.0, x[1].clone()), T - 1.0);
        double[] got = end.getPrimaryState();
        double scale = 0;
        double err = 0;
        for (int i = 0; i < got.length; i++) {
            scale = Math.max(scale, Math.abs(x[T - 1][i]));
            err = Math.max(err, Math.abs(got[i] - x[T - 1][i]));
        }
        assertTrue(err <= 1e-9 * scale, "closed form vs numerical LE-ODE: " + err + " (scale " + scale + ")");
    }
}
