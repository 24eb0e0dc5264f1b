package org.lesde.analytic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;
import org.lesde.ode.LeOde;

/** The first-order Euler error estimate is asymptotically exact, including schedule jumps off the grid. */
class EulerMapTest {
    static final double[] X0 = {1.0, 0.2, -0.3, 0.1, 1.0, 0.4, -0.2, 0.3, 1.0};

    /** ratio of the measured final error to the estimate (∞-norms) at step dt. */
    static double ratio(LeOperator op, double horizon, double dt) {
        int steps = (int) Math.round(horizon / dt);
        double[] e = EulerMap.run(op, X0, dt, steps, new int[] {steps})[0];
        double[] ref = new LeOde(op).solve(X0, new double[] {horizon})[0];
        double[] est = EulerMap.firstOrderError(op, X0, dt, new double[] {horizon})[0];
        double num = 0;
        double den = 0;
        double diff = 0;
        for (int i = 0; i < X0.length; i++) {
            num = Math.max(num, Math.abs(e[i] - ref[i]));
            den = Math.max(den, Math.abs(est[i]));
            diff = Math.max(diff, Math.abs(e[i] - ref[i] - est[i]));
        }
        // the signed estimate must also match, not only its norm
        assertTrue(diff <= 0.2 * num, "signed estimate off: " + diff + " vs " + num);
        return num / den;
    }

    @Test
    void estimateIsAsymptoticallyExact() {
        Schedule[][] schedules = {
            {new Schedule.Constant(2.0), new Schedule.Constant(-0.5)},
            {new Schedule.PowerLaw(2.0, 0.5), new Schedule.PowerLaw(-0.6, 1.2)},
            // jumps at 1.234 and 2.05, not on the grid
            {new Schedule.Piecewise(new double[] {0, 1.234}, new double[] {1.5, 0.4}),
                new Schedule.Piecewise(new double[] {0, 2.05}, new double[] {-0.3, 0.6})},
            {new Schedule.Table(new double[] {0, 1, 3}, new double[] {1.0, 2.0, 0.5}, "t"), new Schedule.Constant(-0.2)},
        };
        for (Schedule[] s : schedules) {
            for (TransformKind kind : new TransformKind[] {TransformKind.IDENTITY, TransformKind.RESIDUAL_SOURCE}) {
                LeOperator op = new LeOperator(3, 3, new Impact.TwoLevel(s[0], s[1]), Transform.of(kind));
                double coarse = ratio(op, 3.0, 0.01);
                double fine = ratio(op, 3.0, 0.001);
                assertTrue(Math.abs(fine - 1) < 0.05, kind + " " + s[0] + ": ratio at dt=0.001 " + fine);
                assertTrue(Math.abs(fine - 1) <= Math.abs(coarse - 1) + 1e-3, kind + ": ratio does not improve " + coarse + " -> " + fine);
            }
        }
    }
}
