package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The official plotted iterations. */
class ProjectionTest {
    @Test
    void plotIterationsAreEveryFifthPlusTheLast() {
        assertArrayEquals(new int[] {0, 5, 10, 11}, Projection.plotIterations(12));
        assertArrayEquals(new int[] {0, 5, 10}, Projection.plotIterations(11));
    }

    @Test
    void evenlySpacedIterationsTruncateLikeNumpy() {
        // np.linspace(0, 9, 4).astype(int) = [0, 3, 6, 9]; np.linspace(0, 10, 4) = [0, 3.33, 6.67, 10] -> [0, 3, 6, 10]
        assertArrayEquals(new int[] {0, 3, 6, 9}, Projection.evenly(10, 4));
        assertArrayEquals(new int[] {0, 3, 6, 10}, Projection.evenly(11, 4));
        int[] e = Projection.evenly(3000, 50);
        assertEquals(50, e.length);
        for (int i = 0; i < 49; i++) {
            assertEquals((int) Math.floor(i * 2999.0 / 49.0), e[i], "i=" + i);
        }
        assertEquals(2999, e[49]);
    }
}
