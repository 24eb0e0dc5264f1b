package org.lesde.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.monitor.EnsembleMonitor;
import org.lesde.monitor.MetricsRow;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.PairSeparation;
import org.lesde.monitor.Separability;
import org.lesde.sim.Simulation;

/** The monitor inside real simulations: oracle, (non-)separation, ETF alignment, determinism. */
class MonitoringTest {

    static LeModel reduced(String file, int paths, int threads, int sgdParticles) {
        LeModel m = ModelFile.read(Path.of("models", file));
        LeModel.Simulation s = m.simulation();
        return m.withSimulation(new LeModel.Simulation(paths, s.solver(), s.seed(), threads, sgdParticles));
    }

    /**
     * Identity transform, two-level constant impact, Σ = σ²I, mean closure: the fraction of paths
     * separating each pair along ν* must match Φ(e^{Λ/K}·||d₀|| / sqrt(2(s₀² + hσ²t))) of docs/theory.md#5-separability-and-the-phase-transition.
     * Parameters chosen so that the oracle lies in (0.58, 0.87) at every output time.
     */
    @Test
    void separabilityOfTheIdentityModelMatchesTheOracleWithinMonteCarloError() {
        String yaml = """
                name: oracle
                classes: 3
                impact: {alpha: 0.3, beta: 0.0}
                transform: identity
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.1
                init: {means: [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]], spread: 0.5}
                time: {horizon: 30.0, dt: 0.5, outputs: 6}
                simulation: {paths: 4000, seed: 20211206, threads: 0}
                """;
        LeModel m = ModelFile.parse(yaml, "oracle", Path.of("."), "test");
        assertTrue(SeparabilityOracle.applies(m), SeparabilityOracle.inapplicable(m));
        Simulation.Result r = Simulation.run(m, Monitoring.config());
        EnsembleMonitor mon = Monitoring.sde(r);
        double[] t = r.outputTimes();
        double[][] oracle = SeparabilityOracle.pairProbabilities(m, r.mean0(), t);
        int n = m.simulation().paths();
        double maxAbsZ = 0;
        StringBuilder report = new StringBuilder("oracle z-scores (row: t, pairs 01 02 12):");
        for (int row = 0; row < t.length; row++) {
            PairSeparation sep = mon.separation(row);
            assertEquals(n, sep.paths());
            report.append(String.format(Locale.ROOT, "%n  t=%4.1f", t[row]));
            int pair = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    // docs/theory.md#5-separability-and-the-phase-transition directly: Λ = ∫α − ∫β = 0.3 t, ||d₀|| = 0.1·√2, s₀² = 0.25, h = 0.1, σ² = 1
                    double p = Separability.oracleProbability(0.3 * t[row], 3, 0.1 * Math.sqrt(2), 0.25, 0.1, 1.0, t[row]);
                    assertEquals(p, oracle[row][pair], 1e-12, "SeparabilityOracle vs the formula of docs/theory.md 5.2");
                    assertTrue(p > 0.05 && p < 0.95, "oracle must be informative, got " + p);
                    double z = (sep.fraction(a, b) - p) / Math.sqrt(p * (1 - p) / n);
                    report.append(String.format(Locale.ROOT, " %+.2f (p=%.3f)", z, p));
                    maxAbsZ = Math.max(maxAbsZ, Math.abs(z));
                    assertTrue(Math.abs(z) < 4, "t=" + t[row] + " pair " + a + "-" + b + ": measured " + sep.fraction(a, b)
                            + " vs oracle " + p + " (z = " + z + ")");
                    pair++;
                }
            }
        }
        assertTrue(maxAbsZ < 4, report.toString()); // (the per-pair report, also useful when run by hand)
        // the oracle must actually vary over the horizon (the test would be vacuous otherwise)
        assertTrue(oracle[t.length - 1][0] - oracle[0][0] > 0.2);
    }

    @Test
    void nonSeparatingModelStaysBoundedAwayFromOne() {
        Simulation.Result r = Simulation.run(reduced("non-separating.yaml", 400, 0, 60), Monitoring.config());
        double maxSde = 0;
        for (int row = 0; row < r.outputTimes().length; row++) {
            maxSde = Math.max(maxSde, Monitoring.sde(r).separation(row).min());
        }
        double maxSgd = 0;
        for (int row = 0; row < r.sgdTimes().length; row++) {
            maxSgd = Math.max(maxSgd, Monitoring.sgd(r).separation(row).min());
        }
        assertTrue(maxSde < 0.9, "SDE max over t of sep_prob_min = " + maxSde);
        assertTrue(maxSgd < 0.9, "SGD max over t of sep_prob_min = " + maxSgd);
        // and it is the alpha <= beta that does it: the same geometry with alpha > beta separates
        Simulation.Result sep = Simulation.run(reduced("identity-k3.yaml", 400, 0, 0), Monitoring.config());
        assertTrue(Monitoring.sde(sep).separation(sep.outputTimes().length - 1).min() > 0.99);
    }

    @Test
    void defaultModelDrivesTheEtfDistanceDownByAnOrderOfMagnitude() {
        Simulation.Result r = Simulation.run(reduced("default.yaml", 200, 0, 0), Monitoring.config());
        EnsembleMonitor sde = Monitoring.sde(r);
        int last = r.outputTimes().length - 1;
        double start = sde.metrics(0).nc2EtfDistance();
        double end = sde.metrics(last).nc2EtfDistance();
        assertTrue(start > 0.05, "the default model must start away from the ETF, got " + start);
        assertTrue(end <= start / 10, "ETF distance " + start + " -> " + end);
        // the ODE class means agree (the SDE ensemble mean is the ODE solution under the mean closure)
        assertEquals(Monitoring.ode(r, last).nc2EtfDistance(), end, 0.1 * end);
    }

    @Test
    void monitorResultsAreIdenticalWithOneAndTwoThreads() {
        // 150 paths = 5 chunks of 32, so two threads really split the work
        Simulation.Result one = Simulation.run(reduced("default.yaml", 150, 1, 20), Monitoring.config());
        Simulation.Result two = Simulation.run(reduced("default.yaml", 150, 2, 20), Monitoring.config());
        assertEquals(1, one.threads());
        assertEquals(2, two.threads());
        for (boolean sgd : new boolean[] {false, true}) {
            EnsembleMonitor a = sgd ? Monitoring.sgd(one) : Monitoring.sde(one);
            EnsembleMonitor b = sgd ? Monitoring.sgd(two) : Monitoring.sde(two);
            assertNotNull(a);
            assertEquals(a.rows(), b.rows());
            for (int row = 0; row < a.rows(); row++) {
                NcMetrics x = a.metrics(row);
                NcMetrics y = b.metrics(row);
                String where = (sgd ? "sgd" : "sde") + " row " + row;
                assertEquals(MetricsRow.of(0, "s", x, a.separation(row)), MetricsRow.of(0, "s", y, b.separation(row)), where);
                assertArrayEquals(x.cosines(), y.cosines(), 0.0, where);
                assertArrayEquals(x.residualCos(), y.residualCos(), 0.0, where);
                assertArrayEquals(a.separation(row).fractions(), b.separation(row).fractions(), 0.0, where);
                assertArrayEquals(a.stats(row).means(), b.stats(row).means(), 0.0, where);
                assertArrayEquals(a.stats(row).withinCovariance(), b.stats(row).withinCovariance(), 0.0, where);
            }
        }
        assertFalse(Double.isNaN(Monitoring.sde(one).metrics(0).nc1()));
    }
}
