package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;

class TailIndexTest {

    /** x(m) = m^γ with the 1-based index m gives r̂ = 1 − γ exactly (to rounding). */
    @ParameterizedTest(name = "gamma = {0}")
    @ValueSource(doubles = {0.0, 0.3, 0.5, 1.0, 1.7, -0.4})
    void powerLawHasTailIndexOneMinusGamma(double gamma) {
        double[] x = new double[3000];
        for (int t = 0; t < x.length; t++) {
            x[t] = Math.pow(t + 1, gamma);
        }
        TailIndex.Result r = TailIndex.estimate(x, 1000);
        assertEquals(1 - gamma, r.r(), 1e-13);
        assertFalse(r.flipped());
        assertEquals(0, r.ignored());
        assertEquals(1000, r.tail());
    }

    @Test
    void negativeSeriesIsFlipped() {
        double[] x = new double[500];
        for (int t = 0; t < x.length; t++) {
            x[t] = -Math.pow(t + 1, 0.4);
        }
        x[499] = 2.0; // one positive entry: ignored after the flip
        TailIndex.Result r = TailIndex.estimate(x, 100);
        assertTrue(r.flipped());
        assertEquals(1, r.ignored());
        assertEquals(0.6, r.r(), 1e-13);
    }

    @Test
    void exactlyHalfNegativeIsNotFlipped() {
        double[] x = new double[10];
        for (int t = 0; t < 10; t++) {
            x[t] = t % 2 == 0 ? -1.0 : Math.pow(t + 1, 0.5);
        }
        TailIndex.Result r = TailIndex.estimate(x, 10);
        assertFalse(r.flipped());
        assertEquals(5, r.ignored());
        assertEquals(0.5, r.r(), 1e-13);
    }

    @Test
    void nanIsIgnoredAndZeroIsCounted() {
        double[] x = new double[20];
        for (int t = 0; t < 20; t++) {
            x[t] = t + 1.0;
        }
        x[15] = Double.NaN;
        TailIndex.Result r = TailIndex.estimate(x, 10);
        assertEquals(1, r.ignored());
        assertEquals(0.0, r.r(), 1e-13);
        x[16] = 0.0;
        TailIndex.Result z = TailIndex.estimate(x, 10);
        assertEquals(1, z.zeros());
        assertEquals(Double.POSITIVE_INFINITY, z.r());
    }

    @Test
    void rejectsBadTail() {
        assertThrows(BadInputException.class, () -> TailIndex.estimate(new double[5], 6));
        assertThrows(BadInputException.class, () -> TailIndex.estimate(new double[5], 0));
    }
}
