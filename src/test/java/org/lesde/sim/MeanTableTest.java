package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.analytic.ClosedForm;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.model.MeanTrajectory;
import org.lesde.modelfile.ModelFile;
import org.lesde.ode.LeOde;
import org.lesde.sde.TimeGrid;

/**
 * The mean-closure LE-ODE table comes from the closed form where a pointwise structured one
 * applies: it agrees with the DP853 table, is the same for any thread count, and DP853 stays where
 * no closed form applies (docs/performance.md).
 */
class MeanTableTest {
    static LeModel model(int k, String transform, String impact) {
        return ModelFile.parse("""
                classes: %d
                impact: %s
                transform: %s
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.01
                closure: mean
                init: {random: {scale: 1.0}, spread: 0.1}
                time: {horizon: 3.0, dt: 0.01, outputs: 10}
                simulation: {paths: 4}
                """.formatted(k, impact, transform), "table", null, "test");
    }

    @ParameterizedTest(name = "K={0} {1}")
    @CsvSource(delimiter = ';', value = {
        "3; residual-source; {alpha: 2.0, beta: -0.5}",
        "10; residual-source; {alpha: 2.0, beta: -0.5}",
        // 301 rows of 900 values: above Simulation.TABLE_VALUES_PER_THREAD per thread, so 3 threads split it
        "30; residual-source; {alpha: 2.0, beta: -0.5}",
        "7; residual-target; {alpha: 1.5, beta: 0.2}",
        "5; residual-outer; {alpha: 2.0, beta: -0.5}",
        "4; identity; {alpha: 1.0, beta: 0.3}",
        "6; residual-source; {alpha: {powerlaw: {c: 2.0, r: 0.5}}, beta: {powerlaw: {c: -0.5, r: 0.5}}}",
    })
    void closedFormTableMatchesDp853AndIgnoresThreads(int k, String transform, String impact) {
        LeModel m = model(k, transform, impact);
        LeOperator op = LeOperator.of(m);
        ClosedForm cf = Simulation.tableClosedForm(op);
        assertNotNull(cf, "a pointwise closed form applies to " + transform);
        TimeGrid grid = TimeGrid.of(3.0, 0.01, 10);
        double[] mean0 = m.init().resolveMeans(k, k, 3);
        MeanTrajectory one = Simulation.tabulate(cf, mean0, grid, 1);
        MeanTrajectory three = Simulation.tabulate(cf, mean0, grid, 3);
        MeanTrajectory dp = new LeOde(op).tabulate(mean0, grid);
        double scale = 0;
        for (int s = 0; s <= grid.steps(); s++) {
            for (int i = 0; i < k * k; i++) {
                scale = Math.max(scale, Math.abs(dp.get(s, i)));
            }
        }
        for (int s = 0; s <= grid.steps(); s++) {
            for (int i = 0; i < k * k; i++) {
                assertEquals(Double.doubleToLongBits(one.get(s, i)), Double.doubleToLongBits(three.get(s, i)),
                        "step " + s + " value " + i + ": 1 vs 3 threads");
                assertEquals(dp.get(s, i), one.get(s, i), 1e-10 * scale, "step " + s + " value " + i + " vs DP853");
            }
        }
    }

    @Test
    void noPointwiseClosedFormKeepsDp853() {
        // residual-source with non-proportional schedules has no closed form
        LeModel m = model(3, "residual-source", "{alpha: {powerlaw: {c: 2.0, r: 0.5}}, beta: -0.5}");
        assertNull(Simulation.tableClosedForm(LeOperator.of(m)));
        assertTrue(Simulation.odeReference(m).startsWith("Hipparchus DormandPrince853"), Simulation.odeReference(m));
        LeModel c = model(3, "residual-source", "{alpha: 2.0, beta: -0.5}");
        assertTrue(Simulation.odeReference(c).startsWith("closed form: residual-source"), Simulation.odeReference(c));
    }
}
