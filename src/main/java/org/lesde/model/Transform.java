package org.lesde.model;

import java.util.Arrays;

/**
 * A transformation kind with, for {@link TransformKind#MATRIX}, its p×p matrices: either one
 * shared matrix ({@code matrices.length == 1}) or K² matrices indexed {@code k*K + k'}.
 */
public record Transform(TransformKind kind, double[][][] matrices) {

    public static Transform of(TransformKind kind) {
        if (kind == TransformKind.MATRIX) {
            throw new IllegalArgumentException("matrix transform needs matrices");
        }
        return new Transform(kind, null);
    }

    public static Transform shared(double[][] h) {
        return new Transform(TransformKind.MATRIX, new double[][][] {ModelMath.copy(h)});
    }

    public boolean isShared() {
        return matrices != null && matrices.length == 1;
    }

    /** The p×p matrix H_kk' for a MATRIX transform. */
    public double[][] matrix(int k, int kPrime, int classes) {
        return isShared() ? matrices[0] : matrices[k * classes + kPrime];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transform t && t.kind == kind && Arrays.deepEquals(matrices, t.matrices);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.deepHashCode(matrices);
    }

    @Override
    public String toString() {
        return kind.key();
    }
}
