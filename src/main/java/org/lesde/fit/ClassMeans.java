package org.lesde.fit;

/**
 * Class-mean logits X̄^c_j(t) per iteration: {@code mean(t)[c*K + j]} (class-major, the layout
 * of docs/theory.md#1-model-and-notation with p = K), and the number of log rows N_c(t) behind each class mean.
 */
public final class ClassMeans {
    private final int classes;
    private final double[][] mean;
    private final int[][] counts;

    public ClassMeans(int classes, double[][] mean, int[][] counts) {
        this.classes = classes;
        this.mean = mean;
        this.counts = counts;
    }

    public int classes() {
        return classes;
    }

    public int iterations() {
        return mean.length;
    }

    /** The flat K*K vector of class means at iteration t (not copied: do not modify). */
    public double[] at(int t) {
        return mean[t];
    }

    /** X̄^c_j(t). */
    public double get(int t, int c, int j) {
        return mean[t][c * classes + j];
    }

    /** N_c(t): log rows with itr = t and y = c. */
    public int count(int t, int c) {
        return counts[t][c];
    }

    /** All class means, T x K*K (not copied). */
    public double[][] values() {
        return mean;
    }

    /** Number of (iteration, class) groups without any row (their means are NaN). */
    public int emptyGroups() {
        int e = 0;
        for (int[] row : counts) {
            for (int n : row) {
                if (n == 0) {
                    e++;
                }
            }
        }
        return e;
    }

    /** Smallest N_c(t) over all iterations and classes. */
    public int minCount() {
        int min = Integer.MAX_VALUE;
        for (int[] row : counts) {
            for (int n : row) {
                min = Math.min(min, n);
            }
        }
        return min;
    }

    /** Column names {@code k0_d0,...,k{K-1}_d{K-1}} (class c, coordinate j). */
    public static String[] columnNames(int classes) {
        String[] names = new String[classes * classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < classes; j++) {
                names[c * classes + j] = "k" + c + "_d" + j;
            }
        }
        return names;
    }
}
