package org.lesde.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.MeanTrajectory;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;
import org.lesde.sde.TimeGrid;

class LeOdeTabulateTest {
    @Test
    void tableHoldsExactlyTheSolutionAtEveryGridTime() {
        LeOperator op = new LeOperator(3, 3, new Impact.TwoLevel(new Schedule.Constant(2.0), new Schedule.Constant(-0.5)),
                Transform.of(TransformKind.RESIDUAL_SOURCE));
        double[] x0 = {1.0, 0.2, 0.0, 0.0, 1.0, 0.3, 0.1, 0.0, 1.0};
        TimeGrid grid = TimeGrid.ofSteps(2.0, 40, 4);
        LeOde ode = new LeOde(op);
        MeanTrajectory table = ode.tabulate(x0, grid);
        double[][] rows = ode.solve(x0, times(grid));
        assertEquals(8L * 41 * 9, table.bytes());
        for (int s = 0; s <= grid.steps(); s++) {
            for (int i = 0; i < 9; i++) {
                assertEquals(Double.doubleToRawLongBits(rows[s][i]), Double.doubleToRawLongBits(table.get(s, i)));
            }
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(x0[i], table.get(0, i), 0.0);
        }
    }

    static double[] times(TimeGrid g) {
        double[] t = new double[g.steps() + 1];
        for (int s = 0; s <= g.steps(); s++) {
            t[s] = g.time(s);
        }
        return t;
    }
}
