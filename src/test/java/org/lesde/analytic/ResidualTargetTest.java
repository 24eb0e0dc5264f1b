package org.lesde.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;
import org.lesde.ode.LeOde;

/**
 * residual-target with time-varying schedules: the part of X̄_k orthogonal to u_k is invariant,
 * and the f-space forcing ω (derived in {@link ClosedForm}) is what makes the modal solution exact.
 */
class ResidualTargetTest {
    static final int K = 3;
    static final int P = 4;
    static final LeOperator OP = new LeOperator(K, P,
            new Impact.TwoLevel(new Schedule.PowerLaw(2.0, 0.3), new Schedule.Piecewise(new double[] {0, 1.7}, new double[] {-0.6, 0.4})),
            Transform.of(TransformKind.RESIDUAL_TARGET));
    static final double[] X0 = {1.0, 0.2, -0.3, 0.5, 0.1, 1.0, 0.4, -0.7, -0.2, 0.3, 1.0, 0.25};

    static double[][] u() {
        return OP.residualDirections();
    }

    /** (I − u_k u_kᵀ)·X_k for every class. */
    static double[] orthogonalPart(double[] x) {
        double[][] u = u();
        double[] y = x.clone();
        for (int k = 0; k < K; k++) {
            double s = 0;
            for (int j = 0; j < P; j++) {
                s += u[k][j] * x[k * P + j];
            }
            for (int j = 0; j < P; j++) {
                y[k * P + j] -= s * u[k][j];
            }
        }
        return y;
    }

    @Test
    void nullSpacePartIsInvariant() {
        double[] times = {0, 1, 2.5, 5};
        double[][] ode = new LeOde(OP).solve(X0, times);
        double[][] cf = ClosedForm.of(OP).solve(X0, times);
        double[] y0 = orthogonalPart(X0);
        for (int r = 0; r < times.length; r++) {
            double[] yo = orthogonalPart(ode[r]);
            double[] yc = orthogonalPart(cf[r]);
            for (int i = 0; i < y0.length; i++) {
                assertEquals(y0[i], yo[i], 1e-11, "DP853, t = " + times[r]);
                assertEquals(y0[i], yc[i], 1e-14, "closed form, t = " + times[r]);
            }
        }
    }

    @Test
    void forcingTermIsNeededForNonProportionalSchedules() {
        // docs/theory.md#4-closed-forms's formula without the ω forcing: X_k = Y_k + (c̄ e^{(A−B)/K} + (c_k − c̄) e^{Λ_f}) u_k
        double t = 5;
        double[] ode = new LeOde(OP).solve(X0, new double[] {t})[0];
        double[] cf = ClosedForm.of(OP).at(X0, t);
        double[] noForcing = withoutForcing(X0, t);
        double scale = 0;
        double errCf = 0;
        double errNoForcing = 0;
        for (int i = 0; i < ode.length; i++) {
            scale = Math.max(scale, Math.abs(ode[i]));
            errCf = Math.max(errCf, Math.abs(cf[i] - ode[i]));
            errNoForcing = Math.max(errNoForcing, Math.abs(noForcing[i] - ode[i]));
        }
        assertTrue(errCf / scale < 1e-10, "with forcing: " + errCf / scale);
        assertTrue(errNoForcing / scale > 1e-3, "without forcing: " + errNoForcing / scale);
    }

    @Test
    void withoutOffDiagonalOverlapsTheSpecFormulaIsExact() {
        // X̄_k(0) = c_k u_k + components ⊥ every u (coordinates >= K): ω = 0
        double[][] u = u();
        double[] x0 = new double[K * P];
        double[] c = {1.0, -0.4, 0.7};
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < P; j++) {
                x0[k * P + j] = c[k] * u[k][j] + (j >= K ? 0.3 * (k + 1) : 0);
            }
        }
        double t = 5;
        double[] ode = new LeOde(OP).solve(x0, new double[] {t})[0];
        double[] spec = withoutForcing(x0, t);
        for (int i = 0; i < ode.length; i++) {
            assertEquals(ode[i], spec[i], 1e-10 * Math.max(1, Math.abs(ode[i])));
        }
    }

    private static double[] withoutForcing(double[] x0, double t) {
        Impact.TwoLevel tl = (Impact.TwoLevel) OP.impact();
        double a = tl.alpha().integral(t);
        double b = tl.beta().integral(t);
        double gD = Math.exp((a - b) / K);
        double gF = Math.exp((a + b / (K - 1)) / K);
        double[][] u = u();
        double[] ck = new double[K];
        double mean = 0;
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < P; j++) {
                ck[k] += u[k][j] * x0[k * P + j];
            }
            mean += ck[k] / K;
        }
        double[] y = orthogonalPart(x0);
        for (int k = 0; k < K; k++) {
            double ct = mean * gD + (ck[k] - mean) * gF;
            for (int j = 0; j < P; j++) {
                y[k * P + j] += ct * u[k][j];
            }
        }
        return y;
    }
}
