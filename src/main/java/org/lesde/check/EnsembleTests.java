package org.lesde.check;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Gamma;

/**
 * The z-tests of an ensemble against a law (docs/theory.md#38-the-ensemble-z-tests), each over a
 * family of z-scores with the two-sided Bonferroni bound for the family-wise false-alarm
 * probability {@link Checker#FAMILY_ALPHA}:
 * <ul>
 * <li>means: z = (m − μ)/sqrt(Var/N), exactly N(0, 1) for a Gaussian law at every N;</li>
 * <li>variances of a Gaussian law: (N−1)s²/σ² ~ χ²_{N−1} exactly; the χ² tail probability
 *     (regularised incomplete gamma P or Q, whichever is smaller, so nothing is lost to 1 − F) is
 *     mapped to the normal z with the same tail, so the bound holds at N = 2 as at N = 10⁶;</li>
 * <li>cross-covariances of a Gaussian law: for coordinates i, j with standard deviations σ_i, σ_j
 *     and correlation ρ, u = x_i/σ_i + x_j/σ_j and v = x_i/σ_i − x_j/σ_j are independent normals of
 *     variance 2(1 ± ρ), and their sample variances s_u², s_v² (computed from s_ii, s_jj and s_ij)
 *     get the exact χ² test each — a wrong s_ij moves one of them;</li>
 * <li>variances of a non-Gaussian law (proportional noise): z = (s² − σ²)/sqrt(Var(s²)) with
 *     Var(s²) = μ₄/N − σ⁴(N−3)/(N(N−1)) from the law's own central fourth moment μ₄ (exact
 *     variance of s², normal approximation of its distribution: asymptotic in N), only where
 *     (κ − 1)/N ≤ {@link #HEAVY_TAIL} — the others are counted and reported, not tested.</li>
 * </ul>
 * A coordinate whose law has zero variance is not a z-score: its sample variance must be zero (to
 * rounding) and its mean equal the law's, otherwise the check fails — it never passes vacuously.
 * An optional second law (the law of the discrete map the stepper follows) widens each
 * comparison with the continuous law by {@link Checker#EULER_FACTOR} × the map's bias: the value
 * tested is the distance to the interval [ref − a, ref + a].
 */
final class EnsembleTests {
    /** Relative size below which a law variance counts as zero. */
    static final double ZERO_VARIANCE = 1e-24;
    /**
     * A non-Gaussian variance is z-tested only where Var(s²)/σ⁴ ≈ (κ − 1)/N ≤ this (κ = μ₄/σ⁴ the
     * law's kurtosis): beyond it the sample variance of a heavy-tailed law is far from normal
     * (a few extreme paths), and the normal bound would raise false alarms.
     */
    static final double HEAVY_TAIL = 0.0025;

    private EnsembleTests() {
    }

    /** The reference: mean and covariance at output rows. */
    interface Law {
        double mean(int row, int i);

        double covariance(int row, int i, int j);

        default double variance(int row, int i) {
            return covariance(row, i, i);
        }

        /** The central fourth moment E[(X_i − μ_i)⁴] (needed for a non-Gaussian law's variance test). */
        default double fourth(int row, int i) {
            return Double.NaN;
        }
    }

    /** The ensemble: N, sample means, sample (ddof 1) variances and covariances. */
    interface Sample {
        long paths();

        double mean(int row, int i);

        /** ddof = 1. */
        double variance(int row, int i);

        /** ddof = 1, at a row of {@link #covarianceRows}. */
        double covariance(int row, int i, int j);

        /** Rows with cross-covariances. */
        int[] covarianceRows();

        /** Coordinates with cross-covariances (the first m). */
        int covarianceCoordinates();
    }

    /** The outcome of one family: number of z-scores, max |z|, deterministic failures, largest deviations. */
    record Family(int tests, double maxZ, double bound, int deterministicFailures, double maxAbs, double maxRel,
            double maxDeterministic, int heavyTailed) {
        boolean pass() {
            return deterministicFailures == 0 && maxZ <= bound && !Double.isNaN(maxZ);
        }

        /** The value reported: max |z|, or the largest deviation of a zero-variance coordinate when there is no z. */
        double value() {
            return tests == 0 ? maxDeterministic : maxZ;
        }
    }

    /** Distance from x to [c − a, c + a]. */
    private static double outside(double x, double c, double a) {
        double d = Math.abs(x - c) - a;
        return d > 0 ? d : 0;
    }

