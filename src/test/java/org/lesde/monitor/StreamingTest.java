package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class StreamingTest {
    static final int K = 4;
    static final int P = 5;

    static double[][] paths(int n, long seed) {
        return paths(n, seed, 10.0, 1.0);
    }

    /** Paths around a common offset with a given spread. */
    static double[][] paths(int n, long seed, double offset, double spread) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][K * P];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < K; k++) {
                for (int j = 0; j < P; j++) {
                    x[i][k * P + j] = offset + (j == k ? 3.0 : 0.0) + spread * rnd.nextGaussian();
                }
            }
        }
        return x;
    }

    static ClassStats chunk(double[][] x, int from, int to) {
        ClassStats s = new ClassStats(K, P);
        for (int i = from; i < to; i++) {
            s.addPath(x[i]);
        }
        return s;
    }

    /** Chunks of fixed size by path index, accumulated on {@code threads} threads, merged in chunk order. */
    static ClassStats parallel(double[][] x, int chunkSize, int threads) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ClassStats>> parts = new ArrayList<>();
            for (int from = 0; from < x.length; from += chunkSize) {
                int f = from;
                int t = Math.min(x.length, from + chunkSize);
                parts.add(ex.submit(() -> chunk(x, f, t)));
            }
            ClassStats total = new ClassStats(K, P);
            for (Future<ClassStats> part : parts) {
                total.merge(part.get());
            }
            return total;
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void chunkedMergeEqualsOnePass() {
        double[][] x = paths(1000, 1);
        ClassStats one = chunk(x, 0, x.length);
        for (int chunkSize : new int[] {1, 7, 100, 333, 999}) {
            ClassStats merged = new ClassStats(K, P);
            for (int from = 0; from < x.length; from += chunkSize) {
                merged.merge(chunk(x, from, Math.min(x.length, from + chunkSize)));
            }
            assertEquals(one.total(), merged.total());
            assertArrayEquals(one.means(), merged.means(), 1e-13);
            double[] a = one.withinCovariance();
            double[] b = merged.withinCovariance();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-13, "chunk " + chunkSize + " entry " + i);
            }
            for (int k = 0; k < K; k++) {
                assertEquals(one.withinVariance(k), merged.withinVariance(k), 1e-12 * one.withinVariance(k));
            }
        }
    }

    @Test
    void noCancellationWithALargeOffsetAndASmallSpread() {
        // offset 1e6, spread 1e-3: sums of squares minus n·mean² would lose every digit
        double[][] x = paths(1000, 1, 1e6, 1e-3);
        ClassStats s = chunk(x, 0, 500).merge(chunk(x, 500, 1000));
        // textbook two-pass reference: exact means first, then the deviations
        double[] mean = new double[K * P];
        for (double[] path : x) {
            for (int i = 0; i < K * P; i++) {
                mean[i] += path[i] / x.length;
            }
        }
        double[] cov = new double[P * P];
        for (double[] path : x) {
            for (int k = 0; k < K; k++) {
                for (int a = 0; a < P; a++) {
                    for (int b = 0; b < P; b++) {
                        cov[a * P + b] += (path[k * P + a] - mean[k * P + a]) * (path[k * P + b] - mean[k * P + b]) / (K * x.length);
                    }
                }
            }
        }
        double[] got = s.withinCovariance();
        for (int i = 0; i < cov.length; i++) {
            // the data carry deviations only to ~1e-7 relative (ulp(1e6) / 1e-3)
            assertEquals(cov[i], got[i], 1e-5 * 1e-6, "entry " + i);
        }
        assertEquals(1e-6, got[0], 1.5e-7);
    }

    @Test
    void mergeInChunkOrderIsBitIdenticalWhateverTheThreadCount() throws Exception {
        double[][] x = paths(2000, 2);
        ClassStats one = parallel(x, 128, 1);
        for (int threads : new int[] {2, 3, 8}) {
            ClassStats many = parallel(x, 128, threads);
            assertArrayEquals(one.means(), many.means(), 0.0);
            assertArrayEquals(one.withinCovariance(), many.withinCovariance(), 0.0);
            NcMetrics a = NeuralCollapse.of(one, (double[]) null);
            NcMetrics b = NeuralCollapse.of(many, (double[]) null);
            assertEquals(Double.doubleToLongBits(a.nc1()), Double.doubleToLongBits(b.nc1()));
            assertEquals(Double.doubleToLongBits(a.nc2EtfDistance()), Double.doubleToLongBits(b.nc2EtfDistance()));
        }
    }

    @Test
    void fixedMeanPassMergesAndMatchesScatterNc1() {
        double[][] x = paths(600, 3);
        ClassStats stats = chunk(x, 0, x.length);
        double[] means = stats.means();
        double[] w = new double[K * P];
        for (int k = 0; k < K; k++) {
            w[k * P + k] = 1;
            w[k * P + P - 1] = 0.7 * k;
        }
        FixedMeanPass whole = new FixedMeanPass(means, K, P, w);
        FixedMeanPass merged = new FixedMeanPass(means, K, P, w);
        for (int from = 0; from < x.length; from += 50) {
            FixedMeanPass part = new FixedMeanPass(means, K, P, w);
            for (int i = from; i < from + 50; i++) {
                part.addPath(x[i]);
            }
            merged.merge(part);
        }
        for (double[] path : x) {
            whole.addPath(path);
        }
        assertEquals(whole.samples(), merged.samples());
        assertEquals(whole.mismatches(), merged.mismatches());
        assertEquals(whole.nc1(), merged.nc1(), 1e-12 * whole.nc1());
        NcMetrics streaming = NeuralCollapse.of(stats, (double[]) null);
        NcMetrics twoPass = NeuralCollapse.of(stats, whole);
        assertEquals(streaming.nc1(), twoPass.nc1(), 1e-8 * twoPass.nc1());
        assertTrue(twoPass.nc4() > 0 && twoPass.nc4() < 1, "nc4 " + twoPass.nc4());
    }

    @Test
    void meansOnlyMergeMatchesFullStats() {
        double[][] x = paths(300, 4);
        ClassStats full = chunk(x, 0, 300);
        ClassStats lite = ClassStats.meansOnly(K, P);
        ClassStats lite2 = ClassStats.meansOnly(K, P);
        for (int i = 0; i < 150; i++) {
            lite.addPath(x[i]);
        }
        for (int i = 150; i < 300; i++) {
            lite2.addPath(x[i]);
        }
        lite.merge(lite2);
        assertArrayEquals(full.means(), lite.means(), 1e-13);
        assertEquals(full.withinTrace(), lite.withinTrace(), 1e-12 * full.withinTrace());
        ClassStats copy = full.copy();
        copy.reset();
        assertEquals(0, copy.total());
        assertEquals(1200, full.total());
    }
}
