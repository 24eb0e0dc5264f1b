package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The official moving average (pandas rolling, centred, min_periods 1) against independent computations. */
class MovingAverageTest {
    /** Independent: prefix sums over the pandas window [i - floor(w/2), i - floor(w/2) + w - 1] clipped. */
    private static double[] byPrefixSums(double[] x, int w) {
        double[] pre = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            pre[i + 1] = pre[i] + x[i];
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int lo = Math.max(0, i - w / 2);
            int hi = Math.min(x.length, i - w / 2 + w);
            out[i] = (pre[hi] - pre[lo]) / (hi - lo);
        }
        return out;
    }

    @Test
    void evenWindowPutsTheLabelAtTheUpperMiddle() {
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i + 1;
        }
        double[] m = MovingAverage.centred(x, 10);
        // label 10 averages rows 5..14 (values 6..15), label 0 rows 0..4 (1..5), label 19 rows 14..19 (15..20)
        assertEquals((6 + 15) / 2.0, m[10], 1e-15);
        assertEquals(3.0, m[0], 1e-15);
        assertEquals((15 + 20) / 2.0, m[19], 1e-15);
        double[] odd = MovingAverage.centred(x, 3);
        assertEquals(1.5, odd[0], 1e-15);
        assertEquals(5.0, odd[4], 1e-15);
    }

    @Test
    void agreesWithPrefixSumsOnRandomSeries() {
        Random rnd = new Random(7);
        for (int w : new int[] {1, 2, 5, 10, 11, 40}) {
            double[] x = new double[137];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian() * 3 + i * 0.01;
            }
            double[] a = MovingAverage.centred(x, w);
            double[] b = byPrefixSums(x, w);
            for (int i = 0; i < x.length; i++) {
                assertEquals(b[i], a[i], 1e-12, "w=" + w + " i=" + i);
            }
        }
    }

    @Test
    void nanEntriesAreSkippedAsPandasDoes() {
        double[] x = {1, Double.NaN, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double[] m = MovingAverage.centred(x, 2); // label i: rows i-1, i
        assertEquals(1.0, m[0], 0);
        assertEquals(1.0, m[1], 0);
        assertEquals(3.0, m[2], 0);
        assertEquals(3.0, m[3], 0);
        assertTrue(Double.isNaN(m[4]));
    }
}
