package org.lesde.model;

import java.util.Arrays;

import org.lesde.Require;

/**
 * A scalar function of time t >= 0 with its integral from 0 (used for α(t), β(t) and noise
 * scales). Every kind below has an exact integral: constant, power law c/(1+t)^r (log form at
 * r = 1), piecewise constant, and a linearly interpolated table (the integral of a piecewise
 * linear function is exact by the trapezoid rule, and the integral of its square by Simpson's
 * rule, which is exact for quadratics).
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.PowerLaw, Schedule.Piecewise, Schedule.Table {

    /** The value at time t. */
    double value(double t);

    /** ∫₀ᵗ value(s) ds. */
    double integral(double t);

    /** ∫₀ᵗ value(s)² ds (for time-varying noise covariances). */
    double integralOfSquare(double t);

    /** True when the value does not depend on t. */
    default boolean isConstant() {
        return false;
    }

    /** A constant c. */
    record Constant(double c) implements Schedule {
        public Constant {
            Require.finite("constant", c);
        }

        @Override
        public double value(double t) {
            return c;
        }

        @Override
        public double integral(double t) {
            return c * t;
        }

        @Override
        public double integralOfSquare(double t) {
            return c * c * t;
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    /** c/(1+t)^r. Its integral diverges as t → ∞ iff r <= 1 (log t growth at r = 1). */
    record PowerLaw(double c, double r) implements Schedule {
        public PowerLaw {
            Require.finite("powerlaw.c", c);
            Require.finite("powerlaw.r", r);
        }

        @Override
        public double value(double t) {
            return r == 0 ? c : c * Math.pow(1 + t, -r);
        }

        @Override
        public double integral(double t) {
            return integral(c, r, t);
        }

        @Override
        public double integralOfSquare(double t) {
            return integral(c * c, 2 * r, t);
        }

        /** ∫₀ᵗ c(1+s)^(−r) ds = c·((1+t)^(1−r) − 1)/(1−r), or c·log(1+t) at r = 1; computed with expm1/log1p. */
        static double integral(double c, double r, double t) {
            double l = Math.log1p(t);
            double q = 1 - r;
            if (Math.abs(q * l) < 1e-8) {
                // series of expm1(q l)/q = l (1 + q l/2 + (q l)^2/6 + ...): exact at q = 0
                return c * l * (1 + q * l / 2 + (q * l) * (q * l) / 6);
            }
            return c * Math.expm1(q * l) / q;
        }
    }

    /**
     * Piecewise constant: value {@code values[i]} on [times[i], times[i+1]); values[0] before
     * times[0] and the last value after the last time. Times strictly increasing.
     */
    record Piecewise(double[] times, double[] values) implements Schedule {
        public Piecewise {
            requireKnots("piecewise", times, values);
            times = times.clone();
            values = values.clone();
        }

        @Override
        public double value(double t) {
            int i = Arrays.binarySearch(times, t);
            int idx = i >= 0 ? i : -i - 2;
            return values[Math.max(0, idx)];
        }

        @Override
        public double integral(double t) {
            return integrate(t, false);
        }

        @Override
        public double integralOfSquare(double t) {
            return integrate(t, true);
        }

        private double integrate(double t, boolean square) {
            // value(s) = values[i] on [times[i], times[i+1]); values[0] also before times[0],
            // the last value also after the last time.
            double sum = 0;
            int n = times.length;
            for (int i = 0; i < n; i++) {
                double lo = Math.max(0, i == 0 ? Double.NEGATIVE_INFINITY : times[i]);
                double hi = Math.min(t, i + 1 < n ? times[i + 1] : Double.POSITIVE_INFINITY);
                if (hi > lo) {
                    double v = values[i];
                    sum += (square ? v * v : v) * (hi - lo);
                }
            }
            return sum;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Piecewise p && sameKnots(times, values, p.times, p.values);
        }

        @Override
        public int hashCode() {
            return knotsHash(times, values);
        }

        @Override
        public String toString() {
            return "Piecewise" + Arrays.toString(times) + Arrays.toString(values);
        }
    }

    /**
     * A table (t, value) with linear interpolation between knots and constant extrapolation
     * outside them. {@code source} names where it came from (a file path) for summaries.
     */
    record Table(double[] times, double[] values, String source) implements Schedule {
        public Table {
            requireKnots("table", times, values);
            times = times.clone();
            values = values.clone();
        }

        @Override
        public double value(double t) {
            int n = times.length;
            if (t <= times[0]) {
                return values[0];
            }
            if (t >= times[n - 1]) {
                return values[n - 1];
            }
            int i = Arrays.binarySearch(times, t);
            if (i >= 0) {
                return values[i];
            }
            int hi = -i - 1;
            int lo = hi - 1;
            double w = (t - times[lo]) / (times[hi] - times[lo]);
            return values[lo] + w * (values[hi] - values[lo]);
        }

        @Override
        public double integral(double t) {
            return integrate(t, false);
        }

        @Override
        public double integralOfSquare(double t) {
            return integrate(t, true);
        }

        /** Exact integral of the piecewise-linear interpolant (or its square) over [0, t]. */
        private double integrate(double t, boolean square) {
            if (t <= 0) {
                return 0;
            }
            // breakpoints: 0, knots inside (0, t), t
            double sum = 0;
            double a = 0;
            int n = times.length;
            int i = 0;
            while (i < n && times[i] <= 0) {
                i++;
            }
            while (a < t) {
                double b = i < n ? Math.min(times[i], t) : t;
                if (b > a) {
                    sum += segment(a, b, square);
                }
                a = b;
                i++;
            }
            return sum;
        }

        private double segment(double a, double b, boolean square) {
            double fa = value(a);
            double fb = value(b);
            if (!square) {
                return 0.5 * (b - a) * (fa + fb);
            }
            double fm = value(0.5 * (a + b));
            return (b - a) / 6 * (fa * fa + 4 * fm * fm + fb * fb);
        }

        /** Equal knots are equal tables, whatever their {@code source}. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Table p && sameKnots(times, values, p.times, p.values);
        }

        @Override
        public int hashCode() {
            return knotsHash(times, values);
        }

        @Override
        public String toString() {
            return "Table(" + source + ")";
        }
    }

    /** Knot schedules (piecewise, table) compare their knot arrays element-wise, not by identity. */
    private static boolean sameKnots(double[] times, double[] values, double[] otherTimes, double[] otherValues) {
        return Arrays.equals(times, otherTimes) && Arrays.equals(values, otherValues);
    }

    private static int knotsHash(double[] times, double[] values) {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(values);
    }

    private static void requireKnots(String field, double[] times, double[] values) {
        Require.that(times.length >= 1, field + " needs at least one (t, value) pair, got 0");
        Require.that(times.length == values.length,
                field + " has " + times.length + " times but " + values.length + " values");
        for (int i = 0; i < times.length; i++) {
            Require.finite(field + "[" + i + "].t", times[i]);
            Require.finite(field + "[" + i + "].value", values[i]);
            if (i > 0 && !(times[i] > times[i - 1])) {
                Require.that(false, field + " times must be strictly increasing, got " + times[i - 1]
                        + " then " + times[i] + " at row " + i);
            }
        }
    }
}
