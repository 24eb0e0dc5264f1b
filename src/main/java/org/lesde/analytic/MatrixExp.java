package org.lesde.analytic;

import java.util.function.DoubleUnaryOperator;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The exponential of a real square matrix: EJML's eigen-decomposition M = V·Λ·V⁻¹ when the
 * spectrum is real and V is well conditioned (exp(τM) = V·e^{τΛ}·V⁻¹, cheap to re-evaluate at
 * many τ), otherwise Higham's scaling-and-squaring Padé approximant of degree 13 (SIAM J.
 * Matrix Anal. Appl. 26, 2005) — the fallback for defective or nearly defective M (an eigenpair
 * whose residual is not at rounding level — EJML returns non-eigenvectors for a Jordan block — or
 * cond₂(V) above {@value #MAX_EIGENVECTOR_CONDITION}) and for complex spectra (EJML returns no
 * eigenvectors for complex eigenvalues).
 */
public final class MatrixExp {
    /** cond₂(V) above which the eigenvector basis is considered (nearly) defective. */
    public static final double MAX_EIGENVECTOR_CONDITION = 1e6;
    /** Largest accepted relative residual ‖M·v − λ·v‖ / (‖M‖_F·‖v‖) of an eigenpair. */
    public static final double MAX_EIGEN_RESIDUAL = 1e-11;

    private static final double THETA_13 = 5.371920351148152;
    private static final double[] B13 = {64764752532480000.0, 32382376266240000.0, 7771770303897600.0,
        1187353796428800.0, 129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
        40840800.0, 960960.0, 16380.0, 182.0, 1.0};

    private MatrixExp() {
    }

    /** exp(m) (m is not modified). */
    public static double[][] exp(double[][] m) {
        return of(m).at(1.0);
    }

    /**
     * Prepares exp(τ·m) for repeated evaluation: eigen-decomposes m once when that is accurate,
     * otherwise evaluates by Padé at each τ.
     */
    public static Generator of(double[][] m) {
        int n = m.length;
        DMatrixRMaj a = new DMatrixRMaj(m);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, false);
        if (eig.decompose(a.copy())) {
            double[] lambda = new double[n];
            DMatrixRMaj v = new DMatrixRMaj(n, n);
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                Complex_F64 c = eig.getEigenvalue(i);
                DMatrixRMaj vi = eig.getEigenVector(i);
                if (!c.isReal() || vi == null) {
                    ok = false;
                    break;
                }
                lambda[i] = c.getReal();
                for (int r = 0; r < n; r++) {
                    v.set(r, i, vi.get(r));
                }
            }
            // EJML can return non-eigenvectors for defective matrices (e.g. a Jordan block): verify
            // every pair, M·v = λ·v to rounding
            double mNorm = Math.max(NormOps_DDRM.normF(a), Double.MIN_NORMAL);
            for (int i = 0; i < n && ok; i++) {
                double res = 0;
                double vn = 0;
                for (int r = 0; r < n; r++) {
                    double acc = -lambda[i] * v.get(r, i);
                    for (int c = 0; c < n; c++) {
                        acc += a.get(r, c) * v.get(c, i);
                    }
                    res += acc * acc;
                    vn += v.get(r, i) * v.get(r, i);
                }
                ok = Math.sqrt(res) <= MAX_EIGEN_RESIDUAL * mNorm * Math.sqrt(vn);
            }
            if (ok) {
                double cond = NormOps_DDRM.conditionP2(v);
                if (Double.isFinite(cond) && cond <= MAX_EIGENVECTOR_CONDITION) {
                    DMatrixRMaj vinv = new DMatrixRMaj(n, n);
                    if (CommonOps_DDRM.invert(v.copy(), vinv)) {
                        return new Eigen(lambda, v, vinv);
                    }
                }
            }
        }
        return new PadeGenerator(a);
    }

    private static final class PadeGenerator implements Generator {
        private final DMatrixRMaj a;

        PadeGenerator(DMatrixRMaj a) {
            this.a = a;
        }

        @Override
        public double[][] at(double tau) {
            DMatrixRMaj s = a.copy();
            CommonOps_DDRM.scale(tau, s);
            return toArray(pade(s));
        }

        @Override
        public double[][][] withIntegral(double tau) {
            int n = a.numRows;
            DMatrixRMaj z = new DMatrixRMaj(2 * n, 2 * n);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    z.set(r, c, tau * a.get(r, c));
                }
                z.set(r, n + r, tau);
            }
            DMatrixRMaj e = pade(z);
            double[][] ex = new double[n][n];
            double[][] in = new double[n][n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    ex[r][c] = e.get(r, c);
                    in[r][c] = e.get(r, n + c);
                }
            }
            return new double[][][] {ex, in};
        }
    }

    /** φ₁(z) = (e^z − 1)/z, 1 at z = 0. */
    public static double phi1(double z) {
        return Math.abs(z) < 1e-300 ? 1.0 : Math.expm1(z) / z;
    }

    /** exp(τ·M) as a function of τ. */
    @FunctionalInterface
    public interface Generator {
        double[][] at(double tau);

        /**
         * {exp(τM), ∫₀^τ exp(σM) dσ = τ·φ₁(τM)}. Default: the exponential of the augmented
         * matrix [[τM, τI], [0, 0]] (Van Loan), whose blocks are exactly these two.
         */
        default double[][][] withIntegral(double tau) {
            throw new UnsupportedOperationException();
        }

        /** True when evaluated through the eigen-decomposition. */
        default boolean isEigen() {
            return false;
        }
    }

    private static final class Eigen implements Generator {
        private final double[] lambda;
        private final DMatrixRMaj v;
        private final DMatrixRMaj vinv;

        Eigen(double[] lambda, DMatrixRMaj v, DMatrixRMaj vinv) {
            this.lambda = lambda;
            this.v = v;
            this.vinv = vinv;
        }

        @Override
        public double[][] at(double tau) {
            return spectral(l -> Math.exp(tau * l));
        }

        @Override
        public double[][][] withIntegral(double tau) {
            return new double[][][] {at(tau), spectral(l -> tau * phi1(tau * l))};
        }

        /** f(M) = V·diag(f(λ))·V⁻¹. */
        private double[][] spectral(DoubleUnaryOperator f) {
            int n = lambda.length;
            DMatrixRMaj scaled = v.copy();
            for (int c = 0; c < n; c++) {
                double e = f.applyAsDouble(lambda[c]);
                for (int r = 0; r < n; r++) {
                    scaled.set(r, c, scaled.get(r, c) * e);
                }
            }
            DMatrixRMaj out = new DMatrixRMaj(n, n);
            CommonOps_DDRM.mult(scaled, vinv, out);
            return toArray(out);
        }

        @Override
        public boolean isEigen() {
            return true;
        }
    }

    /** exp(a) by scaling and squaring with the [13/13] Padé approximant (Higham 2005). */
    public static double[][] pade(double[][] a) {
        return toArray(pade(new DMatrixRMaj(a)));
    }

    static DMatrixRMaj pade(DMatrixRMaj a) {
        int n = a.numRows;
        double norm = NormOps_DDRM.normP1(a);
        int s = 0;
        if (norm > THETA_13) {
            s = Math.max(0, (int) Math.ceil(Math.log(norm / THETA_13) / Math.log(2)));
        }
        DMatrixRMaj x = a.copy();
        if (s > 0) {
            CommonOps_DDRM.scale(Math.scalb(1.0, -s), x);
        }
        DMatrixRMaj id = CommonOps_DDRM.identity(n);
        DMatrixRMaj a2 = new DMatrixRMaj(n, n);
        DMatrixRMaj a4 = new DMatrixRMaj(n, n);
        DMatrixRMaj a6 = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(x, x, a2);
        CommonOps_DDRM.mult(a2, a2, a4);
        CommonOps_DDRM.mult(a4, a2, a6);
        double[] b = B13;
        // U = A·[A6·(b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
        DMatrixRMaj t = lin(b[13], a6, b[11], a4, b[9], a2, 0, id);
        DMatrixRMaj t2 = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a6, t, t2);
        DMatrixRMaj inner = lin(b[7], a6, b[5], a4, b[3], a2, b[1], id);
        CommonOps_DDRM.addEquals(inner, t2);
        DMatrixRMaj u = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(x, inner, u);
        // V = A6·(b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
        DMatrixRMaj w = lin(b[12], a6, b[10], a4, b[8], a2, 0, id);
        DMatrixRMaj vv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a6, w, vv);
        CommonOps_DDRM.addEquals(vv, lin(b[6], a6, b[4], a4, b[2], a2, b[0], id));
        // (V − U)·R = V + U
        DMatrixRMaj p = vv.copy();
        CommonOps_DDRM.addEquals(p, u);
        DMatrixRMaj q = vv.copy();
        CommonOps_DDRM.subtractEquals(q, u);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(q)) {
            throw new ArithmeticException("Padé denominator is singular");
        }
        DMatrixRMaj r = new DMatrixRMaj(n, n);
        solver.solve(p, r);
        DMatrixRMaj tmp = new DMatrixRMaj(n, n);
        for (int i = 0; i < s; i++) {
            CommonOps_DDRM.mult(r, r, tmp);
            DMatrixRMaj sw = r;
            r = tmp;
            tmp = sw;
        }
        return r;
    }

    private static DMatrixRMaj lin(double c1, DMatrixRMaj m1, double c2, DMatrixRMaj m2, double c3, DMatrixRMaj m3,
            double c4, DMatrixRMaj id) {
        DMatrixRMaj out = new DMatrixRMaj(m1.numRows, m1.numCols);
        CommonOps_DDRM.add(c1, m1, c2, m2, out);
        CommonOps_DDRM.addEquals(out, c3, m3);
        if (c4 != 0) {
            CommonOps_DDRM.addEquals(out, c4, id);
        }
        return out;
    }

    static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                out[r][c] = m.get(r, c);
            }
        }
        return out;
    }

    /** y = m·x. */
    public static double[] apply(double[][] m, double[] x) {
        double[] y = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double acc = 0;
            double[] mi = m[i];
            for (int j = 0; j < x.length; j++) {
                acc += mi[j] * x[j];
            }
            y[i] = acc;
        }
        return y;
    }
}
