package org.lesde.analytic;

import java.util.Arrays;
import java.util.TreeSet;

import org.lesde.model.Schedule;

/** Calculus on {@link Schedule}s needed by the closed forms and the Euler error estimate. */
public final class Schedules {
    private Schedules() {
    }

    /**
     * The derivative almost everywhere, as a schedule: 0 for constants and piecewise-constant
     * schedules (their jumps are reported by {@link #jumps}), −r·c/(1+t)^{r+1} for a power law,
     * the piecewise-constant slopes of a table (0 outside its knots).
     */
    public static Schedule derivative(Schedule s) {
        if (s instanceof Schedule.Constant || s instanceof Schedule.Piecewise) {
            return new Schedule.Constant(0);
        }
        if (s instanceof Schedule.PowerLaw p) {
            return p.r() == 0 ? new Schedule.Constant(0) : new Schedule.PowerLaw(-p.r() * p.c(), p.r() + 1);
        }
        Schedule.Table tb = (Schedule.Table) s;
        double[] t = tb.times();
        double[] v = tb.values();
        int n = t.length;
        // slope i on [t[i], t[i+1]); 0 before t[0] and after t[n-1]
        double[] knots = new double[n + 1];
        double[] vals = new double[n + 1];
        knots[0] = Math.min(t[0], 0) - 1; // value before the first knot
        vals[0] = 0;
        for (int i = 0; i < n; i++) {
            knots[i + 1] = t[i];
            vals[i + 1] = i + 1 < n ? (v[i + 1] - v[i]) / (t[i + 1] - t[i]) : 0;
        }
        return new Schedule.Piecewise(knots, vals);
    }

    /** Times t > 0 at which the schedule jumps (piecewise-constant knots), with the jump sizes. */
    public static double[][] jumps(Schedule s) {
        if (!(s instanceof Schedule.Piecewise p)) {
            return new double[0][];
        }
        double[] t = p.times();
        double[] v = p.values();
        int count = 0;
        double[][] out = new double[t.length][];
        for (int i = 1; i < t.length; i++) {
            if (t[i] > 0 && v[i] != v[i - 1]) {
                out[count++] = new double[] {t[i], v[i] - v[i - 1]};
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Points > 0 where the schedule or its derivative is not smooth (knots), sorted. */
    public static double[] breakpoints(Schedule... ss) {
        TreeSet<Double> set = new TreeSet<>();
        for (Schedule s : ss) {
            double[] t = s instanceof Schedule.Piecewise p ? p.times() : s instanceof Schedule.Table tb ? tb.times() : new double[0];
            for (double x : t) {
                if (x > 0) {
                    set.add(x);
                }
            }
        }
        return set.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * ρ with s(t) = ρ·base(t) for all t ≥ 0 when this can be decided exactly from the
     * representation (constants, power laws with the same exponent, piecewise / table schedules
     * on the same knots, or s ≡ 0), otherwise NaN. {@code base} must not be identically zero.
     */
    public static double ratio(Schedule base, Schedule s) {
        if (isZero(s)) {
            return 0;
        }
        if (base instanceof Schedule.Constant b && s instanceof Schedule.Constant c) {
            return b.c() == 0 ? Double.NaN : c.c() / b.c();
        }
        if (base instanceof Schedule.PowerLaw b && s instanceof Schedule.PowerLaw c) {
            return b.c() != 0 && b.r() == c.r() ? c.c() / b.c() : Double.NaN;
        }
        if (base instanceof Schedule.PowerLaw b && b.r() == 0 && s instanceof Schedule.Constant c) {
            return b.c() == 0 ? Double.NaN : c.c() / b.c();
        }
        if (base instanceof Schedule.Constant b && s instanceof Schedule.PowerLaw c && c.r() == 0) {
            return b.c() == 0 ? Double.NaN : c.c() / b.c();
        }
        if (base instanceof Schedule.Piecewise b && s instanceof Schedule.Piecewise c && Arrays.equals(b.times(), c.times())) {
            return arrayRatio(b.values(), c.values());
        }
        if (base instanceof Schedule.Table b && s instanceof Schedule.Table c && Arrays.equals(b.times(), c.times())) {
            return arrayRatio(b.values(), c.values());
        }
        return Double.NaN;
    }

    private static double arrayRatio(double[] b, double[] c) {
        double rho = Double.NaN;
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) {
                rho = c[i] / b[i];
                break;
            }
        }
        if (Double.isNaN(rho)) {
            return Double.NaN;
        }
        for (int i = 0; i < b.length; i++) {
            if (c[i] != rho * b[i] && Math.abs(c[i] - rho * b[i]) > 1e-15 * Math.abs(c[i])) {
                return Double.NaN;
            }
        }
        return rho;
    }

    /** True when the schedule is identically zero. */
    public static boolean isZero(Schedule s) {
        if (s instanceof Schedule.Constant c) {
            return c.c() == 0;
        }
        if (s instanceof Schedule.PowerLaw p) {
            return p.c() == 0;
        }
        double[] v = s instanceof Schedule.Piecewise p ? p.values() : ((Schedule.Table) s).values();
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
