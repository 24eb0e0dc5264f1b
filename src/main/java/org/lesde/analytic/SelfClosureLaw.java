package org.lesde.analytic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.lesde.model.Closure;
import org.lesde.model.Impact;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;

/**
 * The exact Gaussian law of the linear LE-SDE with the {@code self} closure and additive,
 * diagonal or full noise, dX = L(t)X dt + sqrt(h)·s(t)·Σ₀^{1/2} dW, L = A/K
 * (docs/theory.md#36-the-self-closure-law): between two times X(t₁) = Φ·X(t₀) + N(0, Q) with Φ the
 * propagator of dY/dt = LY and Q = h∫Φ(t₁,u)s(u)²Σ₀Φ(t₁,u)ᵀdu; the covariance obeys
 * dP/dt = LP + PLᵀ + hΣ(t), P(0) = spread²·I; the mean is the LE-ODE solution X̄(t).
 *
 * <p><b>Structure.</b> The state is split into <i>groups</i> of coordinates on which L acts as one
 * small matrix G(t) (the same for every active group), and at most one <i>passive</i> group on
 * which L = 0 (Φ = I there):
 * <ul>
 * <li>identity: p groups (feature j of every class), G = E(t)/K, K×K;</li>
 * <li>residual kinds: one group of the first K coordinates of every class (K², where u_k lives),
 *     the other K(p−K) coordinates passive;</li>
 * <li>matrix: one group of all K·p coordinates (dense).</li>
 * </ul>
 * Covariance blocks are kept only between groups the noise couples (the diagonal blocks always);
 * passive–passive entries are spread²δ + h·w·Σ₀ with w = ∫s² (no matrix). Constant α, β and s: each
 * block by one Van Loan exponential of [[GΔ, SΔ], [0, −GᵀΔ]] (size 2m; with a passive partner
 * Δφ₁(ΔG)·S); otherwise DP853 on the moment equations of the blocks. The Euler–Maruyama map of the
 * same SDE (X ← (I + dtL(t_n))X + sqrt(h dt)s(t_n)Σ₀^{1/2}z) has the law of the same recursion with
 * Φ = Π(I + dtL_n) and Q = Σ M·(h dt s_n²S)·Mᵀ, which {@link #eulerTransition} gives.
 */
public final class SelfClosureLaw {
    /** Largest group (coordinates integrated or factorised as one dense block). */
    public static final int DENSE_LIMIT = 1000;
    /** Largest number of doubles the exact sampler's factors may hold over all output intervals. */
    public static final long FACTOR_LIMIT = 4_000_000L;

    private final int n;
    private final int k;
    private final int m;
    /** Active groups' coordinates (each of size m). */
    private final int[][] groups;
    /** Passive coordinates (L = 0), possibly empty. */
    private final int[] passive;
    private final int[] groupOf;
    private final int[] posOf;
    private final GaussianLaw noise;
    private final Impact impact;
    private final Schedule scale;
    private final double h;
    private final boolean constant;
    /** G for a constant impact, else the α and β parts (G = α·gA + β·gB). */
    private final double[][] g0;
    private final double[][] gA;
    private final double[][] gB;
    /** Stored blocks: {g, g'} with g <= g' active, or {g, -1} for (active g, passive). */
    private final List<int[]> pairs = new ArrayList<>();
    private final Map<Long, Integer> pairIndex = new HashMap<>();
    private final List<double[][]> sigma = new ArrayList<>();
    private final boolean passiveCoupled;

    /** Null when the law applies to the model, otherwise the reason it does not. */
    public static String whyNot(LeModel m) {
        if (m.closure() != Closure.SELF) {
            return "closure " + m.closure().key() + " (this law is the self closure's)";
        }
        return switch (m.noise().kind()) {
            case ADDITIVE, DIAGONAL, FULL -> {
                int size = groupSize(m);
                yield size > DENSE_LIMIT ? "the self closure's exact law needs the propagator on " + size
                        + " coordinates as one dense block (" + m.transform().kind().key() + " transform), more than "
                        + DENSE_LIMIT : null;
            }
            case PROPORTIONAL -> "proportional (state-dependent) noise has no Gaussian law";
        };
    }

