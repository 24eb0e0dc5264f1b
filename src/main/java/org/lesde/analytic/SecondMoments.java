package org.lesde.analytic;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.lesde.model.Closure;
import org.lesde.model.Impact;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.model.Noise;
import org.lesde.model.Schedule;
import org.lesde.sde.TimeGrid;

/**
 * First and second moments of the self closure with proportional noise
 * (docs/theory.md#37-weak-references-for-proportional-noise): dX = LX dt + sqrt(h)·σ·diag(X − c·X̄)dW
 * (c = 0 plain, c = 1 centred, X̄ the LE-ODE mean). The mean m = E[X] obeys m' = Lm, so m = X̄ and
 * the centred noise is centred on the path mean; the covariance P = E[XXᵀ] − mmᵀ obeys
 * dP/dt = LP + PLᵀ + hσ²·diag(P_ii + (1 − c)·m_i²), P(0) = spread²·I — equivalently
 * M = E[XXᵀ] obeys dM/dt = LM + MLᵀ + hσ²·diag(M) (plain). This is a linear system in the
 * (K·p)² entries of P, solved densely by DP853 for K·p ≤ {@link #LIMIT}. The law of the
 * Euler–Maruyama map X ← (I + dtL_n)X + sqrt(h dt)σ·diag(X − cX̄_n)z obeys
 * m ← M_n m, P ← M_n P M_nᵀ + hσ²dt·diag(P_ii + (m_i − cX̄_i(t_n))²); Milstein adds the term
 * ½hσ²·(X_i − cX̄_i)(z² − 1)dt, whose variance adds ½h²σ⁴dt² times the same diagonal.
 */
public final class SecondMoments {
    /** Largest K·p for the dense (K·p)² moment system. */
    public static final int LIMIT = 48;

    private final int n;
    private final double hs2;
    private final double c;
    private final Impact impact;
    private final double[][] l0;
    private final double[][] la;
    private final double[][] lb;
    private final double spread2;

    /** Null when the moments apply, otherwise the reason. */
    public static String whyNot(LeModel m) {
        if (m.closure() != Closure.SELF || !(m.noise() instanceof Noise.Proportional)) {
            return "the second-moment reference is for the self closure with proportional noise";
        }
        if (m.stateDim() > LIMIT) {
            return "K·p = " + m.stateDim() + " > " + LIMIT + " (the second-moment system has (K·p)² unknowns)";
        }
        return null;
    }

    public SecondMoments(LeModel m) {
        String why = whyNot(m);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Noise.Proportional pr = (Noise.Proportional) m.noise();
        this.n = m.stateDim();
        this.hs2 = m.stepSize() * pr.sigma() * pr.sigma();
        this.c = pr.centred() ? 1 : 0;
        this.impact = m.impact();
        this.spread2 = m.init().spread() * m.init().spread();
        int k = m.classes();
        if (impact instanceof Impact.TwoLevel) {
            la = scaled(new LeOperator(k, m.dim(), new Impact.TwoLevel(new Schedule.Constant(1), new Schedule.Constant(0)),
                    m.transform()).dense(0), 1.0 / k);
            lb = scaled(new LeOperator(k, m.dim(), new Impact.TwoLevel(new Schedule.Constant(0), new Schedule.Constant(1)),
                    m.transform()).dense(0), 1.0 / k);
            l0 = null;
        } else {
            l0 = scaled(LeOperator.of(m).dense(0), 1.0 / k);
            la = lb = null;
        }
    }

