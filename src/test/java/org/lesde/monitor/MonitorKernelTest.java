package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transposed (vectorising) and blocked monitor kernels give the numbers of the one-row and
 * one-class-at-a-time loops they replace, on random states, for small and large K: against the
 * plain reference loops of {@link MonitorReference}, counts exactly and the NC1 scatter to
 * 1e-12 relative (it is in fact bit-identical: every sum adds the same terms in the same order).
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

    @ParameterizedTest(name = "K = p = {0}")
    @ValueSource(ints = {3, 9, 10, 100})
    void blockedPathKernelsEqualThePlainReference(int k) {
        Random rnd = new Random(77 + k);
        int p = k;
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            means[i] = rnd.nextGaussian();
        }
        PairSeparation sep = new PairSeparation(k, p, means);
        PairSeparation sepShared = sep.emptyCopy();
        FixedMeanPass pass = new FixedMeanPass(means, k, p, null);
        FixedMeanPass passShared = pass.emptyCopy();
        MonitorWork work = new MonitorWork(k, p);
        double[] r = MonitorReference.projector(means, k, p);
        long[] counts = new long[k * k];
        double scatter = 0;
        long mismatches = 0;
        int paths = k == 100 ? 12 : 60;
        int offset = 5;
        double[] x = new double[offset + k * p];
        for (int path = 0; path < paths; path++) {
            // near the means (few pairs separated by chance, sums near 0) and far from them
            double spread = path % 3 == 0 ? 0.05 : path % 3 == 1 ? 1.0 : 4.0;
            for (int i = 0; i < k * p; i++) {
                x[offset + i] = means[i] + spread * rnd.nextGaussian();
            }
            double[] plain = java.util.Arrays.copyOfRange(x, offset, x.length);
            MonitorReference.separatedPairs(means, k, p, plain, counts);
            scatter = MonitorReference.addProjectedScatter(scatter, r, means, k, p, plain);
            mismatches += MonitorReference.mismatches(means, k, p, plain);
            sep.addPath(x, offset);
            sepShared.addPath(x, offset, work);
            pass.addPath(x, offset);
            passShared.addPath(x, offset, work);
        }
        long separatedSome = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                assertEquals(counts[a * k + b], sep.separatedCount(a, b), "pair " + a + "," + b);
                assertEquals(counts[a * k + b], sepShared.separatedCount(a, b), "pair " + a + "," + b + " (shared work)");
                separatedSome += counts[a * k + b];
            }
        }
        assertTrue(separatedSome > 0 && separatedSome < (long) paths * k * (k - 1) / 2, "both outcomes occur");
        assertEquals(paths, sep.paths());
        assertEquals(mismatches, pass.mismatches());
        assertEquals(mismatches, passShared.mismatches());
        assertEquals((long) paths * k, pass.samples());
        double expected = scatter / ((long) paths * k);
        assertEquals(expected, pass.nc1(), 1e-12 * Math.abs(expected), "NC1");
        assertEquals(Double.doubleToLongBits(pass.nc1()), Double.doubleToLongBits(passShared.nc1()), "NC1 of the copy");
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(pass.nc1()), "NC1 is bit-identical (same order of sums)");
    }
}
