package org.lesde.model;

/** Small shared helpers for the model classes. */
final class ModelMath {
    private ModelMath() {
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
