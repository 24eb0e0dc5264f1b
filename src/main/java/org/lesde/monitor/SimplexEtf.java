package org.lesde.monitor;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The simplex equiangular tight frame (ETF) in R^p: the columns of sqrt(K/(K−1))·U·(I − 11ᵀ/K)
 * with U (p x K) having orthonormal columns. Its K vertices have unit norm and pairwise cosine
 * −1/(K−1), and sum to zero. Vertices are returned flat, vertex k at {@code [k*p .. k*p+p)}.
 */
public final class SimplexEtf {
    private SimplexEtf() {
    }

    /** The pairwise cosine of simplex-ETF vertices, −1/(K−1). */
    public static double cosine(int classes) {
        return -1.0 / (classes - 1);
    }

    /**
     * The standard simplex ETF: for p ≥ K, U = [I_K; 0], so vertex k = sqrt(K/(K−1))·(e_k − 1/K·1)
     * in the first K coordinates (the residual directions r_k of the logits, scaled to unit norm);
     * for p = K−1, the ETF expressed in the Helmert basis of 1^⊥ (vertex k = sqrt(K/(K−1))·row k
     * of the K x (K−1) Helmert matrix).
     */
    public static double[] vertices(int classes, int dim) {
        if (classes < 2 || dim < classes - 1) {
            throw new IllegalArgumentException("a simplex ETF of K = " + classes + " vertices needs K >= 2 and p >= K-1, got p = " + dim);
        }
        double s = Math.sqrt(classes / (classes - 1.0));
        double[] v = new double[classes * dim];
        if (dim >= classes) {
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < classes; j++) {
                    v[k * dim + j] = s * (((k == j) ? 1.0 : 0.0) - 1.0 / classes);
                }
            }
        } else {
            DMatrixRMaj q = MeanGeometry.helmert(classes);
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < dim; j++) {
                    v[k * dim + j] = s * q.get(k, j);
                }
            }
        }
        return v;
    }

    /**
     * The simplex ETF sqrt(K/(K−1))·U·(I − 11ᵀ/K) for a given U with orthonormal columns.
     *
     * @param u p x K row-major ({@code [j*K + k]}), columns orthonormal (not checked beyond shape)
     */
    public static double[] vertices(int classes, int dim, double[] u) {
        if (u.length != classes * dim || dim < classes) {
            throw new IllegalArgumentException("U must be p x K with p >= K, got " + u.length + " values for p=" + dim + ", K=" + classes);
        }
        double s = Math.sqrt(classes / (classes - 1.0));
        double[] v = new double[classes * dim];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                double rowMean = 0;
                for (int l = 0; l < classes; l++) {
                    rowMean += u[j * classes + l];
                }
                rowMean /= classes;
                v[k * dim + j] = s * (u[j * classes + k] - rowMean);
            }
        }
        return v;
    }

    /**
     * The scaled simplex ETF nearest to the given class means, positioned at their global mean:
     * vertices μ_G + c·e_k where E = sqrt(K/(K−1))·O·Qᵀ, O = A Bᵀ the orthogonal polar factor of
     * N = M̃Q (SVD N = A S Bᵀ, Q the Helmert basis of 1^⊥; orthogonal Procrustes) and c ≥ 0 the
     * least-squares scale ⟨M̃, E⟩/||E||². For K = 3 the vertices lie in the plane of the means.
     * Useful to draw "the" ETF next to trajectories of class means. Needs p ≥ K − 1.
     */
    public static double[] nearest(double[] means, int classes, int dim) {
        if (classes < 2 || dim < classes - 1 || means.length != classes * dim) {
            throw new IllegalArgumentException("nearest ETF needs K >= 2, p >= K-1 and K*p means; got K=" + classes + ", p=" + dim);
        }
        double[] g = MeanGeometry.globalMean(means, classes, dim);
        double[] c = MeanGeometry.centred(means, classes, dim);
        int r = classes - 1;
        DMatrixRMaj q = MeanGeometry.helmert(classes);
        DMatrixRMaj n = new DMatrixRMaj(dim, r);
        for (int j = 0; j < dim; j++) {
            for (int col = 0; col < r; col++) {
                double s = 0;
                for (int k = 0; k < classes; k++) {
                    s += c[k * dim + j] * q.get(k, col);
                }
                n.set(j, col, s);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dim, r, true, true, true);
        if (!MeanGeometry.allFinite(c) || !svd.decompose(n)) {
            double[] nan = new double[classes * dim];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
        DMatrixRMaj a = svd.getU(null, false);
        DMatrixRMaj b = svd.getV(null, false);
        int m = svd.numberOfSingularValues();
        // O = A Bᵀ (p x r)
        double[] o = new double[dim * r];
        for (int j = 0; j < dim; j++) {
            for (int col = 0; col < r; col++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += a.get(j, i) * b.get(col, i);
                }
                o[j * r + col] = s;
            }
        }
        double scale = Math.sqrt(classes / (classes - 1.0));
        double[] e = new double[classes * dim];
        double dot = 0;
        double ee = 0;
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                double s = 0;
                for (int col = 0; col < r; col++) {
                    s += o[j * r + col] * q.get(k, col);
                }
                s *= scale;
                e[k * dim + j] = s;
                dot += s * c[k * dim + j];
                ee += s * s;
            }
        }
        double cs = ee > 0 ? Math.max(0, dot / ee) : 0;
        double[] v = new double[classes * dim];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                v[k * dim + j] = g[j] + cs * e[k * dim + j];
            }
        }
        return v;
    }
}
