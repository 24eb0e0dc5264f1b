package org.lesde.ode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lesde.RunFailedException;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;

/** The LE-ODE reference stops with a one-line RunFailedException instead of overflowing or crawling. */
class LeOdeFailureTest {
    private static LeOperator op(double alpha, double beta) {
        return new LeOperator(3, 3, new Impact.TwoLevel(new Schedule.Constant(alpha), new Schedule.Constant(beta)),
                Transform.of(TransformKind.IDENTITY));
    }

    private static final double[] X0 = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    @Test
    void overflowNamesTimeAndClass() {
        RunFailedException e = assertThrows(RunFailedException.class, () -> new LeOde(op(1000, 0)).solve(X0, new double[] {0, 10}));
        assertTrue(e.getMessage().matches("LE-ODE class means overflowed near t = 2\\.\\d+ in class \\d \\(coordinate \\d\\): .*"
                + "shorten time\\.horizon or reduce alpha/beta.*"), e.getMessage());
    }

    @Test
    void stiffOdeStopsAtTheEvaluationBudget() {
        // eigenvalue -1e9: DP853 would need ~10^8 steps
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new LeOde(op(-1e9, 0), LeOde.REL_TOL, 20_000).solve(X0, new double[] {0, 1}));
        assertTrue(e.getMessage().startsWith("LE-ODE needs more than 20000 DP853 evaluations (stopped at t = "), e.getMessage());
        assertTrue(e.getMessage().endsWith("reduce alpha/beta (or the impact matrix) or time.horizon"), e.getMessage());
    }
}
