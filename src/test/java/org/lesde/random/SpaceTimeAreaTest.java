package org.lesde.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The space–time Lévy area: its law, and its replay at coarser steps (docs/theory.md#39-sra1-and-the-space-time-levy-area). */
class SpaceTimeAreaTest {

    @Test
    void incrementsAreTheSameNumbersWithOrWithoutTheArea() {
        for (int factor : new int[] {1, 2, 4, 16}) {
            BrownianPath plain = BrownianPath.sample(Streams.of(3).stream(7), 2, 64, 1.0 / 64);
            BrownianPath area = BrownianPath.sampleWithArea(Streams.of(3).stream(7), 2, 64, 1.0 / 64);
            BrownianIncrements a = plain.coarse(factor);
            BrownianIncrements b = area.coarse(factor);
            BrownianIncrements c = area.coarse(factor);
            double[] w = new double[2];
            double[] wz = new double[4];
            double[] w2 = new double[2];
            for (int s = 0; s < 64 / factor; s++) {
                a.next(factor / 64.0, w);
                b.next(factor / 64.0, wz);
                c.next(factor / 64.0, w2);
                for (int i = 0; i < 2; i++) {
                    assertEquals(Double.doubleToLongBits(w[i]), Double.doubleToLongBits(wz[i]), "factor " + factor);
                    assertEquals(Double.doubleToLongBits(w[i]), Double.doubleToLongBits(w2[i]));
                }
            }
        }
    }

    @Test
    void coarseAreaIsTheRefinementFormulaBitForBit() {
        int fine = 16;
        double d = 1.0 / fine;
        BrownianPath p = BrownianPath.sampleWithArea(Streams.of(5).stream(1), 1, fine, d);
        double[] fw = new double[fine];
        double[] fz = new double[fine];
        BrownianIncrements one = p.coarse(1);
        double[] buf = new double[2];
        for (int s = 0; s < fine; s++) {
            one.next(d, buf);
            fw[s] = buf[0];
            fz[s] = buf[1];
        }
        // two half steps: ΔZ = ΔZ1 + ΔZ2 + (h/2)·ΔW1, ΔW = ΔW1 + ΔW2
        BrownianIncrements two = p.coarse(2);
        for (int s = 0; s < fine; s += 2) {
            two.next(2 * d, buf);
            assertEquals(Double.doubleToLongBits(0.0 + fw[s] + fw[s + 1]), Double.doubleToLongBits(buf[0]));
            double z = 0.0 + (fz[s] + d * 0.0);
            z += fz[s + 1] + d * (0.0 + fw[s]);
            assertEquals(Double.doubleToLongBits(z), Double.doubleToLongBits(buf[1]));
        }
        // four quarter steps: the formula applied twice (same value to rounding)
        BrownianIncrements four = p.coarse(4);
        for (int s = 0; s < fine; s += 4) {
            four.next(4 * d, buf);
            double w1 = fw[s] + fw[s + 1];
            double z1 = fz[s] + fz[s + 1] + d * fw[s];
            double w2 = fw[s + 2] + fw[s + 3];
            double z2 = fz[s + 2] + fz[s + 3] + d * fw[s + 2];
            assertEquals(z1 + z2 + 2 * d * w1, buf[1], 1e-15);
            assertEquals(w1 + w2, buf[0], 1e-15);
        }
    }

    /** Var ΔW = h, Var ΔZ = h³/3, Cov = h²/2 for the direct sampler and for a replayed path. */
    @Test
    void lawOfTheArea() {
        int n = 40000;
        double h = 0.5;
        double[] direct = new double[3];
        double[] replay = new double[3];
        double[] buf = new double[2];
        GaussianAreaIncrements g = new GaussianAreaIncrements(Streams.of(9).stream(0));
        for (int i = 0; i < n; i++) {
            g.next(h, buf);
            acc(direct, buf);
            UniformRandomProvider rng = Streams.of(10).stream(i);
            BrownianPath p = BrownianPath.sampleWithArea(rng, 1, 8, h / 8);
            p.coarse(8).next(h, buf);
            acc(replay, buf);
        }
        for (double[] m : new double[][] {direct, replay}) {
            // relative standard errors ~ sqrt(2/n) = 0.7 %: 5 % tolerance
            assertEquals(h, m[0] / n, 0.05 * h);
            assertEquals(h * h * h / 3, m[1] / n, 0.05 * h * h * h / 3);
            assertEquals(h * h / 2, m[2] / n, 0.05 * h * h / 2);
        }
    }

    private static void acc(double[] m, double[] wz) {
        m[0] += wz[0] * wz[0];
        m[1] += wz[1] * wz[1];
        m[2] += wz[0] * wz[1];
    }
}