    private static int groupSize(LeModel m) {
        int kk = m.classes();
        int p = m.dim();
        return switch (m.transform().kind()) {
            case IDENTITY -> kk;
            case RESIDUAL_SOURCE, RESIDUAL_TARGET, RESIDUAL_OUTER -> p >= kk ? kk * kk : 0;
            case MATRIX -> kk * p;
        };
    }

    public SelfClosureLaw(LeModel model) {
        this(model, false);
    }

    /** @param forceOde integrate the moment equations by DP853 even when α, β, s are constant (for tests) */
    SelfClosureLaw(LeModel model, boolean forceOde) {
        String why = whyNot(model);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        this.k = model.classes();
        int p = model.dim();
        this.n = k * p;
        this.noise = GaussianLaw.noiseOf(model);
        this.impact = model.impact();
        this.scale = noise.scale();
        this.h = noise.stepSize();
        this.constant = !forceOde && impact.isConstant() && scale.isConstant();
        List<int[]> gl = new ArrayList<>();
        List<Integer> pl = new ArrayList<>();
        switch (model.transform().kind()) {
            case IDENTITY -> {
                for (int j = 0; j < p; j++) {
                    int[] idx = new int[k];
                    for (int c = 0; c < k; c++) {
                        idx[c] = c * p + j;
                    }
                    gl.add(idx);
                }
            }
            case RESIDUAL_SOURCE, RESIDUAL_TARGET, RESIDUAL_OUTER -> {
                if (p >= k) {
                    int[] idx = new int[k * k];
                    for (int c = 0; c < k; c++) {
                        for (int j = 0; j < k; j++) {
                            idx[c * k + j] = c * p + j;
                        }
                    }
                    gl.add(idx);
                    for (int c = 0; c < k; c++) {
                        for (int j = k; j < p; j++) {
                            pl.add(c * p + j);
                        }
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        pl.add(i);
                    }
                }
            }
            case MATRIX -> {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                gl.add(idx);
            }
        }
        this.groups = gl.toArray(new int[0][]);
        this.passive = pl.stream().mapToInt(Integer::intValue).toArray();
        this.m = groups.length == 0 ? 0 : groups[0].length;
        this.groupOf = new int[n];
        this.posOf = new int[n];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groups.length; g++) {
            for (int a = 0; a < m; a++) {
                groupOf[groups[g][a]] = g;
                posOf[groups[g][a]] = a;
            }
        }
        for (int a = 0; a < passive.length; a++) {
            posOf[passive[a]] = a;
        }
        LeOperator op = LeOperator.of(model);
        if (groups.length == 0) {
            g0 = gA = gB = null;
        } else if (impact instanceof Impact.TwoLevel) {
            g0 = null;
            gA = restricted(new LeOperator(k, p, new Impact.TwoLevel(new Schedule.Constant(1), new Schedule.Constant(0)),
                    model.transform()), groups[0], 1.0 / k);
            gB = restricted(new LeOperator(k, p, new Impact.TwoLevel(new Schedule.Constant(0), new Schedule.Constant(1)),
                    model.transform()), groups[0], 1.0 / k);
        } else {
            g0 = restricted(op, groups[0], 1.0 / k);
            gA = gB = null;
        }
        // the noise blocks
        boolean coupled = false;
        for (int g = 0; g < groups.length; g++) {
            for (int g2 = g; g2 <= groups.length; g2++) {
                boolean toPassive = g2 == groups.length;
                if (toPassive && passive.length == 0) {
                    continue;
                }
                int[] other = toPassive ? passive : groups[g2];
                double[][] s = new double[m][other.length];
                boolean nz = g == g2;
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < other.length; b++) {
                        s[a][b] = noise.sigma0(groups[g][a], other[b]);
                        nz |= s[a][b] != 0;
                    }
                }
                if (nz) {
                    int id = pairs.size();
                    pairs.add(new int[] {g, toPassive ? -1 : g2});
                    pairIndex.put(key(g, toPassive ? -1 : g2), id);
                    sigma.add(s);
                    coupled |= toPassive;
                }
            }
        }
        this.passiveCoupled = coupled;
    }

    private static long key(int g, int g2) {
        return ((long) g << 32) ^ (g2 & 0xffffffffL);
    }

    /** (scale·A e_b)[idx[a]] for the group's coordinates. */
    private double[][] restricted(LeOperator op, int[] idx, double sc) {
        LeOperator.Kernel kernel = op.kernel();
        double[] e = new double[n];
        double[] out = new double[n];
        double[][] r = new double[idx.length][idx.length];
        for (int b = 0; b < idx.length; b++) {
            e[idx[b]] = 1;
            kernel.apply(0, sc, e, out);
            e[idx[b]] = 0;
            for (int a = 0; a < idx.length; a++) {
                r[a][b] = out[idx[a]];
            }
        }
        return r;
    }

    /** G(t) (m×m) into out. */
    private void generator(double t, double[][] out) {
        if (g0 != null) {
            for (int a = 0; a < m; a++) {
                System.arraycopy(g0[a], 0, out[a], 0, m);
            }
            return;
        }
        Impact.TwoLevel tl = (Impact.TwoLevel) impact;
        double al = tl.alpha().value(t);
        double be = tl.beta().value(t);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                out[a][b] = al * gA[a][b] + be * gB[a][b];
            }
        }
    }

    public int dimension() {
        return n;
    }

    /** True when α, β and the noise scale are constant (Van Loan exponentials, no DP853). */
    public boolean isConstant() {
        return constant;
    }

    /** How the law is computed, for notes. */
    public String description() {
        String s = groups.length + " block(s) of " + m + " coordinates" + (passive.length > 0 ? " and " + passive.length
                + " coordinates on which L = 0" : "");
        return s + (constant ? ", Van Loan exponentials" : ", DP853 on the moment equations (rtol 1e-12)");
    }

    /** The transition between two times: X(t₁) = Φ·X(t₀) + N(0, Q). */
    public final class Transition {
        final double[][] phi;
        final double[][][] q;
        /** h·∫s² (or its Euler sum) over the interval: the passive coordinates' variance per unit Σ₀. */
        final double w;

        Transition(double[][] phi, double[][][] q, double w) {
            this.phi = phi;
            this.q = q;
            this.w = w;
        }

        /** Q[i][j]. */
        public double q(int i, int j) {
            int gi = groupOf[i];
            int gj = groupOf[j];
            if (gi < 0 && gj < 0) {
                return w * noise.sigma0(i, j);
            }
            if (gi < 0 || (gj >= 0 && gj < gi)) {
                return q(j, i);
            }
            Integer id = pairIndex.get(key(gi, gj));
            return id == null ? 0 : q[id][posOf[i]][posOf[j]];
        }

        /** out = Φ·x (out and x must not alias). */
        public void propagate(double[] x, double[] out) {
            for (int i : passive) {
                out[i] = x[i];
            }
            for (int[] idx : groups) {
                for (int a = 0; a < m; a++) {
                    double acc = 0;
                    double[] pa = phi[a];
                    for (int b = 0; b < m; b++) {
                        acc += pa[b] * x[idx[b]];
                    }
                    out[idx[a]] = acc;
                }
            }
        }

        /** The propagator on one active group (m×m; a copy). */
        public double[][] phi() {
            double[][] c = new double[phi.length][];
            for (int a = 0; a < phi.length; a++) {
                c[a] = phi[a].clone();
            }
            return c;
        }
    }

    /** The exact transition of the SDE from t0 to t1. */
    public Transition transition(double t0, double t1) {
        double w = h * (scale.integralOfSquare(t1) - scale.integralOfSquare(t0));
        double dt = t1 - t0;
        if (constant) {
            double s2 = h * scale.value(t0) * scale.value(t0);
            double[][] phi = new double[m][m];
            double[][] integral = null;
            if (m > 0) {
                double[][] gd = new double[m][m];
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        gd[a][b] = g0 != null ? g0[a][b] * dt : 0;
                    }
                }
                if (g0 == null) {
                    generator(t0, gd);
                    for (double[] row : gd) {
                        for (int b = 0; b < m; b++) {
                            row[b] *= dt;
                        }
                    }
                }
                double[][][] ei = passiveCoupled ? MatrixExp.of(gd).withIntegral(1.0) : null;
                phi = ei != null ? ei[0] : MatrixExp.pade(gd);
                integral = ei != null ? ei[1] : null;
                double[][][] q = new double[pairs.size()][][];
                for (int id = 0; id < pairs.size(); id++) {
                    double[][] s = sigma.get(id);
                    if (pairs.get(id)[1] < 0) {
                        // ∫₀^Δ e^{G(Δ−u)} du·S = Δ·φ₁(ΔG)·S
                        q[id] = scaled(mult(integral, s), s2 * dt);
                    } else {
                        q[id] = scaled(vanLoan(gd, s, phi), s2 * dt);
                    }
                }
                return new Transition(phi, q, w);
            }
            return new Transition(phi, new double[0][][], w);
        }
        return integrate(t0, t1, w);
    }

    /** ∫₀^1 e^{Gd(1−u)} S e^{Gdᵀ(1−u)} du from exp([[Gd, S],[0, −Gdᵀ]]) (top-right block · e^{Gdᵀ}). */
    private double[][] vanLoan(double[][] gd, double[][] s, double[][] phi) {
        int mm = gd.length;
        double[][] big = new double[2 * mm][2 * mm];
        for (int a = 0; a < mm; a++) {
            for (int b = 0; b < mm; b++) {
                big[a][b] = gd[a][b];
                big[a][mm + b] = s[a][b];
                big[mm + a][mm + b] = -gd[b][a];
            }
        }
        double[][] e = MatrixExp.pade(big);
        double[][] top = new double[mm][mm];
        for (int a = 0; a < mm; a++) {
            System.arraycopy(e[a], mm, top[a], 0, mm);
        }
        double[][] q = multT(top, phi);
        symmetrise(q);
        return q;
    }

    private Transition integrate(double t0, double t1, double w) {
        final int mm = m;
        final int np = pairs.size();
        final int[] off = new int[np + 1];
        off[0] = mm * mm;
        for (int id = 0; id < np; id++) {
            off[id + 1] = off[id] + mm * sigma.get(id)[0].length;
        }
        final int dim = off[np];
        if (dim == 0) {
            return new Transition(new double[0][0], new double[0][][], w);
        }
        final double[][] gt = new double[mm][mm];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                generator(t, gt);
                double st = scale.value(t);
                double s2 = h * st * st;
                double[] d = new double[dim];
                // dΦ = GΦ
                for (int a = 0; a < mm; a++) {
                    for (int b = 0; b < mm; b++) {
                        double acc = 0;
                        for (int c = 0; c < mm; c++) {
                            acc += gt[a][c] * y[c * mm + b];
                        }
                        d[a * mm + b] = acc;
                    }
                }
                for (int id = 0; id < np; id++) {
                    double[][] s = sigma.get(id);
                    int cols = s[0].length;
                    boolean act = pairs.get(id)[1] >= 0;
                    int o = off[id];
                    for (int a = 0; a < mm; a++) {
                        for (int b = 0; b < cols; b++) {
                            double acc = s2 * s[a][b];
                            for (int c = 0; c < mm; c++) {
                                acc += gt[a][c] * y[o + c * cols + b];
                                if (act) {
                                    acc += y[o + a * cols + c] * gt[b][c];
                                }
                            }
                            d[o + a * cols + b] = acc;
                        }
                    }
                }
                return d;
            }
        };
        double[] y0 = new double[dim];
        for (int a = 0; a < mm; a++) {
            y0[a * mm + a] = 1;
        }
        double qs = Math.max(Math.abs(w), 1e-300);
        double[] atol = new double[dim];
        double[] rtol = new double[dim];
        Arrays.fill(rtol, 1e-12);
        for (int i = 0; i < dim; i++) {
            atol[i] = i < mm * mm ? 1e-15 : 1e-15 * qs;
        }
        DormandPrince853Integrator integ = new DormandPrince853Integrator(0, t1 - t0, atol, rtol);
        integ.setMaxEvaluations(10_000_000);
        double[] y = integ.integrate(ode, new ODEState(t0, y0), t1).getPrimaryState();
        double[][] phi = new double[mm][mm];
        for (int a = 0; a < mm; a++) {
            System.arraycopy(y, a * mm, phi[a], 0, mm);
        }
        double[][][] q = new double[np][][];
        for (int id = 0; id < np; id++) {
            int cols = sigma.get(id)[0].length;
            q[id] = new double[mm][cols];
            for (int a = 0; a < mm; a++) {
                System.arraycopy(y, off[id] + a * cols, q[id][a], 0, cols);
            }
            if (pairs.get(id)[1] >= 0 && pairs.get(id)[0] == pairs.get(id)[1]) {
                symmetrise(q[id]);
            }
        }
        return new Transition(phi, q, w);
    }

    /**
     * The transition of the Euler–Maruyama map over steps step0..step1 of size dt:
     * Φ = Π(I + dt·G(t_n)), Q ← M·Q·M'ᵀ + h·dt·s(t_n)²·S (M' = I on passive coordinates).
     */
    public Transition eulerTransition(int step0, int step1, double dt) {
        int mm = m;
        double[][] phi = new double[mm][mm];
        for (int a = 0; a < mm; a++) {
            phi[a][a] = 1;
        }
        double[][][] q = new double[pairs.size()][][];
        for (int id = 0; id < pairs.size(); id++) {
            q[id] = new double[mm][sigma.get(id)[0].length];
        }
        double w = 0;
        double[][] gt = new double[mm][mm];
        double[][] mt = new double[mm][mm];
        for (int s = step0; s < step1; s++) {
            double t = s * dt;
            generator(t, gt);
            for (int a = 0; a < mm; a++) {
                for (int b = 0; b < mm; b++) {
                    mt[a][b] = (a == b ? 1 : 0) + dt * gt[a][b];
                }
            }
            double st = scale.value(t);
            double s2 = h * dt * st * st;
            w += s2;
            phi = mult(mt, phi);
            for (int id = 0; id < pairs.size(); id++) {
                double[][] left = mult(mt, q[id]);
                double[][] next = pairs.get(id)[1] >= 0 ? multT(left, mt) : left;
                double[][] sg = sigma.get(id);
                for (int a = 0; a < next.length; a++) {
                    for (int b = 0; b < next[a].length; b++) {
                        next[a][b] += s2 * sg[a][b];
                    }
                }
                q[id] = next;
            }
        }
        return new Transition(phi, q, w);
    }

    /** Which law a covariance table is of. */
    public enum Law {
        /** the continuous SDE. */
        CONTINUOUS,
        /** the Euler–Maruyama map at the model's dt. */
        EULER_MARUYAMA
    }

    /** The covariance P at the output rows of a grid, by the recursion P ← ΦPΦᵀ + Q. */
    public Covariances covariances(Law law, org.lesde.sde.TimeGrid grid) {
        int rows = grid.outputs();
        double[][][][] blocks = new double[rows][pairs.size()][][];
        double[] ws = new double[rows];
        double spread2 = noise.spread2();
        for (int id = 0; id < pairs.size(); id++) {
            int cols = sigma.get(id)[0].length;
            blocks[0][id] = new double[m][cols];
            if (pairs.get(id)[0] == pairs.get(id)[1]) {
                for (int a = 0; a < m; a++) {
                    blocks[0][id][a][a] = spread2;
                }
            }
        }
        Map<Integer, Transition> cache = new HashMap<>();
        for (int r = 1; r < rows; r++) {
            int s0 = grid.outputStep(r - 1);
            int s1 = grid.outputStep(r);
            Transition tr = transitionFor(law, grid, s0, s1, cache);
            ws[r] = ws[r - 1] + tr.w;
            for (int id = 0; id < pairs.size(); id++) {
                double[][] prev = blocks[r - 1][id];
                double[][] left = mult(tr.phi, prev);
                double[][] next = pairs.get(id)[1] >= 0 ? multT(left, tr.phi) : left;
                double[][] qq = tr.q[id];
                for (int a = 0; a < next.length; a++) {
                    for (int b = 0; b < next[a].length; b++) {
                        next[a][b] += qq[a][b];
                    }
                }
                blocks[r][id] = next;
            }
        }
        return new Covariances(blocks, ws, spread2);
    }

    private Transition transitionFor(Law law, org.lesde.sde.TimeGrid grid, int s0, int s1, Map<Integer, Transition> cache) {
        if (constant) {
            Transition c = cache.get(s1 - s0);
            if (c != null) {
                return c;
            }
        }
        Transition tr = switch (law) {
            case CONTINUOUS -> transition(grid.time(s0), grid.time(s1));
            case EULER_MARUYAMA -> eulerTransition(s0, s1, grid.dt());
        };
        if (constant) {
            cache.put(s1 - s0, tr);
        }
        return tr;
    }

    /** P(t) at output rows. */
    public final class Covariances {
        private final double[][][][] blocks;
        private final double[] w;
        private final double spread2;

        Covariances(double[][][][] blocks, double[] w, double spread2) {
            this.blocks = blocks;
            this.w = w;
            this.spread2 = spread2;
        }

        public double covariance(int row, int i, int j) {
            int gi = groupOf[i];
            int gj = groupOf[j];
            if (gi < 0 && gj < 0) {
                return (i == j ? spread2 : 0) + w[row] * noise.sigma0(i, j);
            }
            if (gi < 0 || (gj >= 0 && gj < gi)) {
                return covariance(row, j, i);
            }
            Integer id = pairIndex.get(key(gi, gj));
            return id == null ? 0 : blocks[row][id][posOf[i]][posOf[j]];
        }

        public double variance(int row, int i) {
            return covariance(row, i, i);
        }
    }

    // ------------------------------------------------------------------ the exact sampler's factors

    /**
     * For each output interval: Φ and a factor F of Q per coupled component (F·Fᵀ = Q restricted to
     * the component's coordinates), so that X ← Φ·X + F·z samples the transition exactly.
     */
    public final class Sampling {
        private final Transition[] transitions;
        private final double[][][][] factors;
        private final int[][] components;

        Sampling(Transition[] transitions, double[][][][] factors, int[][] components) {
            this.transitions = transitions;
            this.factors = factors;
            this.components = components;
        }

        /** x ← Φ_r·x + F_r·z for output interval r (1-based row r: from row r−1 to r); tmp of length n. */
        public void step(int r, double[] x, double[] z, double[] tmp) {
            transitions[r].propagate(x, tmp);
            double[][][] f = factors[r];
            for (int c = 0; c < components.length; c++) {
                int[] idx = components[c];
                double[][] fc = f[c];
                for (int a = 0; a < idx.length; a++) {
                    double acc = 0;
                    double[] fa = fc[a];
                    for (int b = 0; b < idx.length; b++) {
                        acc += fa[b] * z[idx[b]];
                    }
                    tmp[idx[a]] += acc;
                }
            }
            System.arraycopy(tmp, 0, x, 0, x.length);
        }
    }

    /** The sampler's transitions and factors between the output times of a grid (row 0 unused). */
    public Sampling sampling(org.lesde.sde.TimeGrid grid) {
        int rows = grid.outputs();
        int[][] comps = components();
        long per = 0;
        for (int[] c : comps) {
            per += (long) c.length * c.length;
        }
        Map<Integer, Transition> cache = new HashMap<>();
        Map<Transition, double[][][]> done = new HashMap<>();
        long stored = 0;
        Transition[] trs = new Transition[rows];
        double[][][][] fs = new double[rows][][][];
        for (int r = 1; r < rows; r++) {
            Transition tr = transitionFor(Law.CONTINUOUS, grid, grid.outputStep(r - 1), grid.outputStep(r), cache);
            trs[r] = tr;
            double[][][] f = done.get(tr);
            if (f == null) {
                stored += per + (long) m * m;
                if (stored > FACTOR_LIMIT) {
                    throw new org.lesde.BadInputException("solver exact for the self closure would hold more than "
                            + FACTOR_LIMIT + " numbers of transition factors (" + (rows - 1) + " output intervals × "
                            + per + "); reduce time.outputs or use euler-maruyama");
                }
                f = new double[comps.length][][];
                for (int c = 0; c < comps.length; c++) {
                    f[c] = factor(tr, comps[c]);
                }
                done.put(tr, f);
            }
            fs[r] = f;
        }
        return new Sampling(trs, fs, comps);
    }

    /** Coordinates coupled through the noise (union–find over the stored blocks and Σ₀ on passive coordinates). */
    private int[][] components() {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int[] idx : groups) {
            for (int a = 1; a < m; a++) {
                union(parent, idx[0], idx[a]);
            }
        }
        for (int[] pr : pairs) {
            int[] other = pr[1] < 0 ? passive : groups[pr[1]];
            int id = pairIndex.get(key(pr[0], pr[1]));
            double[][] s = sigma.get(id);
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < other.length; b++) {
                    if (s[a][b] != 0) {
                        union(parent, groups[pr[0]][a], other[b]);
                    }
                }
            }
        }
        if (noise.isFullMatrix()) {
            for (int a = 0; a < passive.length; a++) {
                for (int b = a + 1; b < passive.length; b++) {
                    if (noise.sigma0(passive[a], passive[b]) != 0) {
                        union(parent, passive[a], passive[b]);
                    }
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(i);
        }
        int[][] out = new int[byRoot.size()][];
        int c = 0;
        for (List<Integer> l : byRoot.values()) {
            out[c++] = l.stream().mapToInt(Integer::intValue).toArray();
            if (out[c - 1].length > DENSE_LIMIT) {
                throw new org.lesde.BadInputException("solver exact for the self closure: the noise couples "
                        + out[c - 1].length + " coordinates into one block, more than " + DENSE_LIMIT
                        + "; use euler-maruyama");
            }
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** F with F·Fᵀ = Q on the component (symmetric eigen-decomposition: PSD, singular allowed). */
    private static double[][] factor(Transition tr, int[] idx) {
        int c = idx.length;
        double[][] f = new double[c][c];
        if (c == 1) {
            f[0][0] = Math.sqrt(Math.max(0, tr.q(idx[0], idx[0])));
            return f;
        }
        DMatrixRMaj a = new DMatrixRMaj(c, c);
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                a.set(i, j, 0.5 * (tr.q(idx[i], idx[j]) + tr.q(idx[j], idx[i])));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(c, true, true);
        if (!eig.decompose(a)) {
            throw new ArithmeticException("eigen-decomposition of the transition covariance failed");
        }
        for (int col = 0; col < c; col++) {
            double s = Math.sqrt(Math.max(eig.getEigenvalue(col).getReal(), 0));
            DMatrixRMaj v = eig.getEigenVector(col);
            for (int r = 0; r < c; r++) {
                f[r][col] = v.get(r) * s;
            }
        }
        return f;
    }

    // ------------------------------------------------------------------ small dense helpers

    static double[][] mult(double[][] a, double[][] b) {
        int r = a.length;
        int inner = b.length;
        int c = inner == 0 ? 0 : b[0].length;
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            double[] oi = out[i];
            for (int l = 0; l < inner; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                double[] bl = b[l];
                for (int j = 0; j < c; j++) {
                    oi[j] += ail * bl[j];
                }
            }
        }
        return out;
    }

    /** a·bᵀ. */
    static double[][] multT(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double acc = 0;
                for (int l = 0; l < b[j].length; l++) {
                    acc += a[i][l] * b[j][l];
                }
                out[i][j] = acc;
            }
        }
        return out;
    }

    private static double[][] scaled(double[][] a, double s) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= s;
            }
        }
        return a;
    }

    private static void symmetrise(double[][] q) {
        for (int a = 0; a < q.length; a++) {
            for (int b = a + 1; b < q.length; b++) {
                double v = 0.5 * (q[a][b] + q[b][a]);
                q[a][b] = v;
                q[b][a] = v;
            }
        }
    }
}
