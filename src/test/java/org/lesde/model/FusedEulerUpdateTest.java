package org.lesde.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.lesde.ode.LeOde;
import org.lesde.sde.EulerMaruyama;
import org.lesde.sde.NoiseType;
import org.lesde.sde.SdeSystem;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;

/**
 * {@link LeSystem#addEulerIncrement} (the fused update) gives exactly the bits of the default
 * composition driftIncrement + diffusion + add, for every noise model and both per-path closures.
 */
class FusedEulerUpdateTest {

    /** Hides the override: the stepper then uses SdeSystem's default composition. */
    record Unfused(SdeSystem s) implements SdeSystem {
        @Override
        public int dimension() {
            return s.dimension();
        }

        @Override
        public NoiseType noiseType() {
            return s.noiseType();
        }

        @Override
        public void drift(double t, double[] x, double[] out) {
            s.drift(t, x, out);
        }

        @Override
        public void driftIncrement(double t, double dt, double[] x, double[] out) {
            s.driftIncrement(t, dt, x, out);
        }

        @Override
        public void diffusion(double t, double[] x, double[] dW, double[] out) {
            s.diffusion(t, x, dW, out);
        }
    }

    static List<Noise> noises(int k, int p, SplittableRandom r, boolean fullKp) {
        List<Noise> list = new ArrayList<>();
        list.add(new Noise.Additive(new Schedule.Constant(0.7)));
        list.add(new Noise.Additive(new Schedule.PowerLaw(1.3, 0.5)));
        double[] sig = new double[k * p];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = r.nextDouble(0, 2);
        }
        list.add(new Noise.Diagonal(sig, new Schedule.PowerLaw(1.0, 0.3)));
        for (int m : fullKp ? new int[] {p, k * p} : new int[] {p}) {
            double[][] b = new double[m][m];
            for (double[] row : b) {
                for (int j = 0; j < m; j++) {
                    row[j] = r.nextDouble(-1, 1);
                }
            }
            double[][] cov = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double acc = 0;
                    for (int q = 0; q < m; q++) {
                        acc += b[i][q] * b[j][q];
                    }
                    cov[i][j] = acc;
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    cov[i][j] = cov[j][i];
                }
            }
            list.add(Noise.Full.of(cov, new Schedule.Constant(0.5), "test"));
        }
        list.add(new Noise.Proportional(0.8, false));
        list.add(new Noise.Proportional(0.8, true));
        return list;
    }

    @Test
    void fusedUpdateIsBitIdenticalToTheComposition() {
        check(3, 4, true);
    }

    /** K·p >= LeSystem.LARGE_STATE: the mean closure keeps the step's increment (block path). */
    @Test
    void fusedUpdateOfLargeStatesIsBitIdenticalToo() {
        check(32, 33, false);
    }

    static void check(int k, int p, boolean fullKp) {
        SplittableRandom r = new SplittableRandom(11);
        TimeGrid grid = TimeGrid.ofSteps(1.0, 50, 10);
        LeOperator op = new LeOperator(k, p, new Impact.TwoLevel(new Schedule.PowerLaw(2.0, 0.5),
                new Schedule.Constant(-0.5)), Transform.of(TransformKind.RESIDUAL_SOURCE));
        double[] x0 = new double[k * p];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = r.nextGaussian();
        }
        MeanTrajectory table = new LeOde(op).tabulate(x0, grid);
        for (Noise noise : noises(k, p, r, fullKp)) {
            for (Closure closure : new Closure[] {Closure.MEAN, Closure.SELF}) {
                LeNoise ln = new LeNoise(noise, k, p, 0.04);
                LeSystem sys = new LeSystem(op, ln, closure, table);
                Stepper.Step fused = EulerMaruyama.INSTANCE.bind(sys);
                Stepper.Step plain = EulerMaruyama.INSTANCE.bind(new Unfused(sys.copyForThread()));
                // two paths in lockstep through the same fused step (as a block), one path through the plain one
                double[] a = x0.clone();
                double[] a2 = x0.clone();
                double[] b = x0.clone();
                double[] dW = new double[k * p];
                for (int n = 0; n < grid.steps(); n++) {
                    for (int i = 0; i < dW.length; i++) {
                        dW[i] = Math.sqrt(grid.dt()) * r.nextGaussian();
                    }
                    fused.step(grid.time(n), grid.dt(), a, dW);
                    fused.step(grid.time(n), grid.dt(), a2, dW);
                    plain.step(grid.time(n), grid.dt(), b, dW);
                    assertArrayEquals(b, a, 0.0, noise + " " + closure + " step " + n);
                    assertArrayEquals(b, a2, 0.0, noise + " " + closure + " step " + n + " (second block member)");
                }
            }
        }
    }
}
