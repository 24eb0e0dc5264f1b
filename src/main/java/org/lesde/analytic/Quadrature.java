package org.lesde.analytic;

import java.util.function.DoubleUnaryOperator;

/**
 * Adaptive Gauss–Kronrod (7, 15) quadrature with interval bisection, for the one-dimensional
 * integrals some closed forms need (e.g. the forcing of the residual-target modes with
 * non-proportional schedules). Callers pass the schedule knots as breakpoints so every panel
 * is smooth.
 */
public final class Quadrature {
    private static final double[] XK = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013,
        0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0};
    private static final double[] WK = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.169004726639267902826583426598550,
        0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    private static final int MAX_DEPTH = 40;

    private Quadrature() {
    }

    /** ∫_a^b f with relative tolerance rel (and absolute floor abs), splitting at breakpoints in (a, b). */
    public static double integrate(DoubleUnaryOperator f, double a, double b, double[] breakpoints, double rel, double abs) {
        if (b == a) {
            return 0;
        }
        if (b < a) {
            return -integrate(f, b, a, breakpoints, rel, abs);
        }
        double sum = 0;
        double lo = a;
        for (double x : breakpoints) {
            if (x > lo && x < b) {
                sum += adaptive(f, lo, x, rel, abs, 0);
                lo = x;
            }
        }
        return sum + adaptive(f, lo, b, rel, abs, 0);
    }

    private static double adaptive(DoubleUnaryOperator f, double a, double b, double rel, double abs, int depth) {
        double[] r = gk15(f, a, b);
        double err = Math.abs(r[0] - r[1]);
        if (err <= Math.max(rel * Math.abs(r[0]), abs) || depth >= MAX_DEPTH || b - a <= 4 * Math.ulp(Math.abs(a) + Math.abs(b))) {
            return r[0];
        }
        double m = 0.5 * (a + b);
        return adaptive(f, a, m, rel, abs / 2, depth + 1) + adaptive(f, m, b, rel, abs / 2, depth + 1);
    }

    /** {Kronrod 15-point, Gauss 7-point} estimates on [a, b]. */
    private static double[] gk15(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double k = WK[7] * fc;
        double g = WG[3] * fc;
        for (int i = 0; i < 7; i++) {
            double x = h * XK[i];
            double s = f.applyAsDouble(c - x) + f.applyAsDouble(c + x);
            k += WK[i] * s;
            if (i % 2 == 1) {
                g += WG[i / 2] * s;
            }
        }
        return new double[] {k * h, g * h};
    }
}