    private static double[][] scaled(double[][] a, double s) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= s;
            }
        }
        return a;
    }

    private void generator(double t, double[][] out) {
        if (l0 != null) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(l0[i], 0, out[i], 0, n);
            }
            return;
        }
        Impact.TwoLevel tl = (Impact.TwoLevel) impact;
        double a = tl.alpha().value(t);
        double b = tl.beta().value(t);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = a * la[i][j] + b * lb[i][j];
            }
        }
    }

    /** Means and covariances at output rows: [row][i] and [row][i·n + j]. */
    public record Table(int n, double[][] mean, double[][] cov) {
        public double covariance(int row, int i, int j) {
            return cov[row][i * n + j];
        }
    }

    /** The continuous SDE's moments at the given times (non-decreasing, times[0] = 0). */
    public Table continuous(double[] x0, double[] times) {
        final double[][] g = new double[n][n];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n + n * n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                generator(t, g);
                double[] d = new double[n + n * n];
                for (int i = 0; i < n; i++) {
                    double acc = 0;
                    for (int l = 0; l < n; l++) {
                        acc += g[i][l] * y[l];
                    }
                    d[i] = acc;
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double acc = 0;
                        for (int l = 0; l < n; l++) {
                            acc += g[i][l] * y[n + l * n + j] + y[n + i * n + l] * g[j][l];
                        }
                        if (i == j) {
                            acc += hs2 * (y[n + i * n + i] + (1 - c) * y[i] * y[i]);
                        }
                        d[n + i * n + j] = acc;
                    }
                }
                return d;
            }
        };
        double[] y = new double[n + n * n];
        System.arraycopy(x0, 0, y, 0, n);
        double scale = spread2;
        for (int i = 0; i < n; i++) {
            y[n + i * n + i] = spread2;
            scale = Math.max(scale, x0[i] * x0[i]);
        }
        double[][] mean = new double[times.length][];
        double[][] cov = new double[times.length][];
        double t0 = 0;
        for (int r = 0; r < times.length; r++) {
            if (times[r] > t0) {
                DormandPrince853Integrator integ = new DormandPrince853Integrator(0, times[r] - t0,
                        1e-15 * Math.max(scale, 1e-300), 1e-12);
                integ.setMaxEvaluations(10_000_000);
                y = integ.integrate(ode, new ODEState(t0, y), times[r]).getPrimaryState();
                t0 = times[r];
            }
            mean[r] = java.util.Arrays.copyOfRange(y, 0, n);
            cov[r] = symmetric(java.util.Arrays.copyOfRange(y, n, n + n * n));
        }
        return new Table(n, mean, cov);
    }

    /**
     * The moments of the discrete map at the output rows of the grid: Euler–Maruyama, or Milstein
     * when {@code milstein}; {@code xbar} is the LE-ODE mean at every step (for centred noise).
     */
    public Table map(double[] x0, TimeGrid grid, boolean milstein, double[][] xbar) {
        double dt = grid.dt();
        double f = hs2 * dt + (milstein ? 0.5 * hs2 * hs2 * dt * dt : 0);
        double[] m = x0.clone();
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            p[i * n + i] = spread2;
        }
        double[][] g = new double[n][n];
        double[][] mm = new double[n][n];
        double[] tmp = new double[n * n];
        double[] mNext = new double[n];
        double[] diag = new double[n];
        double[][] mean = new double[grid.outputs()][];
        double[][] cov = new double[grid.outputs()][];
        int row = 0;
        mean[row] = m.clone();
        cov[row++] = p.clone();
        for (int s = 0; s < grid.steps() && row < grid.outputs(); s++) {
            generator(s * dt, g);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    mm[i][j] = (i == j ? 1 : 0) + dt * g[i][j];
                }
            }
            for (int i = 0; i < n; i++) {
                double e = m[i] - (c != 0 ? xbar[s][i] : 0);
                diag[i] = f * (p[i * n + i] + e * e);
            }
            // tmp = MM·P, P = tmp·MMᵀ + diag
            for (int i = 0; i < n; i++) {
                double acc = 0;
                for (int l = 0; l < n; l++) {
                    acc += mm[i][l] * m[l];
                }
                mNext[i] = acc;
                for (int j = 0; j < n; j++) {
                    double a = 0;
                    for (int l = 0; l < n; l++) {
                        a += mm[i][l] * p[l * n + j];
                    }
                    tmp[i * n + j] = a;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double a = 0;
                    for (int l = 0; l < n; l++) {
                        a += tmp[i * n + l] * mm[j][l];
                    }
                    p[i * n + j] = a + (i == j ? diag[i] : 0);
                }
            }
            System.arraycopy(mNext, 0, m, 0, n);
            while (row < grid.outputs() && grid.outputStep(row) == s + 1) {
                mean[row] = m.clone();
                cov[row++] = p.clone();
            }
        }
        return new Table(n, mean, cov);
    }

    /** Largest K·p for the fourth-moment tensor system (n⁴ unknowns). */
    public static final int FOURTH_LIMIT = 12;

    /**
     * The central fourth moments E[(X_i − m_i)⁴] of the continuous SDE at the given times, for
     * K·p ≤ {@link #FOURTH_LIMIT}: the raw moment tensors T of order 3 and 4 of Y (Y = X, or
     * Y = X − X̄ for centred noise, which obeys the same SDE dY = LY dt + sqrt(h)σ·diag(Y)dW with
     * mean 0) obey the linear equations dT_a/dt = Σ_positions Σ_l L_{a_pos l}·T_{a with l at pos}
     * + hσ²·c(a)·T_a, c(a) the number of pairs of positions holding equal indices (Itô's term
     * ½Σ_i ∂²(Π y)/∂y_i²·hσ²y_i²); Y(0) is Gaussian (Isserlis). Integrated by DP853 (rtol 1e-12).
     */
    public double[][] centralFourth(double[] x0, double[] times) {
        if (n > FOURTH_LIMIT) {
            throw new IllegalArgumentException("K·p = " + n + " > " + FOURTH_LIMIT);
        }
        final int n2 = n * n;
        final int n3 = n2 * n;
        final int n4 = n3 * n;
        final int dim = n + n2 + n3 + n4;
        final double[] m0 = c != 0 ? new double[n] : x0.clone();
        final double s2 = spread2;
        double[] y = new double[dim];
        System.arraycopy(m0, 0, y, 0, n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                y[n + a * n + b] = m0[a] * m0[b] + (a == b ? s2 : 0);
                for (int cc = 0; cc < n; cc++) {
                    y[n + n2 + (a * n + b) * n + cc] = m0[a] * m0[b] * m0[cc] + s2 * (m0[a] * d(b, cc) + m0[b] * d(a, cc)
                            + m0[cc] * d(a, b));
                    for (int e = 0; e < n; e++) {
                        y[n + n2 + n3 + ((a * n + b) * n + cc) * n + e] = m0[a] * m0[b] * m0[cc] * m0[e]
                                + s2 * (d(a, b) * m0[cc] * m0[e] + d(a, cc) * m0[b] * m0[e] + d(a, e) * m0[b] * m0[cc]
                                        + d(b, cc) * m0[a] * m0[e] + d(b, e) * m0[a] * m0[cc] + d(cc, e) * m0[a] * m0[b])
                                + s2 * s2 * (d(a, b) * d(cc, e) + d(a, cc) * d(b, e) + d(a, e) * d(b, cc));
                    }
                }
            }
        }
        final double[][] g = new double[n][n];
        final int[] offs = {0, n, n + n2, n + n2 + n3};
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double t, double[] yy) {
                generator(t, g);
                double[] out = new double[dim];
                int[] idx = new int[4];
                for (int order = 1; order <= 4; order++) {
                    int size = (int) Math.pow(n, order);
                    int off = offs[order - 1];
                    for (int flat = 0; flat < size; flat++) {
                        int f = flat;
                        for (int pos = order - 1; pos >= 0; pos--) {
                            idx[pos] = f % n;
                            f /= n;
                        }
                        double acc = 0;
                        int pairs = 0;
                        int stride = 1;
                        for (int pos = order - 1; pos >= 0; pos--) {
                            int base = flat - idx[pos] * stride;
                            double[] gr = g[idx[pos]];
                            for (int l = 0; l < n; l++) {
                                acc += gr[l] * yy[off + base + l * stride];
                            }
                            stride *= n;
                            for (int q = pos + 1; q < order; q++) {
                                if (idx[q] == idx[pos]) {
                                    pairs++;
                                }
                            }
                        }
                        out[off + flat] = acc + hs2 * pairs * yy[off + flat];
                    }
                }
                return out;
            }
        };
        double scale = 1e-300;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[][] out = new double[times.length][n];
        double t0 = 0;
        for (int r = 0; r < times.length; r++) {
            if (times[r] > t0) {
                DormandPrince853Integrator integ = new DormandPrince853Integrator(0, times[r] - t0, 1e-15 * scale, 1e-12);
                integ.setMaxEvaluations(10_000_000);
                y = integ.integrate(ode, new ODEState(t0, y), times[r]).getPrimaryState();
                t0 = times[r];
            }
            for (int i = 0; i < n; i++) {
                double m1 = y[i];
                double e2 = y[n + i * n + i];
                double e3 = y[n + n2 + (i * n + i) * n + i];
                double e4 = y[n + n2 + n3 + ((i * n + i) * n + i) * n + i];
                out[r][i] = e4 - 4 * m1 * e3 + 6 * m1 * m1 * e2 - 3 * m1 * m1 * m1 * m1;
            }
        }
        return out;
    }

    private static double d(int a, int b) {
        return a == b ? 1 : 0;
    }

    private double[] symmetric(double[] p) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (p[i * n + j] + p[j * n + i]);
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
        return p;
    }
}
