package org.lesde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static double quad(Schedule s, double t, boolean square) {
        IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(5, 1e-14, 1e-14);
        return q.integrate(100_000, x -> square ? s.value(x) * s.value(x) : s.value(x), 0, t);
    }

    private static double quadOn(Schedule s, double a, double b, boolean square) {
        IterativeLegendreGaussIntegrator q = new IterativeLegendreGaussIntegrator(5, 1e-14, 1e-14);
        return q.integrate(100_000, x -> square ? s.value(x) * s.value(x) : s.value(x), a, b);
    }

    @Test
    void powerLawIntegralsMatchQuadratureIncludingLogCase() {
        for (double r : new double[] {0, 0.5, 1 - 1e-12, 1.0, 1 + 1e-9, 1.5, 2.0}) {
            Schedule s = new Schedule.PowerLaw(1.3, r);
            for (double t : new double[] {0.1, 1, 10, 100}) {
                assertEquals(quad(s, t, false), s.integral(t), 1e-11 * Math.max(1, Math.abs(s.integral(t))), "r=" + r + " t=" + t);
                assertEquals(quad(s, t, true), s.integralOfSquare(t), 1e-11 * Math.max(1, s.integralOfSquare(t)), "r=" + r + " t=" + t);
            }
        }
        assertEquals(1.3 * Math.log(11), new Schedule.PowerLaw(1.3, 1.0).integral(10), 1e-14);
    }

    @Test
    void piecewiseIsRightContinuousAndIntegratesExactly() {
        Schedule s = new Schedule.Piecewise(new double[] {0, 1, 3}, new double[] {2, -1, 0.5});
        assertEquals(2, s.value(0.999), 0);
        assertEquals(-1, s.value(1), 0);
        assertEquals(0.5, s.value(100), 0);
        assertEquals(2 * 1 - 1 * 2 + 0.5 * 2, s.integral(5), 1e-15);
        assertEquals(4 * 1 + 1 * 2 + 0.25 * 2, s.integralOfSquare(5), 1e-15);
        assertEquals(2 * 0.5, s.integral(0.5), 1e-15);
    }

    @Test
    void tableInterpolatesLinearlyAndIntegratesExactly() {
        Schedule s = new Schedule.Table(new double[] {0, 2, 4}, new double[] {1, 3, -1}, "test");
        assertEquals(2, s.value(1), 1e-15);
        assertEquals(1, s.value(3), 1e-15);
        assertEquals(-1, s.value(9), 0);
        for (double t : new double[] {0.5, 2, 3.3, 7}) {
            // quadrature on the smooth pieces between knots
            double q = 0;
            double q2 = 0;
            double a = 0;
            for (double knot : new double[] {2, 4, Double.POSITIVE_INFINITY}) {
                double b = Math.min(knot, t);
                if (b > a) {
                    final double lo = a;
                    q += quadOn(s, lo, b, false);
                    q2 += quadOn(s, lo, b, true);
                }
                a = Math.max(a, b);
            }
            assertEquals(q, s.integral(t), 1e-12, "t=" + t);
            assertEquals(q2, s.integralOfSquare(t), 1e-12, "t=" + t);
        }
    }
}
