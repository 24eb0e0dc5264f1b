package org.lesde.analytic;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.TransformKind;

/**
 * Eigenvalues of (1/K)·A(t) with multiplicities (docs/theory.md#4-closed-forms), in closed form from the structure,
 * and from EJML's general eigen-decomposition of the dense matrix for comparison.
 *
 * <p>Two-level E (α, β at time t): identity: (α+(K−1)β)/K ×p, (α−β)/K ×(K−1)p.
 * residual-source and residual-target: (α−β)/K on d, (α+β/(K−1))/K ×(K−1), 0 ×K(p−1).
 * residual-outer: (α+(K−1)β)/K on d, (α−β)/K ×(K−1), 0 ×K(p−1).
 * General constant E: identity eig(E)/K ×p each; source / target eig(E∘G)/K plus 0 ×K(p−1);
 * outer eig(E)/K plus 0 ×K(p−1) (the reduced K×K problems come from the projections s_k = u_k·X_k,
 * see {@link ClosedForm}). A shared matrix H gives the products λ_i(E)·μ_j(H)/K. Per-pair matrices
 * have no closed-form spectrum.
 */
public final class Spectrum {
    private Spectrum() {
    }

    /** One eigenvalue (real, imaginary) with its multiplicity. */
    public record Eigenvalue(double re, double im, int multiplicity) {
        @Override
        public String toString() {
            String v = im == 0 ? String.format("%.6g", re) : String.format("%.6g%+.6gi", re, im);
            return multiplicity == 1 ? v : v + " x" + multiplicity;
        }
    }

    /** The closed-form spectrum of (1/K)·A(t), or null when none is known (per-pair matrices). */
    public static List<Eigenvalue> closedForm(LeOperator op, double t) {
        int k = op.classes();
        int p = op.dim();
        TransformKind kind = op.transform().kind();
        List<Eigenvalue> out = new ArrayList<>();
        if (op.impact() instanceof Impact.TwoLevel tl) {
            double a = tl.alpha().value(t);
            double b = tl.beta().value(t);
            List<Eigenvalue> twoLevel = switch (kind) {
                case IDENTITY -> {
                    add(out, (a + (k - 1) * b) / k, 0, p);
                    add(out, (a - b) / k, 0, (k - 1) * p);
                    yield merge(out);
                }
                case RESIDUAL_SOURCE, RESIDUAL_TARGET -> {
                    add(out, (a - b) / k, 0, 1);
                    add(out, (a + b / (k - 1)) / k, 0, k - 1);
                    add(out, 0, 0, k * (p - 1));
                    yield merge(out);
                }
                case RESIDUAL_OUTER -> {
                    add(out, (a + (k - 1) * b) / k, 0, 1);
                    add(out, (a - b) / k, 0, k - 1);
                    add(out, 0, 0, k * (p - 1));
                    yield merge(out);
                }
                case MATRIX -> null; // the general E·H products below
            };
            if (twoLevel != null) {
                return twoLevel;
            }
        }
        double[] e = new double[k * k];
        op.impact().fill(t, k, e);
        double[][] em = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                em[i][j] = e[i * k + j];
            }
        }
        boolean structured = switch (kind) {
            case IDENTITY -> {
                for (double[] z : eig(em)) {
                    add(out, z[0] / k, z[1] / k, p);
                }
                yield true;
            }
            case RESIDUAL_OUTER -> {
                for (double[] z : eig(em)) {
                    add(out, z[0] / k, z[1] / k, 1);
                }
                add(out, 0, 0, k * (p - 1));
                yield true;
            }
            case RESIDUAL_SOURCE, RESIDUAL_TARGET -> {
                double[][] eg = new double[k][k];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        eg[i][j] = em[i][j] * (i == j ? 1 : -1.0 / (k - 1));
                    }
                }
                for (double[] z : eig(eg)) {
                    add(out, z[0] / k, z[1] / k, 1);
                }
                add(out, 0, 0, k * (p - 1));
                yield true;
            }
            case MATRIX -> {
                if (!op.transform().isShared()) {
                    yield false;
                }
                List<double[]> le = eig(em);
                List<double[]> lh = eig(op.transform().matrices()[0]);
                for (double[] x : le) {
                    for (double[] y : lh) {
                        add(out, (x[0] * y[0] - x[1] * y[1]) / k, (x[0] * y[1] + x[1] * y[0]) / k, 1);
                    }
                }
                yield true;
            }
        };
        if (!structured) {
            return null;
        }
        return merge(out);
    }

    private static void add(List<Eigenvalue> out, double re, double im, int m) {
        if (m > 0) {
            out.add(new Eigenvalue(re, im, m));
        }
    }

    /** Merges exactly equal values (sums multiplicities), keeping first-seen order. */
    private static List<Eigenvalue> merge(List<Eigenvalue> in) {
        List<Eigenvalue> out = new ArrayList<>();
        for (Eigenvalue e : in) {
            int found = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).re() == e.re() && out.get(i).im() == e.im()) {
                    found = i;
                }
            }
            if (found >= 0) {
                Eigenvalue o = out.get(found);
                out.set(found, new Eigenvalue(o.re(), o.im(), o.multiplicity() + e.multiplicity()));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** All eigenvalues (re, im) of a dense matrix, by EJML. */
    public static List<double[]> eig(double[][] m) {
        int n = m.length;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, false);
        if (!eig.decompose(new DMatrixRMaj(m))) {
            throw new ArithmeticException("EJML eigen-decomposition failed (" + n + "x" + n + ")");
        }
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            out.add(new double[] {c.getReal(), c.getImaginary()});
        }
        return out;
    }

    /** EJML's eigenvalues of the dense (1/K)·A(t). */
    public static List<double[]> numeric(LeOperator op, double t) {
        double[][] a = op.dense(t);
        double s = 1.0 / op.classes();
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= s;
            }
        }
        return eig(a);
    }

    /** Expands a closed-form spectrum into a list of (re, im) with repetitions. */
    public static List<double[]> expand(List<Eigenvalue> spectrum) {
        List<double[]> out = new ArrayList<>();
        for (Eigenvalue e : spectrum) {
            for (int i = 0; i < e.multiplicity(); i++) {
                out.add(new double[] {e.re(), e.im()});
            }
        }
        return out;
    }

    /**
     * The largest distance between matched eigenvalues of two multisets of equal size (greedy:
     * each value of {@code expected}, largest modulus first, takes its nearest unmatched value of
     * {@code actual}); +∞ when the sizes differ.
     */
    public static double maxMatchedDistance(List<double[]> expected, List<double[]> actual) {
        if (expected.size() != actual.size()) {
            return Double.POSITIVE_INFINITY;
        }
        List<double[]> exp = new ArrayList<>(expected);
        exp.sort((x, y) -> Double.compare(Math.hypot(y[0], y[1]), Math.hypot(x[0], x[1])));
        boolean[] used = new boolean[actual.size()];
        double worst = 0;
        for (double[] e : exp) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < actual.size(); j++) {
                if (!used[j]) {
                    double d = Math.hypot(e[0] - actual.get(j)[0], e[1] - actual.get(j)[1]);
                    if (d < bd) {
                        bd = d;
                        best = j;
                    }
                }
            }
            used[best] = true;
            worst = Math.max(worst, bd);
        }
        return worst;
    }
}
