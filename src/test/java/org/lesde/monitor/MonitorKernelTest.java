package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transposed (vectorising) monitor kernels give exactly the numbers of the one-row and
 * one-class-at-a-time loops they replace, on random states, for small and large K.
 */
class MonitorKernelTest {
    @ParameterizedTest(name = "K = p = {0}")
    @ValueSource(ints = {3, 7, 8, 10, 33, 100})
    void transposedKernelsEqualTheOneAtATimeLoops(int k) {
        Random rnd = new Random(1000 + k);
        int p = k + (k % 3); // p >= K, not always equal
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            means[i] = rnd.nextGaussian();
        }
        FixedMeanPass pass = new FixedMeanPass(means, k, p, null);
        FixedMeanPass copy = pass.emptyCopy();
        double[] h = new double[p];
        for (int trial = 0; trial < 200; trial++) {
            double spread = trial % 2 == 0 ? 0.3 : 3.0;
            int near = rnd.nextInt(k);
            for (int j = 0; j < p; j++) {
                h[j] = means[near * p + j] + spread * rnd.nextGaussian();
            }
            assertEquals(pass.nearestMeanOneAtATime(h, 0), pass.nearestMean(h, 0), "nearest mean, trial " + trial);
            assertEquals(copy.nearestMeanOneAtATime(h, 0), copy.nearestMean(h, 0), "copy, trial " + trial);
            assertEquals(Double.doubleToLongBits(pass.projectedNorm2OneRowAtATime(h)),
                    Double.doubleToLongBits(pass.projectedNorm2ForTest(h)), "NC1 projection, trial " + trial);
        }
    }

    @ParameterizedTest(name = "K = p = {0}")
    @ValueSource(ints = {3, 10, 100})
    void nc1AndNc4OfAPathEqualADirectComputation(int k) {
        Random rnd = new Random(k);
        int p = k;
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            means[i] = 2 * rnd.nextGaussian();
        }
        FixedMeanPass pass = new FixedMeanPass(means, k, p, null);
        long mismatches = 0;
        double[] x = new double[k * p];
        int paths = 30;
        for (int path = 0; path < paths; path++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = means[i] + rnd.nextGaussian();
            }
            pass.addPath(x);
            for (int c = 0; c < k; c++) {
                int arg = 0;
                for (int j = 1; j < k; j++) {
                    if (x[c * p + j] > x[c * p + arg]) {
                        arg = j;
                    }
                }
                if (arg != pass.nearestMeanOneAtATime(x, c * p)) {
                    mismatches++;
                }
            }
        }
        assertEquals(mismatches, pass.mismatches());
        assertEquals((long) paths * k, pass.samples());
    }
}
