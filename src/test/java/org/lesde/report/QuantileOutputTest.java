package org.lesde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.sim.Simulation;

/** The quantile monitor's levels, column names and declared memory (docs/outputs.md#sde_quantilescsv). */
class QuantileOutputTest {

    static LeModel model(int paths, int outputs, String quantiles) {
        return ModelFile.parse("""
                classes: 3
                impact: {alpha: 2.0, beta: -0.5}
                transform: residual-source
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.01
                init: {means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]], spread: 0.05}
                time: {horizon: 10.0, dt: 0.01, outputs: %d}
                simulation: {paths: %d, seed: 1%s}
                """.formatted(outputs, paths, quantiles), "q", Path.of("."), "x");
    }

    @Test
    void columnNames() {
        assertEquals("k0_d0_q05", QuantileOutput.column("k0_d0", 0.05));
        assertEquals("k0_d0_q50", QuantileOutput.column("k0_d0", 0.5));
        assertEquals("k1_d2_q97.5", QuantileOutput.column("k1_d2", 0.975));
        assertEquals("k0_d0_q02.5", QuantileOutput.column("k0_d0", 0.025));
    }

    @Test
    void defaultLevelsOnlyWhileSmall() {
        assertEquals(QuantileOutput.DEFAULT_LEVELS, QuantileOutput.levels(model(1000, 240, "")));
        assertEquals(List.of(), QuantileOutput.levels(model(1000, 240, ", quantiles: []")));
        // 1000 output rows × 9 coordinates × 200 000 paths: far above 64 MiB, so off by default
        assertEquals(List.of(), QuantileOutput.levels(model(200_000, 1000, "")));
        assertEquals(List.of(0.5), QuantileOutput.levels(model(200_000, 1000, ", quantiles: [0.5]")));
    }

    @Test
    void theMemoryEstimateCountsTheSketches() {
        LeModel small = model(1000, 240, "");
        double with = Simulation.estimate(small, Monitoring.config()).total();
        double without = Simulation.estimate(model(1000, 240, ", quantiles: []"), Monitoring.config()).total();
        assertTrue(with > without + 10e6, with + " vs " + without);
        // explicit levels on a large run: refused before it starts, with the estimate's message
        LeModel big = model(200_000, 1000, ", quantiles: [0.5]");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Simulation.fitThreads(big, Monitoring.config(), 1L << 30));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        Simulation.fitThreads(model(200_000, 1000, ", quantiles: []"), Monitoring.config(), 1L << 30);
    }
}
