package org.lesde.model;

/**
 * The linear operator A(t) of the LE dynamics, applied with structure: block (k, k') of A is
 * E_kk'(t)·H_kk'(t), and A·v is never formed as a dense Kp×Kp product for identity and residual
 * transforms. Costs per application (two-level E / general E):
 * identity O(Kp) / O(K²p); residual kinds O(Kp) / O(Kp + K²); shared matrix O(Kp² + Kp) /
 * O(Kp² + K²p); per-block matrices O(K²p²).
 *
 * <p>Derivation of the residual kinds (u_k = c·(e_k − 1/K·1) on the first K coordinates,
 * c = sqrt(K/(K−1)), so u_k·v = c·(v[k] − mean_{j<K} v[j])):
 * <ul>
 * <li>source: (A v)_k = Σ_k' E_kk' s_k' u_k' with s_k' = u_k'·v_k'; coordinate j < K equals
 *     c·(E_kj s_j − (1/K)·Σ_k' E_kk' s_k').</li>
 * <li>target: (A v)_k = u_k·Σ_k' E_kk' (u_k·v_k').</li>
 * <li>outer: (A v)_k = u_k·Σ_k' E_kk' s_k'.</li>
 * </ul>
 * The operator is immutable and shared between threads; each thread applies it through its own
 * {@link Kernel}, which owns the work buffers (created once, no allocation per call).
 */
public final class LeOperator {
    private final int classes;
    private final int dim;
    private final Impact impact;
    private final Transform transform;
    private final double c;

    public LeOperator(int classes, int dim, Impact impact, Transform transform) {
        this.classes = classes;
        this.dim = dim;
        this.impact = impact;
        this.transform = transform;
        this.c = Math.sqrt(classes / (classes - 1.0));
    }

    public static LeOperator of(LeModel m) {
        return new LeOperator(m.classes(), m.dim(), m.impact(), m.transform());
    }

    public int classes() {
        return classes;
    }

    public int dim() {
        return dim;
    }

    public Impact impact() {
        return impact;
    }

    public Transform transform() {
        return transform;
    }

    /** A per-thread kernel with its own work buffers. */
    public Kernel kernel() {
        return new Kernel();
    }

