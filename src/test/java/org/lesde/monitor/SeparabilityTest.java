package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SeparabilityTest {

    /** The mean-direction heuristic: separated iff projections on μ_a − μ_b do not overlap. */
    static boolean meanDirectionHeuristic(double[] a, double[] b, int p) {
        double[] d = new double[p];
        int na = a.length / p;
        int nb = b.length / p;
        for (int i = 0; i < a.length; i++) {
            d[i % p] += a[i] / na;
        }
        for (int i = 0; i < b.length; i++) {
            d[i % p] -= b[i] / nb;
        }
        double minA = Double.POSITIVE_INFINITY;
        double maxB = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < na; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += a[i * p + j] * d[j];
            }
            minA = Math.min(minA, s);
        }
        for (int i = 0; i < nb; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += b[i * p + j] * d[j];
            }
            maxB = Math.max(maxB, s);
        }
        return minA > maxB;
    }

    @Test
    void lpDetectsSeparationThatTheMeanDirectionHeuristicMisses() {
        // two thin parallel clouds along a slanted line: separated by y = 0.01 x, but their
        // projections on the mean difference (0, 0.2) overlap
        double[] a = {0, 0.1, 100, 1.1, 50, 0.6};
        double[] b = {0, -0.1, 100, 0.9, 50, 0.4};
        assertFalse(meanDirectionHeuristic(a, b, 2));
        assertTrue(Separability.linearlySeparable(a, b, 2));
        assertTrue(Separability.hullDistance(a, b, 2) > 0.1);
    }

    @Test
    void nonSeparableClouds() {
        // XOR: not linearly separable although the clouds are disjoint
        double[] a = {0, 0, 1, 1};
        double[] b = {0, 1, 1, 0};
        assertFalse(Separability.linearlySeparable(a, b, 2));
        assertEquals(0, Separability.hullDistance(a, b, 2), 1e-12);
        // a shared point
        assertFalse(Separability.linearlySeparable(new double[] {1, 2, 3}, new double[] {1, 2, 3, 5, 5, 5}, 3));
        // a point of b inside the hull of a (3-D)
        double[] tetra = {0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 4};
        assertFalse(Separability.linearlySeparable(tetra, new double[] {0.5, 0.5, 0.5, 9, 9, 9}, 3));
        assertTrue(Separability.linearlySeparable(tetra, new double[] {2, 2, 2, 9, 9, 9}, 3));
    }

    @Test
    void gaussianCloudsSeparateOnlyWhenFarApart() {
        Random rnd = new Random(11);
        int n = 80;
        int p = 3;
        double[] a = new double[n * p];
        double[] far = new double[n * p];
        double[] near = new double[n * p];
        for (int i = 0; i < n * p; i++) {
            a[i] = rnd.nextGaussian();
            far[i] = rnd.nextGaussian() + (i % p == 0 ? 20 : 0);
            near[i] = rnd.nextGaussian() + (i % p == 0 ? 0.5 : 0);
        }
        assertTrue(Separability.linearlySeparable(a, far, p));
        assertFalse(Separability.linearlySeparable(a, near, p));
        boolean[] ovo = Separability.oneVsOne(new double[][] {a, far, near}, p);
        assertTrue(ovo[1] && ovo[3] && !ovo[2] && !ovo[6] && ovo[5] && ovo[7]);
        assertEquals(2.0 / 3, Separability.separablePairFraction(new double[][] {a, far, near}, p), 1e-15);
    }

    @Test
    void separatedPairsAccumulateAndMerge() {
        int k = 3;
        int p = 2;
        double[] means = {0, 0, 1, 0, 0, 1};
        PairSeparation all = new PairSeparation(k, p, means);
        PairSeparation part1 = new PairSeparation(k, p, means);
        PairSeparation part2 = new PairSeparation(k, p, means);
        Random rnd = new Random(3);
        for (int i = 0; i < 4000; i++) {
            double[] x = new double[k * p];
            for (int j = 0; j < x.length; j++) {
                x[j] = means[j] + 0.5 * rnd.nextGaussian();
            }
            all.addPath(x);
            (i < 1000 ? part1 : part2).addPath(x);
            assertEquals(Separability.pairSeparatedAlongMeans(x, p, 0, 1, means),
                    Separability.pairSeparated(x, p, 0, 1, new double[] {-1, 0}, 0));
        }
        part1.merge(part2);
        assertEquals(all.paths(), part1.paths());
        assertEquals(all.fraction(0, 1), part1.fraction(1, 0), 0);
        // each pair: d = ||μ_k − μ_k'||, x_k − x_k' along d ~ N(d, 2·0.25) -> Φ(d / sqrt(0.5))
        double p01 = Separability.standardNormalCdf(1 / Math.sqrt(0.5));
        double p12 = Separability.standardNormalCdf(Math.sqrt(2) / Math.sqrt(0.5));
        double se = Math.sqrt(0.25 / 4000);
        assertEquals(p01, all.fraction(0, 1), 4 * se);
        assertEquals(p12, all.fraction(1, 2), 4 * se);
        assertEquals(Math.min(all.fraction(0, 1), Math.min(all.fraction(0, 2), all.fraction(1, 2))), all.min(), 0);
        assertEquals((all.fraction(0, 1) + all.fraction(0, 2) + all.fraction(1, 2)) / 3, all.mean(), 1e-15);
    }

    @Test
    void pairFractionCountsParticlePairs() {
        double[] a = {3, 1, 2};
        double[] b = {0, 2.5, 5};
        // pairs a > b: 3>0, 3>2.5, 1>0, 2>0 -> 4 of 9
        assertEquals(4.0 / 9, Separability.pairFraction(a, b, 1, new double[] {1}), 1e-15);
        assertEquals(4.0 / 9, Separability.pairFraction(b, a, 1, new double[] {-1}), 1e-15);
    }

    @Test
    void oracleProbabilitySanityValues() {
        double d = 1.3;
        double s2 = 0.4;
        // Λ = 0, t = 0: Φ(d / sqrt(2 s²))
        assertEquals(Separability.standardNormalCdf(d / Math.sqrt(2 * s2)),
                Separability.oracleProbability(0, 3, d, s2, 1, 1, 0), 1e-15);
        assertEquals(0.5, Separability.standardNormalCdf(0), 1e-16);
        assertEquals(0.8413447460685429, Separability.standardNormalCdf(1), 1e-15);
        // large Λ -> 1 ; noise growth with Λ = 0 -> 1/2
        assertEquals(1.0, Separability.oracleProbability(200, 3, d, s2, 1, 1, 10), 1e-15);
        assertEquals(0.5, Separability.oracleProbability(0, 3, d, s2, 1, 1, 1e12), 1e-5);
        // monotone in Λ
        double prev = 0;
        for (double lambda = -5; lambda <= 20; lambda += 1) {
            double pr = Separability.oracleProbability(lambda, 4, d, s2, 2, 0.5, 3);
            assertTrue(pr >= prev);
            prev = pr;
        }
        assertEquals(1.0, Separability.oracleProbability(0, 3, d, 0, 1, 1, 0), 0);
        assertEquals(0.5, Separability.oracleProbability(0, 3, 0, 0, 1, 1, 0), 0);
    }
}
