package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;
import org.lesde.analytic.ClosedForm;
import org.lesde.analytic.GaussianLaw;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.modelfile.ModelFile;
import org.lesde.sde.Solver;

/** The exact sampler against the Gaussian law (z-tests, fixed seeds), its path structure and its refusals. */
class ExactSamplerTest {
    /** K = p = 2, full p×p noise with a power-law scale, identity transform, spread 0.3. */
    static final String MODEL = """
            classes: 2
            dim: 2
            impact: {alpha: {powerlaw: {c: 1.2, r: 0.5}}, beta: {powerlaw: {c: -0.3, r: 0.5}}}
            transform: identity
            noise: {type: full, matrix: [[1.0, 0.6], [0.6, 2.0]], scale: {powerlaw: {c: 1.5, r: 0.8}}}
            stepSize: 0.04
            init: {means: [[1.0, 0.2], [-0.3, 0.8]], spread: 0.3}
            time: {horizon: 3.0, dt: 0.01, outputs: 3}
            simulation: {paths: 4000, solver: exact, seed: 11, threads: 1}
            """;
    static final double Z = 4.5;

    static LeModel model() {
        return ModelFile.parse(MODEL, "exact", Path.of("."), "exact.yaml");
    }

    static Simulation.Result run(LeModel m) {
        return Simulation.run(m, new Simulation.Config(m.simulation().paths(), c -> List.of(), c -> List.of(), Progress.NONE));
    }

    @Test
    void meanAndCovarianceMatchTheGaussianLaw() {
        LeModel m = model();
        Simulation.Result r = run(m);
        GaussianLaw law = new GaussianLaw(m);
        double[] x0 = m.init().resolveMeans(2, 2, 11);
        double[][] mean = ClosedForm.of(LeOperator.of(m)).solve(x0, r.outputTimes());
        int n = 4;
        int rows = r.outputTimes().length;
        List<Map.Entry<Long, double[][]>> paths = r.samples().paths();
        int np = paths.size();
        assertEquals(4000, np);
        for (int row = 0; row < rows; row++) {
            double t = r.outputTimes()[row];
            for (int i = 0; i < n; i++) {
                double z = (r.sde().mean(row, i) - mean[row][i]) / Math.sqrt(law.variance(t, i) / np);
                assertTrue(Math.abs(z) < Z, "mean z = " + z + " at row " + row + ", coordinate " + i);
            }
            // full covariance (including the p×p noise correlation and zero between classes)
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double c = law.covariance(t, i, j);
                    double sc = sampleCov(paths, row, i, row, j);
                    double sd = Math.sqrt((law.variance(t, i) * law.variance(t, j) + c * c) / (np - 1));
                    assertTrue(Math.abs(sc - c) / sd < Z, "cov(" + i + "," + j + ") at row " + row + ": " + sc + " vs " + c);
                }
            }
        }
        // independent increments: Cov(X_i(t1), X_j(t3)) = Cov(X_i(t1), X_j(t1))
        double t1 = r.outputTimes()[1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double c = law.covariance(t1, i, j);
                double sc = sampleCov(paths, 1, i, rows - 1, j);
                double sd = Math.sqrt((law.variance(t1, i) * law.variance(r.outputTimes()[rows - 1], j) + c * c) / (np - 1));
                assertTrue(Math.abs(sc - c) / sd < Z, "time cross-covariance (" + i + "," + j + "): " + sc + " vs " + c);
            }
        }
    }

    static double sampleCov(List<Map.Entry<Long, double[][]>> paths, int ra, int i, int rb, int j) {
        double ma = 0;
        double mb = 0;
        int n = paths.size();
        for (Map.Entry<Long, double[][]> e : paths) {
            ma += e.getValue()[ra][i] / n;
            mb += e.getValue()[rb][j] / n;
        }
        double s = 0;
        for (Map.Entry<Long, double[][]> e : paths) {
            s += (e.getValue()[ra][i] - ma) * (e.getValue()[rb][j] - mb);
        }
        return s / (n - 1);
    }

    @Test
    void sameInitialStatesAsTheSteppersAndThreadIndependent() {
        LeModel m = model();
        LeModel small = m.withSimulation(new LeModel.Simulation(100, Solver.EXACT, 11, 1, 0));
        Simulation.Result one = run(small);
        Simulation.Result two = run(small.withSimulation(new LeModel.Simulation(100, Solver.EXACT, 11, 2, 0)));
        Simulation.Result em = run(small.withSimulation(new LeModel.Simulation(100, Solver.EULER_MARUYAMA, 11, 1, 0)));
        for (int row = 0; row < one.outputTimes().length; row++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(one.sde().mean(row, i), two.sde().mean(row, i), 0.0, "thread count changed the result");
                assertEquals(one.sde().sd(row, i), two.sde().sd(row, i), 0.0);
            }
        }
        // path i's stream starts with its initial state, for every solver
        for (int p = 0; p < 100; p++) {
            double[] a = one.samples().paths().get(p).getValue()[0];
            double[] b = em.samples().paths().get(p).getValue()[0];
            for (int i = 0; i < 4; i++) {
                assertEquals(b[i], a[i], 0.0);
            }
        }
    }

    @Test
    void refusedWithAClearErrorOtherwise() {
        // the self closure has an exact law (SelfClosureLaw); the ensemble closure has none
        ModelFile.parse(MODEL.replace("transform: identity", "transform: identity\nclosure: self"), "x", Path.of("."), "x");
        BadInputException self = assertThrows(BadInputException.class,
                () -> ModelFile.parse(MODEL.replace("transform: identity", "transform: identity\nclosure: ensemble"), "x",
                        Path.of("."), "x"));
        assertTrue(self.getMessage().contains("solver exact") && self.getMessage().contains("closure ensemble"),
                self.getMessage());
        assertTrue(!self.getMessage().contains("\n"));
        BadInputException prop = assertThrows(BadInputException.class, () -> ModelFile.parse(
                MODEL.replace("noise: {type: full, matrix: [[1.0, 0.6], [0.6, 2.0]], scale: {powerlaw: {c: 1.5, r: 0.8}}}",
                        "noise: {type: proportional, sigma: 0.5}"), "x", Path.of("."), "x"));
        assertTrue(prop.getMessage().contains("proportional"), prop.getMessage());
        // and through the library entry point, whatever the caller validated
        LeModel bad = ModelFile.read(Path.of("models", "multiplicative.yaml"));
        LeModel exact = bad.withSimulation(new LeModel.Simulation(10, Solver.EXACT, 1, 1, 0));
        assertThrows(BadInputException.class, () -> run(exact));
    }
}
