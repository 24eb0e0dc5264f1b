package org.lesde.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The z-tests of docs/theory.md#38-the-ensemble-z-tests. */
class EnsembleTestsTest {

    /** The χ² z maps the χ²_{N−1} quantile of a tail probability to the normal quantile of the same tail. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 1000})
    void chiSquareZHasTheNormalTail(int n) {
        ChiSquaredDistribution chi = new ChiSquaredDistribution(n - 1);
        NormalDistribution nd = new NormalDistribution(0, 1);
        for (double x : new double[] {1e-6, 0.01, 0.5, 1, 2, 5, 12, 30}) {
            double p = chi.cumulativeProbability(x);
            double z = EnsembleTests.chiSquareZ(x / (n - 1), 1.0, n); // σ² = 1
            if (p < 0.5) {
                assertEquals(p, nd.cumulativeProbability(z), 1e-3 * p, "x = " + x);
            } else {
                assertEquals(1 - p, nd.cumulativeProbability(-z), 1e-12, "x = " + x);
            }
        }
    }

    /** The false-alarm rate of |z| > z_c for N = 2 and 3 normal samples is the nominal one (Monte Carlo). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void falseAlarmRateHoldsAtTinyN(int n) {
        SplittableRandom rng = new SplittableRandom(11 + n);
        NormalDistribution nd = new NormalDistribution(0, 1);
        int trials = 400_000;
        double sigma = 1.7;
        double zc = -nd.inverseCumulativeProbability(0.01 / 2);
        int alarms = 0;
        int oldAlarms = 0;
        for (int t = 0; t < trials; t++) {
            double sum = 0;
            double sq = 0;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = sigma * gaussian(rng);
                sum += x[i];
            }
            double mean = sum / n;
            for (double v : x) {
                sq += (v - mean) * (v - mean);
            }
            double s2 = sq / (n - 1);
            if (Math.abs(EnsembleTests.chiSquareZ(s2, sigma * sigma, n)) > zc) {
                alarms++;
            }
            // the normal approximation this replaces: (s² − σ²)/(σ²·sqrt(2/(N−1)))
            if (Math.abs(s2 - sigma * sigma) / (sigma * sigma * Math.sqrt(2.0 / (n - 1))) > zc) {
                oldAlarms++;
            }
        }
        double rate = (double) alarms / trials;
        double se = Math.sqrt(0.01 * 0.99 / trials);
        System.out.println("N = " + n + ": chi2 rate " + rate + ", normal approximation " + (double) oldAlarms / trials);
        assertEquals(0.01, rate, 5 * se, "N = " + n);
        assertTrue((double) oldAlarms / trials > 0.01 + 10 * se, "the normal approximation should be wrong at N = " + n);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** A law with zero variance: the sample variance must be zero, not a vacuous pass. */
    @Test
    void zeroVarianceLawDetectsANonzeroSampleVariance() {
        EnsembleTests.Law law = new EnsembleTests.Law() {
            @Override
            public double mean(int row, int i) {
                return 1.0;
            }

            @Override
            public double covariance(int row, int i, int j) {
                return 0;
            }
        };
        EnsembleTests.Family clean = EnsembleTests.covariances(law, null, sample(0.0, 1.0), 3, 2, true);
        assertTrue(clean.pass());
        assertEquals(0, clean.tests());
        assertEquals(0.0, clean.value());
        EnsembleTests.Family injected = EnsembleTests.covariances(law, null, sample(1e-6, 1.0), 3, 2, true);
        assertFalse(injected.pass(), "a nonzero variance of a deterministic law must fail");
        assertEquals(1e-6, injected.value(), 1e-18);
        assertTrue(EnsembleTests.means(law, null, sample(0.0, 1.0), 3, 2).pass());
        assertFalse(EnsembleTests.means(law, null, sample(0.0, 1.001), 3, 2).pass(), "a wrong deterministic mean must fail");
    }

    private static EnsembleTests.Sample sample(double var, double mean) {
        return new EnsembleTests.Sample() {
            @Override
            public long paths() {
                return 10;
            }

            @Override
            public double mean(int row, int i) {
                return mean;
            }

            @Override
            public double variance(int row, int i) {
                return row == 2 && i == 1 ? var : 0;
            }

            @Override
            public double covariance(int row, int i, int j) {
                return 0;
            }

            @Override
            public int[] covarianceRows() {
                return new int[] {2};
            }

            @Override
            public int covarianceCoordinates() {
                return 2;
            }
        };
    }
}
