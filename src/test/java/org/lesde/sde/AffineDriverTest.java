package org.lesde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.random.BrownianIncrements;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;

/**
 * The segmented driver of affine steps against the step-by-step loop (the same step seen as a
 * plain {@link Stepper.Step}): the same observations bit for bit, and a blow-up inside a segment
 * is reported at the same (time, component, value) as the step-by-step check reports it, the
 * earliest step winning over the member order.
 */
class AffineDriverTest {

    /**
     * x[i] += c_n[i] + s_n·dW[i] with c_n = bump at (step, component), else a smooth function; c
     * prepared for the whole state or a range of components (the driver's tiles).
     */
    static Stepper.AffineStep step(int n, int bumpStep, int bumpComponent, double bump) {
        return new Stepper.AffineStep() {
            final double[] inc = new double[n];

            @Override
            public double prepare(double t, double dt, double[] out, int off) {
                return prepare(t, dt, out, off, 0, n);
            }

            @Override
            public double prepare(double t, double dt, double[] out, int off, int from, int to) {
                int k = (int) Math.round(t / dt);
                for (int i = from; i < to; i++) {
                    out[off + i - from] = k >= bumpStep && i == bumpComponent ? bump : Math.sin(0.1 * k + i) * dt;
                }
                return 0.3 + 0.1 * Math.cos(t);
            }

            @Override
            public void step(double t, double dt, double[] x, double[] dW) {
                double s = prepare(t, dt, inc, 0);
                for (int i = 0; i < n; i++) {
                    x[i] += inc[i] + s * dW[i];
                }
            }
        };
    }

    record Obs(int member, int row, double t, double[] x) {
    }

    static List<Obs> run(Stepper.Step st, int n, int members, TimeGrid grid, double bigStart, int bigMember) {
        Streams streams = Streams.of(3).child(Streams.PATHS);
        BrownianIncrements[] bm = new BrownianIncrements[members];
        double[][] x = new double[members][n];
        double[][] dW = new double[members][n];
        for (int b = 0; b < members; b++) {
            bm[b] = new GaussianIncrements(streams.stream(b));
            x[b][Math.min(1, n - 1)] = b == bigMember ? bigStart : 0.5;
        }
        List<Obs> obs = new ArrayList<>();
        Integrator.run(st, bm, x, dW, members, grid, (b, row, t, s) -> obs.add(new Obs(b, row, t, s.clone())),
                new Integrator.Workspace(n));
        return obs;
    }

    /**
     * n > 1024 runs one step per segment, tile by tile with c prepared per tile (n = 5000: two
     * whole tiles of 2048 and a partial one); n = 9 with an output every step too.
     */
    @ParameterizedTest(name = "n={0}, members={1}, steps={2}, outputs={3}")
    @CsvSource({"9, 32, 1000, 100", "9, 5, 301, 7", "100, 3, 97, 1", "1600, 2, 10, 10",
        "1, 1, 500, 3", "5000, 3, 12, 4", "5000, 1, 12, 4", "9, 3, 20, 20", "4096, 2, 5, 1"})
    void sameObservations(int n, int members, int steps, int outputs) {
        TimeGrid grid = TimeGrid.ofSteps(steps * 0.01, steps, outputs);
        Stepper.AffineStep affine = step(n, Integer.MAX_VALUE, 0, 0);
        Stepper.Step plain = affine::step;
        List<Obs> want = run(plain, n, members, grid, 0.5, -1);
        List<Obs> got = run(affine, n, members, grid, 0.5, -1);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            Obs w = want.get(i);
            Obs g = got.get(i);
            assertEquals(w.member, g.member);
            assertEquals(w.row, g.row);
            assertEquals(w.t, g.t);
            for (int j = 0; j < n; j++) {
                assertEquals(Double.doubleToRawLongBits(w.x[j]), Double.doubleToRawLongBits(g.x[j]));
            }
        }
    }

    @ParameterizedTest(name = "bump at step {0}, component {1}, member {2} starts large, n={3}")
    @CsvSource({"37, 1, 3, 9", "37, 1, -1, 9", "0, 1, 0, 9", "127, 1, 6, 9",
        "128, 1, 6, 9", "250, 4, -1, 9", "37, 1, 3, 5000", "37, 4500, -1, 5000",
        "0, 1, 0, 5000", "5, 2100, 2, 3000"})
    void sameBlowUp(int bumpStep, int component, int bigMember, int n) {
        TimeGrid grid = TimeGrid.ofSteps(3.0, 300, 3);
        // from bumpStep on component `component` grows by 1e308 per step: overflows at once for a
        // member that starts at 1e308, one step later for the others
        Stepper.AffineStep affine = step(n, bumpStep, component, 1e308);
        Stepper.Step plain = affine::step;
        BlowUpException want = assertThrows(BlowUpException.class, () -> run(plain, n, 8, grid, 1e308, bigMember));
        BlowUpException got = assertThrows(BlowUpException.class, () -> run(affine, n, 8, grid, 1e308, bigMember));
        assertEquals(want.getMessage(), got.getMessage());
        assertEquals(want.time(), got.time());
        assertEquals(want.component(), got.component());
        assertEquals(want.value(), got.value());
    }
}
