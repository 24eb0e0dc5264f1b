package org.lesde.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.PivotSelectionRule;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.special.Erf;
import org.lesde.RunFailedException;

/**
 * Separability of classes (docs/theory.md#5-separability-and-the-phase-transition): along the class-mean difference direction (per path or per
 * particle pair), exact linear separability of finite point clouds (a linear program), and the
 * oracle probability of the identity model.
 *
 * <p>Layouts: a path is {@code x[k*p + j]}; a point cloud is n points stored flat, point i at
 * {@code [i*p .. i*p+p)}. Streaming accumulation over paths: {@link PairSeparation}.
 */
public final class Separability {
    /** Hulls closer than this (relative to the data's extent) count as touching, i.e. not separable. */
    public static final double HULL_TOLERANCE = 1e-9;

    private Separability() {
    }

    /**
     * Whether classes k and k2 of one path are separated along {@code direction}:
     * dᵀ(x_k − x_k2) &gt; 0 (strict; a tie is not separated). Use d = μ_k − μ_k2.
     *
     * @param x one path, {@code x[k*p + j]}
     * @param direction d at {@code direction[dirOffset .. dirOffset+p)}
     */
    public static boolean pairSeparated(double[] x, int p, int k, int k2, double[] direction, int dirOffset) {
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += direction[dirOffset + j] * (x[k * p + j] - x[k2 * p + j]);
        }
        return s > 0;
    }

    /**
     * Whether classes k and k2 of one path are separated along the difference of the given class
     * means: (μ_k − μ_k2)ᵀ(x_k − x_k2) &gt; 0.
     *
     * @param means {@code [k*p + j]}
     */
    public static boolean pairSeparatedAlongMeans(double[] x, int p, int k, int k2, double[] means) {
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += (means[k * p + j] - means[k2 * p + j]) * (x[k * p + j] - x[k2 * p + j]);
        }
        return s > 0;
    }

    /**
     * Fraction of particle pairs (a_i, b_j), one from each cloud, separated along {@code direction}:
     * #{(i, j): dᵀa_i &gt; dᵀb_j} / (n_a n_b). O(n log n) (sorting the projections; the
     * Mann–Whitney count).
     *
     * @param a cloud of n_a = a.length/p points; b likewise
     */
    public static double pairFraction(double[] a, double[] b, int p, double[] direction) {
        double[] pa = project(a, p, direction);
        double[] pb = project(b, p, direction);
        if (pa.length == 0 || pb.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(pa);
        Arrays.sort(pb);
        long count = 0;
        int j = 0;
        for (double v : pa) {
            while (j < pb.length && pb[j] < v) {
                j++;
            }
            count += j; // b-projections strictly below v
        }
        return (double) count / ((double) pa.length * pb.length);
    }

    private static double[] project(double[] cloud, int p, double[] d) {
        if (cloud.length % p != 0 || d.length != p) {
            throw new IllegalArgumentException("cloud length " + cloud.length + " / direction length " + d.length + " do not fit p = " + p);
        }
        double[] out = new double[cloud.length / p];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += cloud[i * p + j] * d[j];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * The oracle probability of docs/theory.md#5-separability-and-the-phase-transition for the identity model (H = I, Σ = σ²I, initial spread
     * s₀², mean closure): P(ν*ᵀ(X_k − X_k') &gt; 0) = Φ( e^{Λ(t)/K}·||X̄_k(0) − X̄_k'(0)|| / sqrt(2(s₀² + hσ²t)) ).
     * Edge cases: a zero denominator gives 1 for a positive distance and 1/2 for a zero distance
     * (as does an infinite factor times a zero distance).
     *
     * @param lambda Λ(t) = ∫₀ᵗ (α − β)
     * @param classes K
     * @param meanDistance ||X̄_k(0) − X̄_k'(0)||
     * @param s0Squared initial spread s₀²
     * @param h the step size (learning rate) h of the model: the diffusion is sqrt(h)·σ, so a
     *     coordinate's variance grows by hσ²t (not a scale of H: H = I here)
     * @param sigmaSquared σ²
     * @param t time
     */
    public static double oracleProbability(double lambda, int classes, double meanDistance, double s0Squared,
            double h, double sigmaSquared, double t) {
        double denom = Math.sqrt(2 * (s0Squared + h * sigmaSquared * t));
        double growth = Math.exp(lambda / classes);
        if (meanDistance == 0) {
            return 0.5;
        }
        double z = growth * meanDistance / denom;
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return standardNormalCdf(z);
    }

    /** Φ(z) = erfc(−z/√2)/2, accurate in both tails. */
    public static double standardNormalCdf(double z) {
        if (z == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /**
     * The L∞ distance between the convex hulls of two point clouds, by linear programming
     * (Hipparchus {@link SimplexSolver}): minimise t subject to
     * ||Σ λ_i a_i − Σ μ_j b_j||_∞ ≤ t, λ, μ ≥ 0, Σλ = Σμ = 1. Two finite clouds are strictly
     * linearly separable iff their convex hulls are disjoint, i.e. iff this distance is &gt; 0
     * (separating hyperplane theorem). The LP runs on data centred and scaled to [−1, 1]; the
     * returned value is recomputed in the original units from the optimal weights λ, μ, so it is
     * the distance between two actual points of the hulls (an upper bound that certifies
     * "not separable" when it is ~0, whatever the solver's round-off).
     *
     * @param a n_a x p row-major, b n_b x p row-major (n_a, n_b ≥ 1)
     */
    public static double hullDistance(double[] a, double[] b, int p) {
        if (p < 1 || a.length % p != 0 || b.length % p != 0 || a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("clouds must be non-empty n x p arrays, p = " + p
                    + ", lengths " + a.length + ", " + b.length);
        }
        int na = a.length / p;
        int nb = b.length / p;
        double[] lo = new double[p];
        double[] hi = new double[p];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] cloud : new double[][] {a, b}) {
            for (int i = 0; i < cloud.length; i++) {
                double v = cloud[i];
                if (!Double.isFinite(v)) {
                    return Double.NaN;
                }
                lo[i % p] = Math.min(lo[i % p], v);
                hi[i % p] = Math.max(hi[i % p], v);
            }
        }
        double scale = 0;
        double[] centre = new double[p];
        for (int j = 0; j < p; j++) {
            centre[j] = 0.5 * (lo[j] + hi[j]);
            scale = Math.max(scale, 0.5 * (hi[j] - lo[j]));
        }
        if (scale == 0) {
            return 0; // all points coincide
        }
        int nv = na + nb + 1;
        int tIndex = na + nb;
        List<LinearConstraint> cons = new ArrayList<>(2 * p + 2);
        double[] sumA = new double[nv];
        double[] sumB = new double[nv];
        Arrays.fill(sumA, 0, na, 1.0);
        Arrays.fill(sumB, na, na + nb, 1.0);
        cons.add(new LinearConstraint(sumA, Relationship.EQ, 1.0));
        cons.add(new LinearConstraint(sumB, Relationship.EQ, 1.0));
        for (int j = 0; j < p; j++) {
            double[] up = new double[nv];
            double[] down = new double[nv];
            for (int i = 0; i < na; i++) {
                double v = (a[i * p + j] - centre[j]) / scale;
                up[i] = v;
                down[i] = -v;
            }
            for (int i = 0; i < nb; i++) {
                double v = (b[i * p + j] - centre[j]) / scale;
                up[na + i] = -v;
                down[na + i] = v;
            }
            up[tIndex] = -1;
            down[tIndex] = -1;
            cons.add(new LinearConstraint(up, Relationship.LEQ, 0.0));
            cons.add(new LinearConstraint(down, Relationship.LEQ, 0.0));
        }
        double[] objective = new double[nv];
        objective[tIndex] = 1;
        MathIllegalStateException failure = null;
        // Dantzig's rule with a tight tolerance first; Bland's rule (no cycling) and the default
        // tolerance as fall-backs. The answer is certified by witnessDistance either way.
        Object[][] attempts = {{1e-9, PivotSelectionRule.DANTZIG}, {1e-9, PivotSelectionRule.BLAND},
            {1e-6, PivotSelectionRule.BLAND}};
        for (Object[] attempt : attempts) {
            try {
                PointValuePair sol = new SimplexSolver((Double) attempt[0], 10, 1e-10).optimize(new MaxIter(200_000),
                        new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(cons),
                        GoalType.MINIMIZE, new NonNegativeConstraint(true), (PivotSelectionRule) attempt[1]);
                return witnessDistance(sol.getPoint(), a, b, p, na, nb);
            } catch (MathIllegalStateException e) {
                failure = e;
            }
        }
        throw new RunFailedException("linear-separability LP failed (" + na + " + " + nb + " points, p = " + p + "): "
                + failure.getMessage(), failure);
    }

    /**
     * ||Σ λ_i a_i − Σ μ_j b_j||_∞ recomputed in the original units from the LP's weights (clipped
     * at 0 and renormalised): the distance between two points of the hulls, hence a certified
     * upper bound of the hull distance, free of the solver's tableau round-off.
     */
    private static double witnessDistance(double[] x, double[] a, double[] b, int p, int na, int nb) {
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < na; i++) {
            sa += Math.max(0, x[i]);
        }
        for (int i = 0; i < nb; i++) {
            sb += Math.max(0, x[na + i]);
        }
        double worst = 0;
        for (int j = 0; j < p; j++) {
            double v = 0;
            for (int i = 0; i < na; i++) {
                v += Math.max(0, x[i]) / sa * a[i * p + j];
            }
            for (int i = 0; i < nb; i++) {
                v -= Math.max(0, x[na + i]) / sb * b[i * p + j];
            }
            worst = Math.max(worst, Math.abs(v));
        }
        return worst;
    }

    /**
     * Exact strict linear separability of two finite clouds: whether a hyperplane wᵀx + c has all
     * of {@code a} strictly on one side and all of {@code b} on the other; decided by
     * {@link #hullDistance} &gt; {@link #HULL_TOLERANCE}·(half the data extent).
     */
    public static boolean linearlySeparable(double[] a, double[] b, int p) {
        double d = hullDistance(a, b, p);
        return d > HULL_TOLERANCE * extent(a, b, p);
    }

    private static double extent(double[] a, double[] b, int p) {
        double scale = 0;
        for (int j = 0; j < p; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] c : new double[][] {a, b}) {
                for (int i = j; i < c.length; i += p) {
                    lo = Math.min(lo, c[i]);
                    hi = Math.max(hi, c[i]);
                }
            }
            scale = Math.max(scale, 0.5 * (hi - lo));
        }
        return scale;
    }

    /**
     * One-vs-one exact linear separability of K clouds: entry {@code [k*K + k2]} is true iff clouds
     * k and k2 are strictly linearly separable (diagonal false). K(K−1)/2 linear programs.
     *
     * @param clouds K clouds, each n_k x p row-major
     */
    public static boolean[] oneVsOne(double[][] clouds, int p) {
        int k = clouds.length;
        boolean[] out = new boolean[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                boolean s = linearlySeparable(clouds[a], clouds[b], p);
                out[a * k + b] = s;
                out[b * k + a] = s;
            }
        }
        return out;
    }

    /** Fraction of the K(K−1)/2 class pairs whose clouds are strictly linearly separable. */
    public static double separablePairFraction(double[][] clouds, int p) {
        boolean[] s = oneVsOne(clouds, p);
        int k = clouds.length;
        int n = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                n += s[a * k + b] ? 1 : 0;
            }
        }
        return (double) n / (k * (k - 1) / 2.0);
    }
}
