package org.lesde.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lesde.analytic.TestModels;
import org.lesde.model.LeModel;
import org.lesde.sde.Solver;
import org.lesde.sim.Simulation;

/**
 * The self closure's ensembles against its exact law (docs/theory.md#36-the-self-closure-law):
 * Euler–Maruyama at a small dt against the law of its map and of the continuous SDE, the exact
 * sampler at coarse output intervals, and thread-count invariance of the exact sampler.
 */
class SelfClosureCheckTest {

    static LeModel model(String transform, String impact, String noise, String time, String sim) {
        return TestModels.parse("classes: 3\ndim: 4\nimpact: " + impact + "\ntransform: " + transform + "\nnoise: " + noise
                + "\nstepSize: 0.05\nclosure: self\ninit: {means: [[1.0, 0.2, -0.3, 0.5], [0.1, 1.0, 0.4, -0.7],"
                + " [-0.2, 0.3, 1.0, 0.25]], spread: 0.2}\ntime: " + time + "\nsimulation: " + sim + "\n");
    }

    static void assertAllPass(Checker.Report r) {
        for (CheckResult c : r.results()) {
            System.out.println(c.name() + ": " + c.value() + " / " + c.tolerance() + " " + c.pass());
            assertTrue(c.pass(), c.name() + ": " + c.value() + " > " + c.tolerance() + " — " + c.detail());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "residual-source", "residual-target", "residual-outer"})
    void eulerMaruyamaAndExactSamplerMatchTheLaw(String transform) {
        LeModel m = model(transform, "{alpha: 1.5, beta: -0.4}", "{type: full, matrix: [[1.0, 0.3, 0.0, 0.1], [0.3, 0.8, 0.2,"
                + " 0.0], [0.0, 0.2, 0.5, 0.1], [0.1, 0.0, 0.1, 0.7]]}", "{horizon: 2.0, dt: 0.005, outputs: 10}",
                "{paths: 400, seed: 5, threads: 2}");
        Checker.Report r = Checker.run(m, Checker.Options.defaults());
        long rows = r.results().stream().filter(c -> c.name().startsWith("LE-SDE")).count();
        assertEquals(6, rows, "map (2), continuous (2) and exact sampler (2) rows");
        assertAllPass(r);
    }

    @Test
    void exactSamplerAtCoarseOutputsAndTimeVaryingRates() {
        // non-proportional power laws: the transitions come from DP853 on the moment equations
        LeModel m = model("residual-source", "{alpha: {powerlaw: {c: 2.0, r: 0.5}}, beta: {powerlaw: {c: -0.6, r: 1.0}}}",
                "{type: diagonal, sigmas: [0.5, 1.0, 0.2, 0.8], scale: {powerlaw: {c: 1.0, r: 0.3}}}",
                "{horizon: 6.0, dt: 0.5, outputs: 6}", "{paths: 500, seed: 9, solver: exact}");
        Checker.Report r = Checker.run(m, Checker.Options.defaults());
        assertEquals(2, r.results().stream().filter(c -> c.name().startsWith("LE-SDE exact sampler")).count());
        assertAllPass(r);
    }

    @Test
    void exactSamplerIsByteIdenticalForOneAndTwoThreads() {
        LeModel m = model("identity", "{alpha: 1.0, beta: 0.2}", "{type: full, matrix: [[1.0, 0.3, 0.0, 0.1], [0.3, 0.8, 0.2,"
                + " 0.0], [0.0, 0.2, 0.5, 0.1], [0.1, 0.0, 0.1, 0.7]]}", "{horizon: 3.0, dt: 0.01, outputs: 7}",
                "{paths: 300, seed: 4, solver: exact}");
        Simulation.Result[] rs = new Simulation.Result[2];
        for (int t = 1; t <= 2; t++) {
            LeModel.Simulation s = m.simulation();
            rs[t - 1] = Simulation.run(m.withSimulation(new LeModel.Simulation(s.paths(), Solver.EXACT, s.seed(), t, 0)),
                    Simulation.Config.defaults());
        }
        int n = m.stateDim();
        for (int row = 0; row < 8; row++) {
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(rs[0].sde().mean(row, i)), Double.doubleToRawLongBits(rs[1].sde().mean(row, i)));
                assertEquals(Double.doubleToRawLongBits(rs[0].sde().variance(row, i)),
                        Double.doubleToRawLongBits(rs[1].sde().variance(row, i)));
            }
        }
        assertTrue(rs[0].sde().variance(7, 0) > 0);
    }

    /** The example: 2 paths, the exact χ² rule keeps the family-wise rate (several seeds). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void twoPathsPassOnIdentityK3(long seed) {
        LeModel m = TestModels.shipped("identity-k3");
        Checker.Report r = Checker.run(m, new Checker.Options(2, seed, 1, 0));
        assertAllPass(r);
    }
}
