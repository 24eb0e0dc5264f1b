package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.LeSystem;
import org.lesde.modelfile.ModelFile;
import org.lesde.sde.EulerMaruyama;
import org.lesde.sde.Milstein;
import org.lesde.sde.Solver;
import org.lesde.sde.Stepper;

class EnsembleStatisticsTest {

    static LeModel model(String closure, int paths, int threads, String solver) {
        String yaml = """
                name: stats
                classes: 3
                impact: {alpha: 1.5, beta: -0.5}
                transform: residual-source
                noise: {type: additive, sigma: 2.0}
                stepSize: 0.05
                closure: %s
                init: {means: [[1, 0.2, 0], [0, 1, 0.3], [0.1, 0, 1]], spread: 0.3}
                time: {horizon: 2.0, dt: 0.01, outputs: 4}
                simulation: {paths: %d, solver: %s, seed: 2024, threads: %d}
                """.formatted(closure, paths, solver, threads);
        return ModelFile.parse(yaml, "stats", Path.of("."), "test");
    }

    @Test
    void meanClosureEnsembleMeanMatchesOdeAndVarianceMatchesExactLaw() {
        LeModel m = model("mean", 4000, 0, "euler-maruyama");
        Simulation.Result r = Simulation.run(m, Simulation.Config.defaults());
        int rows = r.outputTimes().length;
        double h = m.stepSize();
        double sigma = 2.0;
        double spread = 0.3;
        int worstZ = 0;
        for (int row = 1; row < rows; row++) {
            double t = r.outputTimes()[row];
            double var = spread * spread + h * sigma * sigma * t;
            for (int i = 0; i < m.stateDim(); i++) {
                double se = Math.sqrt(var / m.simulation().paths());
                double z = (r.sde().mean(row, i) - r.ode()[row][i]) / se;
                assertTrue(Math.abs(z) < 4, "mean z = " + z + " at t=" + t + " i=" + i);
                worstZ = Math.max(worstZ, (int) Math.abs(z));
                // sample variance of a Gaussian: relative standard error sqrt(2/N)
                double rel = r.sde().variance(row, i) / var - 1;
                assertTrue(Math.abs(rel) < 4 * Math.sqrt(2.0 / m.simulation().paths()), "variance rel err " + rel);
            }
        }
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() {
        for (String closure : new String[] {"mean", "self", "ensemble"}) {
            for (String solver : new String[] {"euler-maruyama", "milstein"}) {
                Simulation.Result one = Simulation.run(model(closure, 150, 1, solver), Simulation.Config.defaults());
                Simulation.Result two = Simulation.run(model(closure, 150, 2, solver), Simulation.Config.defaults());
                Simulation.Result five = Simulation.run(model(closure, 150, 5, solver), Simulation.Config.defaults());
                for (int row = 0; row < one.outputTimes().length; row++) {
                    for (int i = 0; i < 9; i++) {
                        assertEquals(one.sde().mean(row, i), two.sde().mean(row, i), 0.0);
                        assertEquals(one.sde().sd(row, i), two.sde().sd(row, i), 0.0);
                        assertEquals(one.sde().mean(row, i), five.sde().mean(row, i), 0.0);
                        assertEquals(one.sde().sd(row, i), five.sde().sd(row, i), 0.0);
                    }
                }
            }
        }
    }

    @Test
    void milsteinEqualsEulerMaruyamaBitForBitOnAdditiveNoise() {
        LeModel m = model("self", 10, 1, "euler-maruyama");
        LeSystem sys = new LeSystem(LeOperator.of(m), new LeNoise(m.noise(), 3, 3, m.stepSize()), Closure.SELF, null);
        Stepper.Step em = EulerMaruyama.INSTANCE.bind(sys);
        Stepper.Step mil = Milstein.INSTANCE.bind(sys.copyForThread());
        double[] a = {1, 0.2, 0, 0, 1, 0.3, 0.1, 0, 1};
        double[] b = a.clone();
        var normal = org.lesde.random.Streams.normal(org.lesde.random.Streams.of(9).stream(0));
        double[] dW = new double[9];
        for (int n = 0; n < 500; n++) {
            for (int i = 0; i < 9; i++) {
                dW[i] = 0.1 * normal.sample();
            }
            em.step(n * 0.01, 0.01, a, dW);
            mil.step(n * 0.01, 0.01, b, dW);
            assertArrayEquals(a, b, 0.0);
        }
    }

    @Test
    void ensembleClosureMeanFollowsTheOdeForLinearDrift() {
        // With the ensemble closure the average of the paths obeys the LE-ODE driven by its own
        // average plus averaged noise, so it stays within Monte Carlo error of the LE-ODE.
        LeModel m = model("ensemble", 2000, 0, "euler-maruyama").withTime(new LeModel.Time(1.0, 0.001, 2));
        Simulation.Result r = Simulation.run(m, Simulation.Config.defaults());
        int last = r.outputTimes().length - 1;
        for (int i = 0; i < 9; i++) {
            double sd = r.sde().sd(last, i) / Math.sqrt(2000);
            assertEquals(r.ode()[last][i], r.sde().mean(last, i), 6 * sd + 2e-3 * Math.abs(r.ode()[last][i]));
        }
        assertEquals(Solver.EULER_MARUYAMA, m.simulation().solver());
    }
}