    /** The mean family over all rows and coordinates. */
    static Family means(Law law, Law map, Sample s, int rows, int n) {
        long paths = s.paths();
        int tests = 0;
        int bad = 0;
        double maxZ = 0;
        double maxAbs = 0;
        double maxRel = 0;
        double maxDet = 0;
        int heavy = 0;
        for (int row = 0; row < rows; row++) {
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(law.mean(row, i)));
            }
            for (int i = 0; i < n; i++) {
                double mu = law.mean(row, i);
                double a = map == null ? 0 : Checker.EULER_FACTOR * Math.abs(map.mean(row, i) - mu);
                double dev = outside(s.mean(row, i), mu, a);
                maxAbs = Math.max(maxAbs, Math.abs(s.mean(row, i) - mu));
                maxRel = Math.max(maxRel, Math.abs(s.mean(row, i) - mu) / Math.max(scale, 1e-300));
                double v = law.variance(row, i);
                if (isZero(v, mu)) {
                    // the deviation beyond the map's bias allowance (a = 0 against the law itself)
                    maxDet = Math.max(maxDet, dev);
                    if (!(dev <= 1e-9 * (1 + Math.abs(mu)))) {
                        bad++;
                    }
                } else {
                    tests++;
                    maxZ = Math.max(maxZ, nanMax(dev / Math.sqrt(v / paths)));
                }
            }
        }
        return new Family(tests, maxZ, zCritical(tests), bad, maxAbs, maxRel, maxDet, heavy);
    }

    /** Variances at every row and (Gaussian laws) cross-covariances at the sample's covariance rows. */
    static Family covariances(Law law, Law map, Sample s, int rows, int n, boolean gaussian) {
        long paths = s.paths();
        int tests = 0;
        int bad = 0;
        double maxZ = 0;
        double maxAbs = 0;
        double maxRel = 0;
        double maxDet = 0;
        int heavy = 0;
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < n; i++) {
                double v = law.variance(row, i);
                double mu = law.mean(row, i);
                double sv = s.variance(row, i);
                double a = map == null ? 0 : Checker.EULER_FACTOR * Math.abs(map.variance(row, i) - v);
                maxAbs = Math.max(maxAbs, Math.abs(sv - v));
                if (isZero(v, mu)) {
                    maxDet = Math.max(maxDet, Math.max(0, sv - a));
                    if (!(sv <= 1e-18 * (1 + mu * mu) + a)) {
                        bad++;
                    }
                    continue;
                }
                if (!gaussian && (law.fourth(row, i) / (v * v) - 1) / paths > HEAVY_TAIL) {
                    heavy++;
                    continue;
                }
                tests++;
                maxRel = Math.max(maxRel, Math.abs(sv - v) / v);
                double target = Math.min(Math.max(sv, v - a), v + a);
                double z;
                if (gaussian) {
                    z = chiSquareZ(sv, target, paths);
                } else {
                    double m4 = law.fourth(row, i);
                    double var = m4 / paths - v * v * (paths - 3.0) / ((double) paths * (paths - 1));
                    z = (sv - target) / Math.sqrt(Math.max(var, 1e-300));
                }
                maxZ = Math.max(maxZ, nanMax(Math.abs(z)));
            }
        }
        if (gaussian) {
            int[] cr = s.covarianceRows();
            int mc = s.covarianceCoordinates();
            for (int row : cr) {
                for (int i = 0; i < mc; i++) {
                    for (int j = i + 1; j < mc; j++) {
                        double vi = law.variance(row, i);
                        double vj = law.variance(row, j);
                        double c = law.covariance(row, i, j);
                        double sc = s.covariance(row, i, j);
                        maxAbs = Math.max(maxAbs, Math.abs(sc - c));
                        if (isZero(vi, law.mean(row, i)) || isZero(vj, law.mean(row, j))) {
                            maxDet = Math.max(maxDet, Math.abs(sc));
                            if (!(Math.abs(sc) <= 1e-18 + Math.abs(c))) {
                                bad++;
                            }
                            continue;
                        }
                        maxRel = Math.max(maxRel, Math.abs(sc - c) / Math.sqrt(vi * vj));
                        double si = Math.sqrt(vi);
                        double sj = Math.sqrt(vj);
                        double rho = c / (si * sj);
                        double base = s.variance(row, i) / vi + s.variance(row, j) / vj;
                        double cross = 2 * sc / (si * sj);
                        double mapRho = Double.NaN;
                        if (map != null) {
                            mapRho = map.covariance(row, i, j) / Math.sqrt(map.variance(row, i) * map.variance(row, j));
                        }
                        for (int sign = -1; sign <= 1; sign += 2) {
                            double lawVar = 2 * (1 + sign * rho);
                            double sampleVar = base + sign * cross;
                            double a = map == null ? 0 : Checker.EULER_FACTOR * Math.abs(2 * sign * (mapRho - rho));
                            if (lawVar <= 1e-12) {
                                maxDet = Math.max(maxDet, Math.abs(sampleVar));
                                if (!(Math.abs(sampleVar) <= 1e-6 + a)) {
                                    bad++;
                                }
                                continue;
                            }
                            tests++;
                            double target = Math.min(Math.max(sampleVar, lawVar - a), lawVar + a);
                            maxZ = Math.max(maxZ, nanMax(Math.abs(chiSquareZ(sampleVar, target, paths))));
                        }
                    }
                }
            }
        }
        return new Family(tests, maxZ, zCritical(tests), bad, maxAbs, maxRel, maxDet, heavy);
    }

    private static boolean isZero(double v, double mu) {
        return v <= ZERO_VARIANCE * (1 + mu * mu);
    }

    private static double nanMax(double z) {
        return Double.isNaN(z) ? Double.POSITIVE_INFINITY : z;
    }

    /**
     * The normal z with the same tail probability as the sample variance s² (ddof 1, N samples)
     * under (N−1)s²/σ² ~ χ²_{N−1}: negative when s² is small, positive when large.
     */
    static double chiSquareZ(double s2, double sigma2, long n) {
        double df = n - 1.0;
        double x = df * s2 / sigma2;
        double lower = Gamma.regularizedGammaP(df / 2, x / 2);
        double upper = Gamma.regularizedGammaQ(df / 2, x / 2);
        NormalDistribution nd = new NormalDistribution(0, 1);
        if (lower <= upper) {
            return lower <= 0 ? Double.NEGATIVE_INFINITY : nd.inverseCumulativeProbability(lower);
        }
        return upper <= 0 ? Double.POSITIVE_INFINITY : -nd.inverseCumulativeProbability(upper);
    }

    /** Two-sided Bonferroni critical |z| for {@code tests} tests at family-wise level {@link Checker#FAMILY_ALPHA}. */
    static double zCritical(int tests) {
        if (tests == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -new NormalDistribution(0, 1).inverseCumulativeProbability(Checker.FAMILY_ALPHA / (2.0 * tests));
    }
}
