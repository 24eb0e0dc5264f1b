package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MetricsRowTest {
    @Test
    void odeRowsHaveEmptyWithinClassCells() {
        double[] means = SimplexEtf.vertices(3, 3);
        NcMetrics m = NeuralCollapse.fromMeans(means, 3, 3, null);
        List<String> row = MetricsRow.of(0.5, "ode", m, null);
        assertEquals(MetricsRow.HEADER.size(), row.size());
        assertEquals("0.5", row.get(0));
        assertEquals("ode", row.get(1));
        assertEquals("", row.get(MetricsRow.HEADER.indexOf("nc1")));
        assertEquals("", row.get(MetricsRow.HEADER.indexOf("nc4")));
        assertEquals("", row.get(MetricsRow.HEADER.indexOf("sep_prob_min")));
        assertEquals(0.0, Double.parseDouble(row.get(MetricsRow.HEADER.indexOf("nc2_etf_distance"))), 1e-12);
        PairSeparation sep = new PairSeparation(3, 3, means);
        sep.addPath(means);
        List<String> sde = MetricsRow.of(1, "sde", m, sep);
        assertEquals("1.0", sde.get(MetricsRow.HEADER.indexOf("sep_prob_min")));
    }
}
