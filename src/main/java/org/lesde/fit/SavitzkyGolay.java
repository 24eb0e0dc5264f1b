package org.lesde.fit;

import org.lesde.BadInputException;

/**
 * First derivative by a Savitzky–Golay filter of polynomial order 2 and unit sample spacing,
 * identical to {@code scipy.signal.savgol_filter(x, w, polyorder=2, deriv=1, delta=1,
 * mode='interp')} (the official {@code savgol_diff}).
 *
 * <p>With h = (w−1)/2:
 * <ul>
 * <li>interior points h ≤ t ≤ n−1−h: the slope at the centre of the least-squares quadratic
 * through x(t−h..t+h), which is Σ_{m=1..h} m·(x(t+m) − x(t−m)) / Σ_{m=−h..h} m²;</li>
 * <li>the first h and last h points ({@code interp} edge mode): the derivative at t of the
 * least-squares quadratic through the first (respectively last) w points.</li>
 * </ul>
 * The quadratic fits use the discrete orthogonal basis 1, u, 3u² − h(h+1) on u = −h..h, whose
 * weights are exact integers, so no normal equations are solved: the slope coefficient is
 * Σu·x/Σu², the curvature coefficient 3·Σq·x/Σq² with q = 3u² − h(h+1), and the derivative at
 * offset u from the window centre is slope + 2·curv·u. NaN propagates as in scipy.
 */
public final class SavitzkyGolay {
    private SavitzkyGolay() {
    }

    /** Checks a window length for a series of n points: odd, >= 5, <= n. */
    public static void validateWindow(String field, int window, int n) {
        if (window < 5) {
            throw new BadInputException(field + " must be an odd integer >= 5, got " + window);
        }
        if (window % 2 == 0) {
            throw new BadInputException(field + " must be odd, got " + window);
        }
        if (window > n) {
            throw new BadInputException(field + " must be <= the series length " + n + ", got " + window);
        }
    }

    /** d/dt of x (unit spacing) by a window-w, order-2 Savitzky–Golay filter. */
    public static double[] derivative(double[] x, int window) {
        int n = x.length;
        validateWindow("window", window, n);
        int h = (window - 1) / 2;
        double sumU2 = (double) h * (h + 1) * (2 * h + 1) / 3.0;
        double[] out = new double[n];
        for (int t = h; t <= n - 1 - h; t++) {
            double s = 0.0;
            for (int m = 1; m <= h; m++) {
                s += m * (x[t + m] - x[t - m]);
            }
            out[t] = s / sumU2;
        }
        if (h > 0) {
            edge(x, 0, h, 0, h, sumU2, out);
            edge(x, n - window, h, n - h, n, sumU2, out);
        }
        return out;
    }

    /** Least-squares quadratic through x[start .. start+2h]; its derivative into out[from..to). */
    private static void edge(double[] x, int start, int h, int from, int to, double sumU2, double[] out) {
        long hh = (long) h * (h + 1);
        double slope = 0.0;
        double curvNum = 0.0;
        double sumQ2 = 0.0;
        for (int u = -h; u <= h; u++) {
            double xv = x[start + h + u];
            slope += u * xv;
            double q = 3.0 * u * u - hh;
            curvNum += q * xv;
            sumQ2 += q * q;
        }
        slope /= sumU2;
        double curv = 3.0 * curvNum / sumQ2;
        int centre = start + h;
        for (int t = from; t < to; t++) {
            out[t] = slope + 2.0 * curv * (t - centre);
        }
    }
}
