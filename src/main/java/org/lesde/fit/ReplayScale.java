package org.lesde.fit;

import org.lesde.BadInputException;

/**
 * The rescaling the paper's Figure 5 applies to the replay mean (docs/theory.md#76-the-papers-figures),
 * and how far the replay is from the genuine class means with and without it.
 *
 * <p>Per class c, with a_c the aligned coordinate (c by default, or one fixed coordinate) and n
 * the tail length, s_c = mean_{t = T−n..T−1} X̄^c_{a_c}(t) / mean_{t = T−n..T−1} Ȳ^c_{a_c}(t),
 * where Ȳ is the replay mean over trials. The scaled replay is s_c·Ȳ^c_j(t) for every
 * coordinate j of class c; its sd is |s_c|·sd^c_j(t) (the sd of the scaled trials).
 *
 * <p>Fit: per class, the relative RMS distance over iterations
 * ‖X̄^c − Ȳ^c‖ / ‖X̄^c‖ with ‖·‖ the Euclidean norm over all iterations and coordinates of class
 * c, for the unscaled and the scaled replay mean.
 *
 * @param factors     s_c per class (NaN or infinite if the replay's tail mean is 0)
 * @param align       a_c per class
 * @param tail        n
 * @param mean        scaled replay mean (T x K²)
 * @param sd          scaled replay sd (T x K²)
 * @param fitUnscaled relative RMS distance of the unscaled replay mean, per class
 * @param fitScaled   the same for the scaled mean
 */
public record ReplayScale(double[] factors, int[] align, int tail, double[][] mean, double[][] sd, double[] fitUnscaled,
        double[] fitScaled) {
    /** Default tail length: min(1000, T). */
    public static final int DEFAULT_TAIL = 1000;

    /** Validates {@code --align} (null = each class its own coordinate). */
    public static void validateAlign(Integer align, int classes) {
        if (align != null && (align < 0 || align >= classes)) {
            throw new BadInputException("--align must be a coordinate in 0.." + (classes - 1) + ", got " + align);
        }
    }

    /** n = min(1000, T) unless {@code tail} is given. */
    public static int tailLength(Integer tail, int iterations) {
        return tail == null ? Math.min(DEFAULT_TAIL, iterations) : tail;
    }

    /**
     * @param genuine genuine class means, T x K²
     * @param mean    replay mean, T x K²
     * @param sd      replay sd, T x K²
     * @param align   the aligned coordinate of every class, or null for a_c = c
     * @param tail    n, 1..T
     */
    public static ReplayScale of(double[][] genuine, double[][] mean, double[][] sd, int k, Integer align, int tail) {
        int t = genuine.length;
        if (tail < 1 || tail > t) {
            throw new BadInputException("the replay tail must be in 1.." + t + ", got " + tail);
        }
        double[] f = new double[k];
        int[] a = new int[k];
        for (int c = 0; c < k; c++) {
            a[c] = align == null ? c : align;
            int col = c * k + a[c];
            double g = 0.0;
            double y = 0.0;
            for (int m = t - tail; m < t; m++) {
                g += genuine[m][col];
                y += mean[m][col];
            }
            f[c] = (g / tail) / (y / tail);
        }
        double[][] sm = new double[t][k * k];
        double[][] ss = new double[t][k * k];
        for (int m = 0; m < t; m++) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    int col = c * k + j;
                    sm[m][col] = f[c] * mean[m][col];
                    ss[m][col] = Math.abs(f[c]) * sd[m][col];
                }
            }
        }
        return new ReplayScale(f, a, tail, sm, ss, relativeRms(genuine, mean, k), relativeRms(genuine, sm, k));
    }

    /** ‖X̄^c − Ȳ^c‖ / ‖X̄^c‖ per class over all iterations and coordinates. */
    public static double[] relativeRms(double[][] genuine, double[][] replay, int k) {
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double num = 0.0;
            double den = 0.0;
            for (int m = 0; m < genuine.length; m++) {
                for (int j = 0; j < k; j++) {
                    double g = genuine[m][c * k + j];
                    double d = g - replay[m][c * k + j];
                    num += d * d;
                    den += g * g;
                }
            }
            out[c] = Math.sqrt(num / den);
        }
        return out;
    }
}
