package org.lesde.sde;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlowUpCheckTest {
    @Test
    void findsEveryNonFiniteEntryAtEveryPosition() {
        for (int n = 1; n <= 40; n++) {
            for (int pos = 0; pos < n; pos++) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    double[] x = new double[n];
                    java.util.Arrays.fill(x, 1.5);
                    x[pos] = bad;
                    BlowUpException e = assertThrows(BlowUpException.class, () -> BlowUpException.check(x, 2.5));
                    assertEquals(pos, e.component());
                    assertEquals(2.5, e.time());
                }
            }
        }
    }

    @Test
    void oppositeInfinitiesAndFiniteOverflowAreHandled() {
        double[] x = new double[17];
        x[3] = Double.POSITIVE_INFINITY;
        x[11] = Double.NEGATIVE_INFINITY;
        assertEquals(3, assertThrows(BlowUpException.class, () -> BlowUpException.check(x, 0)).component());
        double[] big = new double[33];
        java.util.Arrays.fill(big, Double.MAX_VALUE); // the sum overflows, but every entry is finite
        assertDoesNotThrow(() -> BlowUpException.check(big, 0));
        big[20] = -Double.MAX_VALUE;
        assertDoesNotThrow(() -> BlowUpException.check(big, 0));
        assertDoesNotThrow(() -> BlowUpException.check(new double[0], 0));
    }
}
