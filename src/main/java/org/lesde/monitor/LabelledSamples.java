package org.lesde.monitor;

/**
 * An accumulator of labelled p-dimensional samples ({@link ClassStats}, {@link FixedMeanPass}).
 * An implementation adds one sample; the other layouts are defined here once: a whole array, a
 * path of the LE-SDE ensemble (one sample per class, stored flat as {@code x[k*p + j]}), and rows
 * of a feature matrix.
 */
public interface LabelledSamples {
    /** The number of classes K. */
    int classes();

    /** The sample dimension p. */
    int dim();

    /** Adds one sample of class {@code label}: coordinates {@code h[offset .. offset+p)}. */
    void add(int label, double[] h, int offset);

    /** Adds one sample of class {@code label} (the whole array, length p). */
    default void add(int label, double[] h) {
        add(label, h, 0);
    }

    /** Adds one path: one sample per class, {@code x[offset + k*p + j]}. */
    default void addPath(double[] x, int offset) {
        int dim = dim();
        for (int k = 0, classes = classes(); k < classes; k++) {
            add(k, x, offset + k * dim);
        }
    }

    /** Adds one path stored from index 0: {@code x[k*p + j]}. */
    default void addPath(double[] x) {
        addPath(x, 0);
    }

    /** Adds N samples stored as rows: sample i, of class {@code labels[i]}, is {@code features[i*p .. (i+1)*p)}. */
    default void addRows(int[] labels, double[] features) {
        int dim = dim();
        for (int i = 0; i < labels.length; i++) {
            add(labels[i], features, i * dim);
        }
    }
}
