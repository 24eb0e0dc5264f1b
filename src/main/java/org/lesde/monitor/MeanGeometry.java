package org.lesde.monitor;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Centred class means and the pseudo-inverse used by NC1. Package-private helpers. */
final class MeanGeometry {
    private MeanGeometry() {
    }

    static double[] globalMean(double[] means, int classes, int dim) {
        double[] g = new double[dim];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                g[j] += means[k * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            g[j] /= classes;
        }
        return g;
    }

    /** μ̃_k = μ_k − μ_G, flat {@code [k*p + j]}. */
    static double[] centred(double[] means, int classes, int dim) {
        double[] g = globalMean(means, classes, dim);
        double[] c = new double[classes * dim];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                c[k * dim + j] = means[k * dim + j] - g[j];
            }
        }
        return c;
    }

    static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Orthonormal basis of the complement of the all-ones vector in R^K (Helmert), K x (K−1):
     * column c (m = c + 1) is (1, .., 1, −m, 0, .., 0)/sqrt(m(m+1)) with m ones.
     */
    static DMatrixRMaj helmert(int classes) {
        DMatrixRMaj q = new DMatrixRMaj(classes, classes - 1);
        for (int c = 0; c < classes - 1; c++) {
            int m = c + 1;
            double s = 1.0 / Math.sqrt((double) m * (m + 1));
            for (int i = 0; i < m; i++) {
                q.set(i, c, s);
            }
            q.set(m, c, -m * s);
        }
        return q;
    }

    /**
     * R = N^† ((K−1) x p) with N = M̃·Q (p x (K−1)), Q the Helmert basis of 1^⊥. Since the
     * columns of M̃ sum to zero, M̃ = N·Qᵀ and Σ_B = (1/K) M̃M̃ᵀ = (1/K) N Nᵀ, hence
     * Σ_B^† = K·RᵀR and (1/K)·tr(Σ_W Σ_B^†) = tr(R Σ_W Rᵀ) = (1/N) Σ_i ||R (h_i − μ_{y_i})||².
     * Working with N (p x (K−1)) instead of the p x p matrix Σ_B removes the structural zero
     * singular value, does not square the condition number and costs O(pK²). Returns null when
     * the class means coincide (M̃ = 0) or are not finite.
     */
    static DMatrixRMaj nc1Projector(double[] centred, int classes, int dim) {
        if (classes < 2 || !allFinite(centred)) {
            return null;
        }
        int r = classes - 1;
        double[] q = helmert(classes).data; // K x (K−1), row-major
        DMatrixRMaj n = new DMatrixRMaj(dim, r);
        double[] nd = n.data;
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            for (int c = 0; c < r; c++) {
                double s = 0;
                for (int k = 0; k <= c + 1; k++) {
                    s += centred[k * dim + j] * q[k * r + c];
                }
                nd[j * r + c] = s;
                norm = Math.max(norm, Math.abs(s));
            }
        }
        if (norm == 0) {
            return null;
        }
        if (classes >= PINV_QR_MIN_CLASSES && dim >= r) {
            DMatrixRMaj viaQr = pinvByQr(n);
            if (viaQr != null) {
                return viaQr;
            }
        }
        return pinv(n);
    }

    /**
     * From this many classes on, the NC1 projector comes from a Householder QR of N
     * ({@link #pinvByQr}) when N has clearly full column rank: about 0.6 s at K = p = 1000 against
     * 2.8 s for the SVD, the same to about 1e-13 relative (Nc1ProjectorIdentityTest); below it the SVD
     * costs milliseconds and keeps the numbers of lesde 0.1 bit for bit.
     */
    static final int PINV_QR_MIN_CLASSES = 128;

    /** The QR route is taken only when min |R_ii| exceeds this times max |R_ii| (else the SVD decides the rank). */
    static final double PINV_QR_RANK_TOLERANCE = 1e-8;

    /**
     * N^† = R⁻¹Qᵀ from N = QR (Householder, Q p x r with orthonormal columns, R r x r upper
     * triangular) for a tall N (p ≥ r) of full column rank, where it equals the SVD's
     * pseudo-inverse; null when the diagonal of R shows N near rank-deficient
     * ({@link #PINV_QR_RANK_TOLERANCE}) or the decomposition fails.
     */
    static DMatrixRMaj pinvByQr(DMatrixRMaj a) {
        int rows = a.numRows;
        int cols = a.numCols;
        if (rows < cols) {
            return null;
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
        if (!qr.decompose(a.copy())) {
            return null;
        }
        DMatrixRMaj rr = qr.getR(null, true);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cols; i++) {
            double d = Math.abs(rr.data[i * cols + i]);
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        if (!(min > PINV_QR_RANK_TOLERANCE * max)) {
            return null;
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj out = new DMatrixRMaj(cols, rows);
        double[] b = new double[cols];
        for (int j = 0; j < rows; j++) {
            // column j of R⁻¹Qᵀ solves R x = (row j of Q)
            System.arraycopy(q.data, j * cols, b, 0, cols);
            TriangularSolver_DDRM.solveU(rr.data, b, cols);
            for (int i = 0; i < cols; i++) {
                out.data[i * rows + j] = b[i];
            }
        }
        return MeanGeometry.allFinite(out.data) ? out : null;
    }

    /**
     * Moore–Penrose pseudo-inverse by SVD, dropping singular values below
     * σ_max·max(rows, cols)·ε (the MATLAB / NumPy default threshold).
     */
    static DMatrixRMaj pinv(DMatrixRMaj a) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, true, true, true);
        if (!svd.decompose(a.copy())) {
            return null;
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        int m = svd.numberOfSingularValues();
        double max = 0;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, sv[i]);
        }
        double tol = max * Math.max(a.numRows, a.numCols) * Math.ulp(1.0);
        // pinv = V diag(1/σ) Uᵀ  (cols x rows): each entry sums its terms in the order of i, as the
        // one-entry-at-a-time loop through the getters did; column i of U is copied once so that
        // the inner loop runs over contiguous arrays
        int rows = a.numRows;
        int cols = a.numCols;
        DMatrixRMaj out = new DMatrixRMaj(cols, rows);
        double[] od = out.data;
        double[] ui = new double[rows];
        for (int i = 0; i < m; i++) {
            if (!(sv[i] > tol)) {
                continue;
            }
            double inv = 1.0 / sv[i];
            for (int c = 0; c < rows; c++) {
                ui[c] = u.data[c * u.numCols + i];
            }
            for (int r = 0; r < cols; r++) {
                double vr = v.data[r * v.numCols + i] * inv;
                if (vr == 0) {
                    continue;
                }
                int o = r * rows;
                for (int c = 0; c < rows; c++) {
                    od[o + c] += vr * ui[c];
                }
            }
        }
        return out;
    }
}
