package org.lesde.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;
import org.lesde.check.ConvergenceStudy.ScalarSde;
import org.lesde.random.BrownianPath;
import org.lesde.random.Streams;

/**
 * Strong orders on problems with known solutions, comparing the same Brownian path at every Δ
 * (nested grids Δ = T/2^k), with a least-squares slope of log error against log Δ.
 */
class GbmStrongOrderTest {
    static final double MU = 1.5;
    static final double SIGMA = 1.0;
    static final double T = 1.0;
    static final double X0 = 1.0;

    /** Geometric Brownian motion dX = μX dt + σX dW: diagonal noise. */
    static final ScalarSde GBM = ScalarSde.gbm(MU, SIGMA);

    /** dX = (−2 sin(X) + cos(t)) dt + 0.8 dW: nonlinear drift, additive noise. */
    static final ScalarSde ADDITIVE_NONLINEAR = ScalarSde.additive((t, x) -> -2.0 * Math.sin(x) + Math.cos(t), 0.8);

    static double slope(double[] dts, double[] errs) {
        int n = dts.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(dts[i]) / n;
            my += Math.log(errs[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(dts[i]) - mx;
            sxy += dx * (Math.log(errs[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /**
     * RMS final-time errors at Δ = T/2^k for k in [kMin, kMax]; the reference is the exact GBM
     * solution, or (exact == false) the same scheme on the finest grid 2^kRef.
     */
    static double[] strongErrors(SdeSystem sys, Stepper stepper, int kMin, int kMax, int kRef, int paths, boolean exact,
            long seed) {
        int fine = 1 << kRef;
        double[] sq = new double[kMax - kMin + 1];
        Streams streams = Streams.of(seed);
        Stepper.Step step = stepper.bind(sys);
        double[] x = new double[1];
        double[] dW = new double[1];
        for (int p = 0; p < paths; p++) {
            UniformRandomProvider rng = streams.stream(p);
            BrownianPath path = BrownianPath.sample(rng, 1, fine, T / fine);
            double ref;
            if (exact) {
                ref = X0 * Math.exp((MU - 0.5 * SIGMA * SIGMA) * T + SIGMA * path.total(0));
            } else {
                ref = solve(step, path, 1, x, dW);
            }
            for (int k = kMin; k <= kMax; k++) {
                double v = solve(step, path, fine >> k, x, dW);
                sq[k - kMin] += (v - ref) * (v - ref) / paths;
            }
        }
        for (int i = 0; i < sq.length; i++) {
            sq[i] = Math.sqrt(sq[i]);
        }
        return sq;
    }

    static double solve(Stepper.Step step, BrownianPath path, int factor, double[] x, double[] dW) {
        x[0] = X0;
        int steps = path.fineSteps() / factor;
        TimeGrid grid = TimeGrid.ofSteps(T, steps, 1);
        Integrator.run(step, path.coarse(factor), x, dW, grid, (i, t, s) -> { });
        return x[0];
    }

    static double[] dts(int kMin, int kMax) {
        double[] d = new double[kMax - kMin + 1];
        for (int k = kMin; k <= kMax; k++) {
            d[k - kMin] = T / (1 << k);
        }
        return d;
    }

    @Test
    void eulerMaruyamaHasStrongOrderOneHalfOnGbm() {
        double[] e = strongErrors(GBM, EulerMaruyama.INSTANCE, 3, 8, 12, 400, true, 11);
        double s = slope(dts(3, 8), e);
        assertEquals(0.5, s, 0.15, "EM GBM slope " + s);
        assertEquals(0.5, EulerMaruyama.INSTANCE.strongOrder(NoiseType.DIAGONAL));
    }

    @Test
    void milsteinHasStrongOrderOneOnGbm() {
        double[] e = strongErrors(GBM, Milstein.INSTANCE, 3, 8, 12, 400, true, 12);
        double s = slope(dts(3, 8), e);
        assertEquals(1.0, s, 0.15, "Milstein GBM slope " + s);
    }

    @Test
    void eulerMaruyamaHasStrongOrderOneForAdditiveNoise() {
        double[] e = strongErrors(ADDITIVE_NONLINEAR, EulerMaruyama.INSTANCE, 3, 8, 13, 200, false, 13);
        double s = slope(dts(3, 8), e);
        assertEquals(1.0, s, 0.15, "EM additive slope " + s);
        assertEquals(1.0, EulerMaruyama.INSTANCE.strongOrder(NoiseType.ADDITIVE));
    }

    @Test
    void milsteinRefusesGeneralNoiseWithAClearMessage() {
        SdeSystem general = GBM.withNoiseType(NoiseType.GENERAL);
        BadInputException e = assertThrows(BadInputException.class, () -> Milstein.INSTANCE.bind(general));
        assertEquals("solver milstein is not valid for general noise (use euler-maruyama)", e.getMessage());
    }

    @Test
    void eulerMaruyamaWithZeroNoiseIsExplicitEuler() {
        SdeSystem noiseless = ScalarSde.gbm(MU, 0.0);
        Stepper.Step step = EulerMaruyama.INSTANCE.bind(noiseless);
        double[] x = {X0};
        double[] euler = {X0};
        double dt = 0.01;
        UniformRandomProvider rng = Streams.of(5).stream(0);
        var normal = Streams.normal(rng);
        double[] dW = new double[1];
        for (int n = 0; n < 100; n++) {
            dW[0] = Math.sqrt(dt) * normal.sample();
            step.step(n * dt, dt, x, dW);
            euler[0] = euler[0] + MU * euler[0] * dt;
        }
        assertArrayEquals(euler, x, 0.0);
    }
}
