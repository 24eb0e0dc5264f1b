package org.lesde.model;

/**
 * The impact matrix E(t) ∈ R^{K×K}: entry (k, k') is the effect that training on class k' has on
 * the features of class k. Either the two-level form (E_kk = α(t), E_kk' = β(t)) or a general
 * constant matrix.
 */
public sealed interface Impact permits Impact.TwoLevel, Impact.Matrix {

    /** Writes E(t) row-major into {@code e} (length K²). */
    void fill(double t, int classes, double[] e);

    /** True when E does not depend on time. */
    boolean isConstant();

    /** E_kk = α(t), E_kk' = β(t) for k ≠ k'. Local elasticity means α > β. */
    record TwoLevel(Schedule alpha, Schedule beta) implements Impact {
        @Override
        public void fill(double t, int classes, double[] e) {
            double a = alpha.value(t);
            double b = beta.value(t);
            for (int k = 0; k < classes; k++) {
                for (int l = 0; l < classes; l++) {
                    e[k * classes + l] = k == l ? a : b;
                }
            }
        }

        @Override
        public boolean isConstant() {
            return alpha.isConstant() && beta.isConstant();
        }
    }

    /** A general constant K×K matrix (row k = affected class, column k' = trained class). */
    record Matrix(double[][] e) implements Impact {
        public Matrix {
            e = ModelMath.copy(e);
        }

        @Override
        public void fill(double t, int classes, double[] out) {
            for (int k = 0; k < classes; k++) {
                System.arraycopy(e[k], 0, out, k * classes, classes);
            }
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Matrix m && java.util.Arrays.deepEquals(e, m.e);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.deepHashCode(e);
        }
    }
}
