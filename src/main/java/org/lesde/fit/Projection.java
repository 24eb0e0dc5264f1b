package org.lesde.fit;

import java.util.ArrayList;
import java.util.List;

import org.lesde.BadInputException;

/**
 * The one-dimensional view of the paper's Figure 1 (docs/theory.md#76-the-papers-figures), as
 * the official {@code get_proj_vec} and {@code viz_sep_1d} compute it: the direction
 * u = d/‖d‖ with d = ½(X̄^{v1}(T−2) + X̄^{v1}(T−1)) − ½(X̄^{v2}(T−2) + X̄^{v2}(T−1)) (the class
 * means of the last two iterations averaged, class v1 minus class v2), the class-mean projections
 * ⟨X̄^c(t), u⟩ at every iteration and every sample's projection ⟨z, u⟩ at
 * {@link #SAMPLE_ITERATIONS} evenly spaced iterations.
 */
public final class Projection {
    /** Number of evenly spaced iterations whose samples the official figure draws. */
    public static final int SAMPLE_ITERATIONS = 50;

    private Projection() {
    }

    /** Checks the two classes of the direction against K (one-line bad input). */
    public static void validate(int v1, int v2, int classes) {
        if (v1 < 0 || v1 >= classes || v2 < 0 || v2 >= classes || v1 == v2) {
            throw new BadInputException("--proj-classes must name two different classes in 0.." + (classes - 1)
                    + ", got " + v1 + "," + v2);
        }
    }

    /** The unit direction u (length K); NaN entries if the difference is zero or not finite. */
    public static double[] direction(ClassMeans means, int v1, int v2) {
        int k = means.classes();
        int t = means.iterations();
        int prev = Math.max(0, t - 2);
        double[] d = new double[k];
        double ss = 0.0;
        for (int j = 0; j < k; j++) {
            double a = (means.get(prev, v1, j) + means.get(t - 1, v1, j)) / 2.0;
            double b = (means.get(prev, v2, j) + means.get(t - 1, v2, j)) / 2.0;
            d[j] = a - b;
            ss += d[j] * d[j];
        }
        double norm = Math.sqrt(ss);
        for (int j = 0; j < k; j++) {
            d[j] /= norm;
        }
        return d;
    }

    /** ⟨X̄^c(t), u⟩ per iteration t and class c (T x K). */
    public static double[][] classMeans(ClassMeans means, double[] u) {
        int k = means.classes();
        double[][] out = new double[means.iterations()][k];
        for (int m = 0; m < out.length; m++) {
            for (int c = 0; c < k; c++) {
                double s = 0.0;
                for (int j = 0; j < k; j++) {
                    s += means.get(m, c, j) * u[j];
                }
                out[m][c] = s;
            }
        }
        return out;
    }

    /**
     * n evenly spaced iterations of 0..T−1 as numpy's {@code np.linspace(0, T−1, n).astype(int)}
     * (start + i·step truncated, the last exactly T−1), duplicates dropped.
     */
    public static int[] evenly(int iterations, int n) {
        List<Integer> out = new ArrayList<>();
        double step = n > 1 ? (iterations - 1) / (double) (n - 1) : 0.0;
        for (int i = 0; i < n; i++) {
            int v = i == n - 1 ? iterations - 1 : (int) (i * step);
            if (out.isEmpty() || out.get(out.size() - 1) != v) {
                out.add(v);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The official {@code plt_itrs}: every 5th iteration 0, 5, 10, … plus the last, T − 1. */
    public static int[] plotIterations(int iterations) {
        List<Integer> out = new ArrayList<>();
        for (int m = 0; m < iterations; m += 5) {
            out.add(m);
        }
        if (out.get(out.size() - 1) != iterations - 1) {
            out.add(iterations - 1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** ⟨z, u⟩ of one log row's logits. */
    public static double sample(TrainingLog log, int row, double[] u) {
        double s = 0.0;
        for (int j = 0; j < u.length; j++) {
            s += log.logit(row, j) * u[j];
        }
        return s;
    }
}
