package org.lesde.analytic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.sde.TimeGrid;

/**
 * The self closure's exact covariance (structured blocks, Van Loan per block or DP853) against an
 * independent dense computation: the exponential of the 2n×2n Van Loan matrix of the whole
 * system, [[−L, hs²Σ₀], [0, Lᵀ]]·t, at every output time (docs/theory.md#36-the-self-closure-law).
 */
class SelfClosureLawTest {
    static final String NOISE_FULL_P = "{type: full, matrix: [[1.0, 0.3, 0.0, 0.1], [0.3, 0.8, 0.2, 0.0], [0.0, 0.2, 0.5, 0.1],"
            + " [0.1, 0.0, 0.1, 0.7]]}";

    static LeModel model(String transform, String impact, String noise) {
        return TestModels.parse("classes: 3\ndim: 4\nimpact: " + impact + "\ntransform: " + transform + "\nnoise: " + noise
                + "\nstepSize: 0.05\nclosure: self\ninit: " + ClosedFormTest.INIT34 .replace("}", ", spread: 0.3}")
                + "\ntime: {horizon: 3.0, dt: 0.01, outputs: 6}\nsimulation: {paths: 64, seed: 3}\n");
    }

    /** max over rows and entries |P − dense| / max |dense|. */
    static double relErr(LeModel m, SelfClosureLaw law) {
        int n = m.stateDim();
        double[][] l = LeOperator.of(m).dense(0);
        GaussianLaw g = GaussianLaw.noiseOf(m);
        TimeGrid grid = TimeGrid.of(m.time().horizon(), m.time().dt(), m.time().outputs());
        SelfClosureLaw.Covariances c = law.covariances(SelfClosureLaw.Law.CONTINUOUS, grid);
        double s2 = m.stepSize() * g.scale().value(0) * g.scale().value(0);
        double err = 0;
        double scale = 0;
        for (int r = 0; r < grid.outputs(); r++) {
            double t = grid.outputTime(r);
            double[][] big = new double[2 * n][2 * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    big[i][j] = -l[i][j] / m.classes() * t;
                    big[i][n + j] = s2 * g.sigma0(i, j) * t;
                    big[n + i][n + j] = l[j][i] / m.classes() * t;
                }
            }
            double[][] e = MatrixExp.pade(big);
            double[][] phi = new double[n][n];
            double[][] f12 = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    phi[i][j] = e[n + j][n + i];
                    f12[i][j] = e[i][n + j];
                }
            }
            double[][] q = SelfClosureLaw.mult(phi, f12);
            double[][] pp = SelfClosureLaw.multT(phi, phi);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double want = g.spread2() * pp[i][j] + 0.5 * (q[i][j] + q[j][i]);
                    err = Math.max(err, Math.abs(c.covariance(r, i, j) - want));
                    scale = Math.max(scale, Math.abs(want));
                }
            }
        }
        return err / scale;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "identity; additive", "residual-source; additive", "residual-target; additive", "residual-outer; additive",
        "'{matrix: [[0.5, 0.1, 0.0, -0.2], [0.0, 0.4, 0.3, 0.0], [0.1, 0.0, -0.3, 0.2], [0.0, 0.2, 0.0, 0.6]]}'; additive",
        "identity; diagonal", "residual-source; diagonal", "residual-target; full", "residual-outer; full", "identity; full",
        "'{matrix: [[0.5, 0.1, 0.0, -0.2], [0.0, 0.4, 0.3, 0.0], [0.1, 0.0, -0.3, 0.2], [0.0, 0.2, 0.0, 0.6]]}'; full"})
    void structuredLawEqualsDenseVanLoan(String transform, String noiseKind) {
        String noise = switch (noiseKind) {
            case "additive" -> "{type: additive, sigma: 0.7}";
            case "diagonal" -> "{type: diagonal, sigmas: [0.5, 1.0, 0.2, 0.8]}";
            default -> NOISE_FULL_P;
        };
        for (String impact : new String[] {"{alpha: 1.5, beta: -0.4}", "{matrix: [[1.0, 0.2, -0.3], [0.4, 0.8, 0.1], [-0.2, 0.3, 1.2]]}"}) {
            LeModel m = model(transform, impact, noise);
            double e = relErr(m, new SelfClosureLaw(m));
            System.out.println(transform + " " + noiseKind + " " + impact + " Van Loan: " + e);
            assertTrue(e < 1e-10, transform + " " + noiseKind + " " + impact + ": " + e);
            double d = relErr(m, new SelfClosureLaw(m, true));
            System.out.println(transform + " " + noiseKind + " " + impact + " DP853: " + d);
            assertTrue(d < 1e-10, "DP853 " + transform + " " + noiseKind + " " + impact + ": " + d);
        }
    }
}