    /**
     * The dense Kp×Kp matrix A(t) (row-major). Only for tests, small models and closed forms:
     * O((Kp)²) memory.
     */
    public double[][] dense(double t) {
        int k2 = classes * classes;
        double[] e = new double[k2];
        impact.fill(t, classes, e);
        int n = classes * dim;
        double[][] a = new double[n][n];
        double[][] u = residualDirections();
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                double ekl = e[k * classes + l];
                for (int i = 0; i < dim; i++) {
                    for (int j = 0; j < dim; j++) {
                        double h = switch (transform.kind()) {
                            case IDENTITY -> i == j ? 1 : 0;
                            case RESIDUAL_SOURCE -> u[l][i] * u[l][j];
                            case RESIDUAL_TARGET -> u[k][i] * u[k][j];
                            case RESIDUAL_OUTER -> u[k][i] * u[l][j];
                            case MATRIX -> transform.matrix(k, l, classes)[i][j];
                        };
                        a[k * dim + i][l * dim + j] = ekl * h;
                    }
                }
            }
        }
        return a;
    }

    /** The unit residual directions u_k ∈ R^p (K×p), zero beyond the first K coordinates. */
    public double[][] residualDirections() {
        double[][] u = new double[classes][dim];
        if (dim < classes) {
            return u;
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < classes; j++) {
                u[k][j] = c * ((k == j ? 1 : 0) - 1.0 / classes);
            }
        }
        return u;
    }

    /** Applies A(t) with work buffers owned by one thread. */
    /** out = A·v for one transform kind, with the kernel's E·scale already filled. */
    @FunctionalInterface
    private interface Structured {
        void apply(Kernel kernel, double scale, double[] v, double[] out);
    }

    public final class Kernel {
        private final double[] e = new double[classes * classes];
        private final double[] s = new double[classes];
        private final double[] tk = new double[classes];
        private final double[] sum = new double[dim];
        private final double[] tmp = new double[dim];
        private final double[] bs = new double[classes];
        private final boolean twoLevel = impact instanceof Impact.TwoLevel;
        private final boolean constantE = impact.isConstant();
        /** The structured product of the transform kind (one exhaustive switch, chosen once). */
        private final Structured structured = switch (transform.kind()) {
            case IDENTITY -> Kernel::identity;
            case RESIDUAL_SOURCE -> Kernel::residualSource;
            case RESIDUAL_TARGET -> Kernel::residualTarget;
            case RESIDUAL_OUTER -> Kernel::residualOuter;
            case MATRIX -> Kernel::matrix;
        };
        private double alpha;
        private double beta;
        private boolean eReady;

        private Kernel() {
        }

        /** out = scale·A(t)·v (out and v must not alias). */
        public void apply(double t, double scale, double[] v, double[] out) {
            double a;
            double b;
            if (twoLevel) {
                Impact.TwoLevel tl = (Impact.TwoLevel) impact;
                a = scale * tl.alpha().value(t);
                b = scale * tl.beta().value(t);
                alpha = a;
                beta = b;
            } else {
                if (!constantE || !eReady) {
                    impact.fill(t, classes, e);
                    eReady = constantE;
                }
                a = Double.NaN;
                b = Double.NaN;
            }
            structured.apply(this, scale, v, out);
        }

        /** E_kl·scale for the current call. */
        private double coef(int k, int l, double scale) {
            if (twoLevel) {
                return k == l ? alpha : beta;
            }
            return scale * e[k * classes + l];
        }

        private void identity(double scale, double[] v, double[] out) {
            final int p = dim;
            if (twoLevel) {
                columnSums(v, sum);
                double d = alpha - beta;
                double b = beta;
                for (int k = 0; k < classes; k++) {
                    int o = k * p;
                    for (int j = 0; j < p; j++) {
                        out[o + j] = d * v[o + j] + b * sum[j];
                    }
                }
                return;
            }
            for (int k = 0; k < classes; k++) {
                int o = k * p;
                java.util.Arrays.fill(out, o, o + p, 0.0);
                for (int l = 0; l < classes; l++) {
                    double ekl = coef(k, l, scale);
                    if (ekl == 0) {
                        continue;
                    }
                    int ol = l * p;
                    for (int j = 0; j < p; j++) {
                        out[o + j] += ekl * v[ol + j];
                    }
                }
            }
        }

        private void columnSums(double[] v, double[] into) {
            final int p = dim;
            java.util.Arrays.fill(into, 0.0);
            for (int k = 0; k < classes; k++) {
                int o = k * p;
                for (int j = 0; j < p; j++) {
                    into[j] += v[o + j];
                }
            }
        }

        /** s_k = u_k·v_k for every class. */
        private void projections(double[] v) {
            final int p = dim;
            final int kk = classes;
            int k = 0;
            // eight, then four, then two rows at a time: independent sums (the latency of one
            // row's chain of adds is paid once per group, not once per row), each adding its row
            // in the order of j, so every s_k has the bits of the one-row loop (performance.md,
            // "Small states at the floor")
            for (; k + 7 < kk; k += 8) {
                int o0 = k * p;
                int o1 = o0 + p;
                int o2 = o1 + p;
                int o3 = o2 + p;
                int o4 = o3 + p;
                int o5 = o4 + p;
                int o6 = o5 + p;
                int o7 = o6 + p;
                double m0 = 0;
                double m1 = 0;
                double m2 = 0;
                double m3 = 0;
                double m4 = 0;
                double m5 = 0;
                double m6 = 0;
                double m7 = 0;
                for (int j = 0; j < kk; j++) {
                    m0 += v[o0 + j];
                    m1 += v[o1 + j];
                    m2 += v[o2 + j];
                    m3 += v[o3 + j];
                    m4 += v[o4 + j];
                    m5 += v[o5 + j];
                    m6 += v[o6 + j];
                    m7 += v[o7 + j];
                }
                s[k] = c * (v[o0 + k] - m0 / kk);
                s[k + 1] = c * (v[o1 + k + 1] - m1 / kk);
                s[k + 2] = c * (v[o2 + k + 2] - m2 / kk);
                s[k + 3] = c * (v[o3 + k + 3] - m3 / kk);
                s[k + 4] = c * (v[o4 + k + 4] - m4 / kk);
                s[k + 5] = c * (v[o5 + k + 5] - m5 / kk);
                s[k + 6] = c * (v[o6 + k + 6] - m6 / kk);
                s[k + 7] = c * (v[o7 + k + 7] - m7 / kk);
            }
            for (; k + 3 < kk; k += 4) {
                int o0 = k * p;
                int o1 = o0 + p;
                int o2 = o1 + p;
                int o3 = o2 + p;
                double m0 = 0;
                double m1 = 0;
                double m2 = 0;
                double m3 = 0;
                for (int j = 0; j < kk; j++) {
                    m0 += v[o0 + j];
                    m1 += v[o1 + j];
                    m2 += v[o2 + j];
                    m3 += v[o3 + j];
                }
                s[k] = c * (v[o0 + k] - m0 / kk);
                s[k + 1] = c * (v[o1 + k + 1] - m1 / kk);
                s[k + 2] = c * (v[o2 + k + 2] - m2 / kk);
                s[k + 3] = c * (v[o3 + k + 3] - m3 / kk);
            }
            for (; k + 1 < kk; k += 2) {
                int o0 = k * p;
                int o1 = o0 + p;
                double m0 = 0;
                double m1 = 0;
                for (int j = 0; j < kk; j++) {
                    m0 += v[o0 + j];
                    m1 += v[o1 + j];
                }
                s[k] = c * (v[o0 + k] - m0 / kk);
                s[k + 1] = c * (v[o1 + k + 1] - m1 / kk);
            }
            for (; k < kk; k++) {
                int o = k * p;
                double m = 0;
                for (int j = 0; j < kk; j++) {
                    m += v[o + j];
                }
                s[k] = c * (v[o + k] - m / kk);
            }
        }

        /** Σ_l E_kl s_l into tk. */
        private void mix(double scale, double[] in) {
            if (twoLevel) {
                double total = 0;
                for (int l = 0; l < classes; l++) {
                    total += in[l];
                }
                for (int k = 0; k < classes; k++) {
                    tk[k] = (alpha - beta) * in[k] + beta * total;
                }
                return;
            }
            for (int k = 0; k < classes; k++) {
                double acc = 0;
                int row = k * classes;
                for (int l = 0; l < classes; l++) {
                    acc += e[row + l] * in[l];
                }
                tk[k] = scale * acc;
            }
        }

        private void residualSource(double scale, double[] v, double[] out) {
            final int p = dim;
            final int kk = classes;
            projections(v);
            mix(scale, s);
            final double cc = c;
            final double[] ss = s;
            if (twoLevel) {
                final double b = beta;
                for (int j = 0; j < kk; j++) {
                    bs[j] = b * ss[j];
                }
            }
            for (int k = 0; k < kk; k++) {
                int o = k * p;
                double mean = tk[k] / kk;
                if (twoLevel) {
                    // E_kj = β off the diagonal, α on it: a branch-free (vectorisable) row of the
                    // products β·s_j (the same for every row, formed once), then the diagonal
                    final double[] b = bs;
                    for (int j = 0; j < kk; j++) {
                        out[o + j] = cc * (b[j] - mean);
                    }
                    out[o + k] = cc * (alpha * ss[k] - mean);
                } else {
                    final int row = k * kk;
                    for (int j = 0; j < kk; j++) {
                        out[o + j] = cc * (scale * e[row + j] * ss[j] - mean);
                    }
                }
                if (kk < p) {
                    java.util.Arrays.fill(out, o + kk, o + p, 0.0);
                }
            }
        }

        private void residualTarget(double scale, double[] v, double[] out) {
            final int p = dim;
            final int kk = classes;
            // m_l = mean_{j<K} v_l[j]; u_k·v_l = c·(v_l[k] − m_l)
            for (int l = 0; l < kk; l++) {
                int o = l * p;
                double m = 0;
                for (int j = 0; j < kk; j++) {
                    m += v[o + j];
                }
                s[l] = m / kk;
            }
            if (twoLevel) {
                // Σ_l E_kl (v_l[k] − m_l) = (α−β)(v_k[k] − m_k) + β·(Σ_l v_l[k] − Σ_l m_l)
                double msum = 0;
                for (int l = 0; l < kk; l++) {
                    msum += s[l];
                }
                java.util.Arrays.fill(tmp, 0.0);
                for (int l = 0; l < kk; l++) {
                    int o = l * p;
                    for (int j = 0; j < kk; j++) {
                        tmp[j] += v[o + j];
                    }
                }
                for (int k = 0; k < kk; k++) {
                    tk[k] = c * ((alpha - beta) * (v[k * p + k] - s[k]) + beta * (tmp[k] - msum));
                }
            } else {
                for (int k = 0; k < kk; k++) {
                    double acc = 0;
                    int row = k * kk;
                    for (int l = 0; l < kk; l++) {
                        acc += e[row + l] * (v[l * p + k] - s[l]);
                    }
                    tk[k] = c * scale * acc;
                }
            }
            alongOwnResidual(out);
        }

        private void residualOuter(double scale, double[] v, double[] out) {
            final int p = dim;
            final int kk = classes;
            projections(v);
            mix(scale, s);
            alongOwnResidual(out);
        }

        /** out_k = c·tk[k]·(e_k − 1/K·1) = tk[k]·u_k: each class moves along its own residual. */
        private void alongOwnResidual(double[] out) {
            final int p = dim;
            final int kk = classes;
            for (int k = 0; k < kk; k++) {
                int o = k * p;
                double g = tk[k] * c;
                for (int j = 0; j < kk; j++) {
                    out[o + j] = g * ((k == j ? 1 : 0) - 1.0 / kk);
                }
                java.util.Arrays.fill(out, o + kk, o + p, 0.0);
            }
        }

        private void matrix(double scale, double[] v, double[] out) {
            final int p = dim;
            final int kk = classes;
            if (transform.isShared()) {
                double[][] h = transform.matrices()[0];
                for (int k = 0; k < kk; k++) {
                    java.util.Arrays.fill(tmp, 0.0);
                    for (int l = 0; l < kk; l++) {
                        double ekl = coef(k, l, scale);
                        int ol = l * p;
                        for (int j = 0; j < p; j++) {
                            tmp[j] += ekl * v[ol + j];
                        }
                    }
                    int o = k * p;
                    for (int i = 0; i < p; i++) {
                        double acc = 0;
                        double[] hi = h[i];
                        for (int j = 0; j < p; j++) {
                            acc += hi[j] * tmp[j];
                        }
                        out[o + i] = acc;
                    }
                }
                return;
            }
            for (int k = 0; k < kk; k++) {
                int o = k * p;
                java.util.Arrays.fill(out, o, o + p, 0.0);
                for (int l = 0; l < kk; l++) {
                    double ekl = coef(k, l, scale);
                    double[][] h = transform.matrices()[k * kk + l];
                    int ol = l * p;
                    for (int i = 0; i < p; i++) {
                        double acc = 0;
                        double[] hi = h[i];
                        for (int j = 0; j < p; j++) {
                            acc += hi[j] * v[ol + j];
                        }
                        out[o + i] += ekl * acc;
                    }
                }
            }
        }
    }
}
