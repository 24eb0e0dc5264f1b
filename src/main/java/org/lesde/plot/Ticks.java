package org.lesde.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One tick-label style per axis: every label of an axis is written either as a plain decimal
 * with the same number of decimals, or, when the axis spans magnitudes that plain decimals
 * cannot show compactly (beyond 10⁵ or below 10⁻³), as m×10ⁿ with superscript exponents
 * (never "1E4" beside "1000"). Values are rounded to a few significant digits.
 */
public final class Ticks {
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Ticks() {
    }

    /** Whether an axis (or a set of values) from lo to hi (by magnitude) needs the m×10ⁿ style. */
    static boolean scientific(double lo, double hi) {
        double big = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(big > 0) || !Double.isFinite(big)) {
            return false;
        }
        return big >= 1e5 || big < 1e-3;
    }

    /**
     * The label of {@code v} on a linear axis whose tick step is {@code step} and whose range
     * is [lo, hi]: plain decimals with as many decimals as the step needs, or m×10ⁿ.
     */
    static String linear(double v, double lo, double hi, double step) {
        if (Math.abs(v) < Math.abs(step) * 1e-9) {
            v = 0;
        }
        if (scientific(lo, hi)) {
            return sci(v, digitsFor(step, v));
        }
        return plain(v, decimalsFor(step));
    }

    /**
     * The label of a tick on a logarithmic axis over [lo, hi]: 10ⁿ (and m×10ⁿ between decades)
     * when the axis spans three decades or more or reaches beyond plain decimals, else a plain
     * decimal with two significant digits.
     */
    static String log(double v, double lo, double hi) {
        if (!(v > 0) || !Double.isFinite(v)) {
            return "";
        }
        double a = Math.min(Math.abs(lo), Math.abs(hi));
        double b = Math.max(Math.abs(lo), Math.abs(hi));
        boolean sci = scientific(a, b) || (a > 0 && b / a >= 1e3) || a < 1e-3;
        if (sci) {
            return sci(v, 2);
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(2));
        return minus(r.stripTrailingZeros().toPlainString());
    }

    /** How many of the log axis ticks m x 10^n (m = 1..9) lie in [lo, hi], 0 &lt; lo &lt;= hi. */
    static int logMultiples(double lo, double hi) {
        int count = 0;
        for (int n = (int) Math.floor(Math.log10(lo)) - 1; n <= (int) Math.ceil(Math.log10(hi)); n++) {
            double p = Math.pow(10, n);
            for (int m = 1; m <= 9; m++) {
                double v = m * p;
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The largest m x 10^n (m = 1..9) at or below v &gt; 0. */
    static double logMultipleBelow(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        double m = Math.floor(v / p * (1 + 1e-12));
        return Math.max(1, Math.min(9, m)) * p;
    }

    /** The smallest m x 10^n (m = 1..10) at or above v &gt; 0. */
    static double logMultipleAbove(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        double m = Math.ceil(v / p * (1 - 1e-12));
        return Math.max(1, Math.min(10, m)) * p;
    }

    /**
     * A formatter for the tick labels of an axis over [lo, hi] drawn over about {@code pixels}
     * pixels (XChart puts a tick every ~74 px at a round step; the decimals follow that step).
     */
    public static Function<Double, String> axis(double lo, double hi, boolean logarithmic, int pixels) {
        if (logarithmic) {
            return v -> log(v, lo, hi);
        }
        double span = Math.abs(hi - lo);
        double step = span > 0 && Double.isFinite(span) ? round125(span * 74.0 / Math.max(100, pixels)) : niceStep(lo, hi);
        return v -> linear(v, lo, hi, step);
    }

    /**
     * The {@link java.text.DecimalFormat} pattern of an axis over [lo, hi] drawn over about
     * {@code pixels} pixels, the same for every tick of the axis: plain decimals with the
     * decimals the tick step needs ("0.0#"), or, beyond 10⁵ or below 10⁻³ (or over three decades
     * or more on a logarithmic axis), scientific notation with one exponent style ("1.5E4").
     * XChart keeps choosing its own tick positions; the decimals always tell them apart.
     */
    public static String pattern(double lo, double hi, boolean logarithmic, int pixels) {
        double a = Math.min(Math.abs(lo), Math.abs(hi));
        double b = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(b > 0) || !Double.isFinite(b) || !Double.isFinite(a)) {
            return "0.##";
        }
        if (logarithmic) {
            double la = Math.max(a, 1e-300);
            if (scientific(la, b) || b / la >= 1e3 || la < 1e-3) {
                return "0.#E0";
            }
            int d = Math.max(0, (int) Math.ceil(-Math.log10(la)) + 1);
            return d == 0 ? "0.#" : "0." + "#".repeat(d + 1);
        }
        double span = Math.abs(hi - lo);
        double step = span > 0 ? round125(span * 74.0 / Math.max(100, pixels)) : Math.pow(10, Math.floor(Math.log10(b)) - 1);
        if (scientific(0, b)) {
            int mant = (int) Math.floor(Math.log10(b)) - (int) Math.floor(Math.log10(step));
            int digits = Math.max(1, Math.min(6, mant + 1));
            return "0." + "0".repeat(Math.max(0, digits - 1)) + "#E0";
        }
        int d = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return d == 0 ? "0.#" : "0." + "0".repeat(d) + "#";
    }

    /** The largest of 1, 2, 2.5, 5 times a power of ten not above x (a step no coarser than XChart's). */
    static double round125(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        double f = x / p;
        return (f >= 5 ? 5 : f >= 2.5 ? 2.5 : f >= 2 ? 2 : 1) * p;
    }

    /** About the tick step XChart picks for [lo, hi] (1, 2, 2.5 or 5 times a power of ten, ~8 ticks). */
    static double niceStep(double lo, double hi) {
        double span = Math.abs(hi - lo);
        if (!(span > 0) || !Double.isFinite(span)) {
            double m = Math.abs(lo);
            return m > 0 && Double.isFinite(m) ? Math.pow(10, Math.floor(Math.log10(m)) - 1) : 1;
        }
        double raw = span / 8;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * p;
    }

    /** Labels for category values (e.g. a sweep axis): numbers in one style for the whole list, other values as given. */
    public static String[] labels(List<?> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        int decimals = 0;
        boolean allNumbers = true;
        for (Object o : values) {
            if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
                double a = Math.abs(n.doubleValue());
                if (a > 0) {
                    lo = Math.min(lo, a);
                }
                hi = Math.max(hi, a);
                decimals = Math.max(decimals, decimalsOf(n.doubleValue()));
            } else {
                allNumbers = false;
            }
        }
        boolean sci = allNumbers && Double.isFinite(lo) && (scientific(lo, hi) || (lo < 1e-3));
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = values.get(i);
            if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
                out[i] = sci ? sci(n.doubleValue(), 3) : plain(n.doubleValue(), Math.min(decimals, 4));
            } else {
                out[i] = String.valueOf(o);
            }
        }
        return out;
    }

    /** A value rounded to {@code digits} significant digits, in the style a set spanning [lo, hi] takes (colour bars, notes). */
    public static String value(double v, double lo, double hi, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (scientific(lo, hi)) {
            return sci(v, digits);
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(digits));
        return minus(b.stripTrailingZeros().toPlainString());
    }

    /** Decimals of the shortest representation of v (at most 6). */
    private static int decimalsOf(double v) {
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        int dot = s.indexOf('.');
        return dot < 0 ? 0 : Math.min(6, s.length() - dot - 1);
    }

    private static int decimalsFor(double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            return 2;
        }
        int d = 0;
        double s = step;
        while (d < 8 && Math.abs(s - Math.rint(s)) > 1e-6 * Math.max(1, Math.abs(s))) {
            s *= 10;
            d++;
        }
        return d;
    }

    private static int digitsFor(double step, double v) {
        if (v == 0 || !(step > 0)) {
            return 1;
        }
        int e = (int) Math.floor(Math.log10(Math.abs(v)));
        int es = (int) Math.floor(Math.log10(step));
        return Math.max(1, Math.min(4, e - es + 2));
    }

    static String plain(double v, int decimals) {
        return minus(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    /** m×10ⁿ with m rounded to {@code digits} significant digits (trailing zeros dropped); 0 as "0". */
    static String sci(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(Math.max(1, digits)));
        int e = b.precision() - b.scale() - 1;
        BigDecimal m = b.movePointLeft(e).stripTrailingZeros();
        String ms = m.toPlainString();
        if (ms.equals("1")) {
            return "10" + superscript(e);
        }
        if (ms.equals("-1")) {
            return "−10" + superscript(e);
        }
        return minus(ms) + "×10" + superscript(e);
    }

    static String superscript(int e) {
        StringBuilder b = new StringBuilder();
        if (e < 0) {
            b.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(e)).toCharArray()) {
            b.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }

    private static String minus(String s) {
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }
}
