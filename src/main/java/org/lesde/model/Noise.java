package org.lesde.model;

import java.util.Arrays;
import java.util.Objects;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lesde.BadInputException;
import org.lesde.Require;

/**
 * The noise covariance Σ(t) of the LE-SDE dX = drift dt + sqrt(h)·Σ(t)^{1/2} dW, or the
 * state-proportional diagonal model. The matrix forms carry an optional time scale s(t):
 * Σ(t) = s(t)²·Σ₀.
 */
public sealed interface Noise permits Noise.Additive, Noise.Diagonal, Noise.Full, Noise.Proportional {

    /** The kind (model-file name and SDE noise type). */
    NoiseKind kind();

    /** Σ(t) = σ(t)²·I. */
    record Additive(Schedule sigma) implements Noise {
        @Override
        public NoiseKind kind() {
            return NoiseKind.ADDITIVE;
        }
    }

    /** Σ(t) = s(t)²·diag(σ_i²), σ of length K·p (class-major, like the state). */
    record Diagonal(double[] sigmas, Schedule scale) implements Noise {
        public Diagonal {
            sigmas = sigmas.clone();
            for (int i = 0; i < sigmas.length; i++) {
                Require.nonNegative("noise.sigmas[" + i + "]", sigmas[i]);
            }
        }

        @Override
        public NoiseKind kind() {
            return NoiseKind.DIAGONAL;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Diagonal d && sameScaled(sigmas, scale, d.sigmas, d.scale);
        }

        @Override
        public int hashCode() {
            return scaledHash(Arrays.hashCode(sigmas), scale);
        }

        @Override
        public String toString() {
            return "Diagonal" + Arrays.toString(sigmas);
        }
    }

    /**
     * Σ(t) = s(t)²·Σ₀ with Σ₀ symmetric positive semidefinite, either p×p (the same covariance
     * for every class, classes independent: block diagonal) or Kp×Kp. {@code factor} is L with
     * L·Lᵀ = Σ₀ (L = V·diag(sqrt λ) from the symmetric eigen-decomposition, which also handles a
     * singular Σ₀).
     */
    record Full(double[][] matrix, double[][] factor, Schedule scale) implements Noise {

        /** Validates Σ₀ (square, symmetric, PSD) and factors it. */
        public static Full of(double[][] matrix, Schedule scale, String field) {
            int n = matrix.length;
            Require.shape(field, matrix, n, n);
            Require.that(n > 0, field + " must not be empty");
            double max = 0;
            for (double[] row : matrix) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (Math.abs(matrix[i][j] - matrix[j][i]) > 1e-12 * Math.max(max, 1e-300)) {
                        throw new BadInputException(field + " must be symmetric, got [" + i + "][" + j + "] = "
                                + matrix[i][j] + " but [" + j + "][" + i + "] = " + matrix[j][i]);
                    }
                }
            }
            DMatrixRMaj a = new DMatrixRMaj(matrix);
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(a)) {
                throw new BadInputException(field + " could not be decomposed (eigen-decomposition failed)");
            }
            double[][] l = new double[n][n];
            for (int c = 0; c < n; c++) {
                double lambda = eig.getEigenvalue(c).getReal();
                if (lambda < -1e-10 * Math.max(max, 1e-300)) {
                    throw new BadInputException(field + " must be positive semidefinite, got eigenvalue " + lambda);
                }
                double s = Math.sqrt(Math.max(lambda, 0));
                DMatrixRMaj v = eig.getEigenVector(c);
                for (int r = 0; r < n; r++) {
                    l[r][c] = v.get(r) * s;
                }
            }
            return new Full(ModelMath.copy(matrix), l, scale);
        }

        @Override
        public NoiseKind kind() {
            return NoiseKind.FULL;
        }

        public int size() {
            return matrix.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Full f && sameScaled(matrix, scale, f.matrix, f.scale);
        }

        @Override
        public int hashCode() {
            return scaledHash(Arrays.deepHashCode(matrix), scale);
        }

        @Override
        public String toString() {
            return "Full" + Arrays.deepToString(matrix);
        }
    }

    /**
     * State-proportional diagonal noise g_i(x) = sqrt(h)·σ·x_i, or, when {@code centred},
     * sqrt(h)·σ·(x_i − X̄_i(t)) with X̄ the LE-ODE class means. Makes Milstein differ from
     * Euler–Maruyama (∂g_i/∂x_i = sqrt(h)·σ).
     */
    record Proportional(double sigma, boolean centred) implements Noise {
        @Override
        public NoiseKind kind() {
            return NoiseKind.PROPORTIONAL;
        }

        public Proportional {
            Require.nonNegative("noise.sigma", sigma);
        }
    }

    /**
     * Equality of the scaled matrix forms (diagonal, full): the same Σ₀ data, compared element-wise
     * ({@code double[]} or {@code double[][]}), and the same time scale. {@code factor} is derived.
     */
    private static boolean sameScaled(Object sigma0, Schedule scale, Object otherSigma0, Schedule otherScale) {
        return Objects.deepEquals(sigma0, otherSigma0) && scale.equals(otherScale);
    }

    private static int scaledHash(int sigma0Hash, Schedule scale) {
        return sigma0Hash * 31 + scale.hashCode();
    }
}
