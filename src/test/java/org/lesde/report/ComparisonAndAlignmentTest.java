package org.lesde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.monitor.EtfAlignment;
import org.lesde.monitor.NcMetrics;
import org.lesde.sim.Simulation;

/**
 * comparison.csv on real runs (docs/theory.md#66-comparing-the-sde-and-sgd-with-the-le-ode): no
 * flag where the SDE mean is the LE-ODE, the O(dt) bias of the self closure flagged; ETF alignment
 * (docs/theory.md#65-alignment-to-the-nearest-simplex-etf) on the shipped models.
 */
class ComparisonAndAlignmentTest {
    private static final List<String> H = Comparison.HEADER;

    private static Simulation.Result run(LeModel m) {
        return Simulation.run(m, Monitoring.config());
    }

    /** The rows' cells as comparison.csv holds them. */
    private static List<List<String>> cells(List<org.lesde.io.CsvRow> table) {
        return table.stream().map(org.lesde.io.CsvRow::cells).toList();
    }

    /** The largest max_z / z_bound over the SDE rows. */
    private static double worstSdeRatio(List<List<String>> rows) {
        double worst = 0;
        int n = 0;
        for (List<String> r : rows) {
            if (r.get(H.indexOf("source")).equals("sde")) {
                worst = Math.max(worst, Double.parseDouble(r.get(H.indexOf("max_z"))) / Double.parseDouble(r.get(H.indexOf("z_bound"))));
                n++;
            }
        }
        assertTrue(n > 0);
        return worst;
    }

    @Test
    void onTheDefaultModelTheSdeMeanStaysWithinItsBonferroniBound() {
        LeModel m = ModelFile.read(Path.of("models", "default.yaml"));
        List<List<String>> rows = cells(Comparison.table(run(m)));
        // 241 times x (3 classes + all) rows of sde, then the sgd rows
        assertEquals(2 * 241 * 4, rows.size());
        assertTrue(worstSdeRatio(rows) < 1, "max |z| / bound = " + worstSdeRatio(rows));
    }

    @Test
    void theSelfClosureAtACoarseStepIsFlaggedAsBiased() {
        LeModel m = ModelFile.read(Path.of("models", "default.yaml"));
        LeModel self = new LeModel(m.name(), m.classes(), m.dim(), m.impact(), m.transform(), m.noise(), m.stepSize(),
                Closure.SELF, m.init(), new LeModel.Time(m.time().horizon(), 0.1, m.time().outputs() / 2), m.simulation());
        double ratio = worstSdeRatio(cells(Comparison.table(run(self))));
        assertTrue(ratio > 1, "the Euler-Maruyama bias of the self closure at dt = 0.1 is not flagged: max |z| / bound = " + ratio);
    }

    private static double minVertexCos(NcMetrics mx) {
        return mx.alignment().vertexCosMin();
    }

    @Test
    void onTheDefaultModelTheMinimumVertexCosineRisesAboveNinetyNinePercent() {
        Simulation.Result r = run(ModelFile.read(Path.of("models", "default.yaml")));
        int last = r.outputTimes().length - 1;
        assertTrue(minVertexCos(Monitoring.ode(r, last)) > 0.99);
        assertTrue(minVertexCos(Monitoring.sde(r).metrics(last)) > 0.99);
        // and it rises: the end is closer to the ETF than the start
        assertTrue(1 - minVertexCos(Monitoring.ode(r, last)) < 0.01 * (1 - minVertexCos(Monitoring.ode(r, 0))));
    }

    /**
     * Without local elasticity (alpha = beta) every class moves with the class average, so the
     * centred class means never move: the shipped non-separating.yaml starts away from an ETF and
     * its LE-ODE alignment keeps its initial value, below 0.9, at every time; the SDE ensemble
     * means (noisy estimates of the same constant shape) stay below 0.9 too.
     */
    @Test
    void onTheNonSeparatingModelTheMinimumVertexCosineStaysBelowNinetyPercent() {
        Simulation.Result r = run(ModelFile.read(Path.of("models", "non-separating.yaml")));
        double c0 = minVertexCos(Monitoring.ode(r, 0));
        assertTrue(c0 < 0.9, "initial " + c0);
        for (int i = 0; i < r.outputTimes().length; i++) {
            assertEquals(c0, minVertexCos(Monitoring.ode(r, i)), 1e-9);
            double sde = minVertexCos(Monitoring.sde(r).metrics(i));
            assertTrue(sde < 0.9, "SDE at row " + i + ": " + sde);
        }
    }

    @Test
    void anExactEtfHasVertexCosineOneAndPairCosinesMinusOneOverKMinusOne() {
        int k = 5;
        int p = 7;
        double[] v = org.lesde.monitor.SimplexEtf.vertices(k, p);
        // scale, rotate (swap coordinates 0 and 6) and shift: alignment is unchanged
        double[] x = new double[k * p];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                int src = j == 0 ? 6 : j == 6 ? 0 : j;
                x[c * p + j] = 3.5 * v[c * p + src] + 10 + j;
            }
        }
        NcMetrics m = org.lesde.monitor.NeuralCollapse.fromMeans(x, k, p, null);
        EtfAlignment a = m.alignment();
        assertEquals(1, a.vertexCosMin(), 1e-12);
        assertEquals(1, a.vertexCosMax(), 1e-12);
        assertEquals(-0.25, a.pairCosQ05(), 1e-12);
        assertEquals(-0.25, a.pairCosQ95(), 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] x = {4, 1, 3, 2};
        assertEquals(1, EtfAlignment.quantile(x, 0), 0);
        assertEquals(2.5, EtfAlignment.quantile(x, 0.5), 1e-15);
        assertEquals(1.15, EtfAlignment.quantile(x, 0.05), 1e-12);
        assertEquals(4, EtfAlignment.quantile(x, 1), 0);
        assertTrue(Double.isNaN(EtfAlignment.quantile(new double[] {1, Double.NaN}, 0.5)));
    }
}
