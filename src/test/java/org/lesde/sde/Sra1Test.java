package org.lesde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;
import org.lesde.check.ConvergenceStudy.ScalarSde;

/** SRA1's declarations, refusals and one step by hand (docs/theory.md#39-sra1-and-the-space-time-levy-area). */
class Sra1Test {

    @Test
    void declaredInTheRegistry() {
        assertEquals(Solver.SRA1, Solver.byKey("sra1").orElseThrow());
        assertEquals(BrownianNeed.INCREMENTS_AND_SPACE_TIME_AREA, Sra1.INSTANCE.needs());
        assertEquals(1.5, Sra1.INSTANCE.strongOrder(NoiseType.ADDITIVE));
        assertTrue(Double.isNaN(Sra1.INSTANCE.strongOrder(NoiseType.DIAGONAL)));
        assertTrue(Solver.steppersFor(NoiseType.ADDITIVE).contains(Sra1.INSTANCE));
        assertTrue(!Solver.steppersFor(NoiseType.DIAGONAL).contains(Sra1.INSTANCE));
    }

    @Test
    void refusesStateDependentNoiseNamingTheValidSolvers() {
        for (NoiseType t : new NoiseType[] {NoiseType.DIAGONAL, NoiseType.GENERAL}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Sra1.INSTANCE.bind(ScalarSde.gbm(1, 1).withNoiseType(t)));
            assertTrue(e.getMessage().contains("sra1") && e.getMessage().contains(Solver.steppersText(t)), e.getMessage());
            assertTrue(e.getMessage().contains("euler-maruyama"), e.getMessage());
        }
    }

    @Test
    void oneStepByHand() {
        // f = sin t − x³, g(t) = 0.8(1 + t/2)
        ScalarSde sde = new ScalarSde(NoiseType.ADDITIVE, (t, x) -> Math.sin(t) - x * x * x, (t, x) -> 0.8 * (1 + 0.5 * t),
                null);
        double t = 0.3;
        double h = 0.1;
        double x = 0.7;
        double dw = 0.2;
        double dz = 0.004;
        double g0 = 0.8 * (1 + 0.5 * t);
        double g1 = 0.8 * (1 + 0.5 * (t + h));
        double f0 = Math.sin(t) - x * x * x;
        double hh = x + 0.75 * h * f0 + 1.5 * g1 * dz / h;
        double f1 = Math.sin(t + 0.75 * h) - hh * hh * hh;
        double expected = x + h * (f0 / 3 + 2 * f1 / 3) + g1 * (dw - dz / h) + g0 * dz / h;
        double[] state = {x};
        Sra1.INSTANCE.bind(sde).step(t, h, state, new double[] {dw, dz});
        assertEquals(expected, state[0], 1e-15);
    }
}
