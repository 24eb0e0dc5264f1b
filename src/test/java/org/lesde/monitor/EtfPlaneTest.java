package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EtfPlaneTest {
    static double dist(double[] a, int i, double[] b, int j, int n) {
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += Math.pow(a[i + t] - b[j + t], 2);
        }
        return Math.sqrt(s);
    }

    @Test
    void threeClassPlaneIsExact() {
        Random rnd = new Random(7);
        int k = 3;
        int p = 6;
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            means[i] = rnd.nextGaussian();
        }
        EtfPlane plane = EtfPlane.fit(means, k, p);
        double[] uv = plane.projectAll(means);
        // distances between the three means are preserved (they lie in the plane)
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                assertEquals(dist(means, a * p, means, b * p, p), dist(uv, 2 * a, uv, 2 * b, 2), 1e-12);
            }
        }
        // orientation: class 0 on the positive u axis, class 1 in the upper half plane
        assertTrue(uv[0] > 0);
        assertEquals(0, uv[1], 1e-12);
        assertTrue(uv[3] >= 0);
        // the nearest ETF lies in the same plane and is an equilateral triangle centred at the origin
        double[] etf = SimplexEtf.nearest(means, k, p);
        double[] e2 = plane.projectAll(etf);
        for (int a = 0; a < k; a++) {
            assertEquals(dist(etf, a * p, plane.origin(), 0, p), Math.hypot(e2[2 * a], e2[2 * a + 1]), 1e-12);
        }
        double side = dist(e2, 0, e2, 2, 2);
        assertEquals(side, dist(e2, 2, e2, 4, 2), 1e-12);
        assertEquals(side, dist(e2, 0, e2, 4, 2), 1e-12);
    }

    @Test
    void nearestEtfOfAScaledShiftedEtfIsItself() {
        for (int k : new int[] {2, 3, 5, 8}) {
            int p = k + 2;
            double[] u = NeuralCollapseTest.randomOrthonormal(p, k, new Random(k));
            double[] v = SimplexEtf.vertices(k, p, u);
            double[] means = new double[k * p];
            for (int i = 0; i < means.length; i++) {
                means[i] = 2.5 * v[i] + (i % p) * 0.1;
            }
            assertArrayEquals(means, SimplexEtf.nearest(means, k, p), 1e-12);
        }
    }

    @Test
    void largerKPlaneIsTheTopTwoPrincipalDirections() {
        int k = 6;
        int p = 6;
        double[] means = new double[k * p];
        for (int c = 0; c < k; c++) {
            // dominant spread in coordinates 0 and 1, small elsewhere
            means[c * p] = 5 * Math.cos(c);
            means[c * p + 1] = 4 * Math.sin(c);
            means[c * p + 2 + (c % 4)] = 0.01;
        }
        EtfPlane plane = EtfPlane.fit(means, k, p);
        double[] a1 = plane.axis1();
        double[] a2 = plane.axis2();
        double dot = 0;
        for (int j = 0; j < p; j++) {
            dot += a1[j] * a2[j];
        }
        assertEquals(0, dot, 1e-12);
        assertEquals(1, Math.hypot(a1[0], a1[1]), 1e-3);
        assertEquals(1, Math.hypot(a2[0], a2[1]), 1e-3);
    }
}
