package org.lesde.monitor;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * A 2-D plane in feature space for drawing class-mean trajectories next to the simplex ETF: an
 * origin and two orthonormal axes; {@link #project} gives the plane coordinates (u, v) of a point.
 *
 * <p>{@link #fit} takes reference class means (typically those at the final output time, where
 * they are closest to the ETF): the origin is their global mean μ_G and the axes are the top two
 * principal directions of the centred means (top-2 left singular vectors of M̃). For K = 3 the
 * centred means span at most two dimensions, so the plane contains them and their nearest simplex
 * ETF ({@link SimplexEtf#nearest}) exactly; for K &gt; 3 it is the least-squares best-fitting plane
 * through μ_G, and the ETF vertices are drawn as their orthogonal projections.
 *
 * <p>Orientation is fixed so that pictures are comparable: axis 1 points along class 0's
 * projected centred mean (class 0 on the positive u axis), axis 2 is chosen so that class 1 has
 * v ≥ 0. If the means span fewer than two dimensions the remaining axes come from the SVD's
 * orthonormal completion; for p = 1 axis 2 is zero.
 */
public final class EtfPlane {
    private final int dim;
    private final double[] origin;
    private final double[] axis1;
    private final double[] axis2;

    private EtfPlane(double[] origin, double[] axis1, double[] axis2) {
        this.dim = origin.length;
        this.origin = origin;
        this.axis1 = axis1;
        this.axis2 = axis2;
    }

    /** A plane through {@code origin} spanned by two orthonormal axes (all length p, copied). */
    public static EtfPlane of(double[] origin, double[] axis1, double[] axis2) {
        if (origin.length != axis1.length || origin.length != axis2.length) {
            throw new IllegalArgumentException("origin and axes must have the same length");
        }
        return new EtfPlane(origin.clone(), axis1.clone(), axis2.clone());
    }

    /** The plane fitted to reference class means {@code [k*p + j]} (see the class comment). */
    public static EtfPlane fit(double[] means, int classes, int dim) {
        if (classes < 2 || means.length != classes * dim) {
            throw new IllegalArgumentException("need K >= 2 and K*p means, got " + means.length + " for K=" + classes + ", p=" + dim);
        }
        double[] g = MeanGeometry.globalMean(means, classes, dim);
        double[] c = MeanGeometry.centred(means, classes, dim);
        double[] a1 = new double[dim];
        double[] a2 = new double[dim];
        if (dim == 1) {
            a1[0] = 1;
            return new EtfPlane(g, a1, a2);
        }
        DMatrixRMaj m = new DMatrixRMaj(dim, classes);
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                m.set(j, k, MeanGeometry.allFinite(c) ? c[k * dim + j] : 0.0);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(dim, classes, true, false, false);
        if (!svd.decompose(m)) {
            a1[0] = 1;
            a2[1] = 1;
            return new EtfPlane(g, a1, a2);
        }
        DMatrixRMaj u = svd.getU(null, false);
        double[] sv = svd.getSingularValues();
        int n = svd.numberOfSingularValues();
        int i1 = -1;
        int i2 = -1;
        for (int i = 0; i < n; i++) {
            if (i1 < 0 || sv[i] > sv[i1]) {
                i2 = i1;
                i1 = i;
            } else if (i2 < 0 || sv[i] > sv[i2]) {
                i2 = i;
            }
        }
        for (int j = 0; j < dim; j++) {
            a1[j] = u.get(j, i1);
            a2[j] = u.get(j, i2);
        }
        // rotate within the plane so that class 0 lies on the positive first axis
        double x0 = dot(c, 0, a1);
        double y0 = dot(c, 0, a2);
        double r0 = Math.hypot(x0, y0);
        if (r0 > 0) {
            double cos = x0 / r0;
            double sin = y0 / r0;
            double[] b1 = new double[dim];
            double[] b2 = new double[dim];
            for (int j = 0; j < dim; j++) {
                b1[j] = cos * a1[j] + sin * a2[j];
                b2[j] = -sin * a1[j] + cos * a2[j];
            }
            a1 = b1;
            a2 = b2;
        }
        if (dot(c, dim, a2) < 0) {
            for (int j = 0; j < dim; j++) {
                a2[j] = -a2[j];
            }
        }
        return new EtfPlane(g, a1, a2);
    }

    private static double dot(double[] x, int offset, double[] a) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += x[offset + j] * a[j];
        }
        return s;
    }

    /** Plane coordinates {u, v} of the point {@code x[offset .. offset+p)}. */
    public double[] project(double[] x, int offset) {
        double u = 0;
        double v = 0;
        for (int j = 0; j < dim; j++) {
            double d = x[offset + j] - origin[j];
            u += d * axis1[j];
            v += d * axis2[j];
        }
        return new double[] {u, v};
    }

    /**
     * Plane coordinates of K points stored flat ({@code x[k*p + j]}, e.g. one path or the class
     * means at one time): returns {@code [u_0, v_0, u_1, v_1, ...]}, length 2K.
     */
    public double[] projectAll(double[] x) {
        if (x.length % dim != 0) {
            throw new IllegalArgumentException("length " + x.length + " is not a multiple of p = " + dim);
        }
        int k = x.length / dim;
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            double[] uv = project(x, i * dim);
            out[2 * i] = uv[0];
            out[2 * i + 1] = uv[1];
        }
        return out;
    }

    public double[] origin() {
        return origin.clone();
    }

    public double[] axis1() {
        return axis1.clone();
    }

    public double[] axis2() {
        return axis2.clone();
    }
}
