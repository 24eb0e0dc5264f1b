package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lesde.monitor.NcMetrics;

class LogMetricsTest {
    /**
     * Logits that are a scaled simplex ETF (r_y = e_y − 1/K) at iteration 1 are fully collapsed:
     * NC1 = ETF distance = NC4 = 0 and residual alignment 1; at iteration 2 class 2 is missing.
     */
    @Test
    void collapsedLogitsGiveZeroMetricsAndMissingClassGivesNull() throws IOException {
        StringBuilder sb = new StringBuilder("trial,itr,y,y_logit0,y_logit1,y_logit2\n");
        int k = 3;
        for (int itr = 0; itr < 3; itr++) {
            for (int trial = 0; trial < 9; trial++) {
                int y = itr == 2 ? trial % 2 : trial % 3;
                sb.append(trial).append(',').append(itr).append(',').append(y);
                for (int j = 0; j < k; j++) {
                    double v = 2.5 * ((j == y ? 1.0 : 0.0) - 1.0 / k) + (itr == 0 ? 0.1 * Math.sin(trial + j) : 0.0);
                    sb.append(',').append(v);
                }
                sb.append('\n');
            }
        }
        TrainingLog log = TrainingLog.read("etf.csv", new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
        NcMetrics[] m = LogMetrics.perIteration(log);
        assertEquals(3, m.length);
        assertTrue(m[0].nc1() > 0);
        assertEquals(9, m[1].samples());
        assertEquals(0.0, m[1].nc1(), 1e-12);
        assertEquals(0.0, m[1].nc2EtfDistance(), 1e-12);
        assertEquals(0.0, m[1].nc2Equinorm(), 1e-12);
        assertEquals(0.0, m[1].nc4(), 0.0);
        assertEquals(0.0, m[1].nc3(), 1e-12);
        assertEquals(1.0, m[1].residualCosMean(), 1e-12);
        assertNull(m[2]);
        double[] v = LogMetrics.values(m[2], 9);
        assertEquals(9.0, v[0]);
        assertTrue(Double.isNaN(v[1]));
    }
}
