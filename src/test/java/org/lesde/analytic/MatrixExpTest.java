package org.lesde.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixExpTest {
    @Test
    void defectiveJordanBlockUsesPade() {
        double a = 0.7;
        double t = 3.0;
        MatrixExp.Generator g = MatrixExp.of(new double[][] {{a, 1}, {0, a}});
        assertFalse(g.isEigen());
        double[][] e = g.at(t);
        double ea = Math.exp(a * t);
        assertEquals(ea, e[0][0], 1e-14 * ea);
        assertEquals(t * ea, e[0][1], 1e-14 * t * ea);
        assertEquals(0, e[1][0], 1e-14);
        assertEquals(ea, e[1][1], 1e-14 * ea);
    }

    @Test
    void diagonalizableUsesEigenAndMatchesPade() {
        double[][] m = {{0.3, 0.2, -0.1}, {0.0, -0.5, 0.4}, {0.1, 0.0, 0.8}};
        MatrixExp.Generator g = MatrixExp.of(m);
        assertTrue(g.isEigen());
        for (double t : new double[] {0.1, 2.0, 7.5}) {
            double[][] scaled = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    scaled[i][j] = t * m[i][j];
                }
            }
            double[][] a = g.at(t);
            double[][] b = MatrixExp.pade(scaled);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(b[i][j], a[i][j], 1e-13 * Math.max(1, Math.abs(b[i][j])));
                }
            }
        }
    }

    @Test
    void complexSpectrumIsARotation() {
        double th = 1.3;
        double[][] e = MatrixExp.exp(new double[][] {{0, -th}, {th, 0}});
        assertEquals(Math.cos(th), e[0][0], 1e-15);
        assertEquals(-Math.sin(th), e[0][1], 1e-15);
        assertEquals(Math.sin(th), e[1][0], 1e-15);
    }

    @Test
    void integralIsTauPhi1() {
        double lambda = -0.8;
        double tau = 2.5;
        for (MatrixExp.Generator g : new MatrixExp.Generator[] {MatrixExp.of(new double[][] {{lambda, 0}, {0, 0}}),
            MatrixExp.of(new double[][] {{lambda, 1e-30}, {0, 0}})}) {
            double[][][] r = g.withIntegral(tau);
            assertEquals(Math.expm1(lambda * tau) / lambda, r[1][0][0], 1e-14);
            assertEquals(tau, r[1][1][1], 1e-14);
        }
        // defective: Padé (augmented matrix) path
        double[][][] r = MatrixExp.of(new double[][] {{0, 1}, {0, 0}}).withIntegral(tau);
        assertEquals(tau, r[1][0][0], 1e-14);
        assertEquals(tau * tau / 2, r[1][0][1], 1e-14);
    }

    @Test
    void quadratureWithBreakpoints() {
        double v = Quadrature.integrate(s -> s < 1 ? Math.sin(s) : 2.0, 0, 3, new double[] {1}, 1e-14, 1e-300);
        assertEquals(1 - Math.cos(1) + 4.0, v, 1e-13);
    }
}
