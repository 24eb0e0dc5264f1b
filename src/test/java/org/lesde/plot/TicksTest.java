package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class TicksTest {
    private static String fmt(String pattern, double v) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    /** One style per axis: an axis up to 2·10⁵ is scientific at every tick, an axis up to 20 000 plain at every tick. */
    @Test
    void oneStylePerAxis() {
        String big = Ticks.pattern(0, 200000, false, 600);
        assertTrue(fmt(big, 1000).contains("E") && fmt(big, 200000).contains("E"), fmt(big, 1000) + " " + fmt(big, 200000));
        String plain = Ticks.pattern(0, 20000, false, 600);
        assertTrue(!fmt(plain, 1000).contains("E") && !fmt(plain, 20000).contains("E"));
        String small = Ticks.pattern(0, 0.06, false, 600);
        assertEquals("0.01", fmt(small, 0.01).substring(0, 4));
        String log = Ticks.pattern(1e-9, 0.2, true, 600);
        assertTrue(fmt(log, 1e-9).contains("E") && fmt(log, 0.1).contains("E"));
        // distinct ticks stay distinct
        String fine = Ticks.pattern(0.999, 1.0, false, 600);
        assertTrue(!fmt(fine, 0.9992).equals(fmt(fine, 0.9994)), fine);
    }

    @Test
    void categoryAndColourBarLabelsAreRounded() {
        assertArrayEquals(new String[] {"0.50", "0.75", "1.00"}, Ticks.labels(List.of(0.5, 0.75, 1.0)));
        assertArrayEquals(new String[] {"1", "2", "4"}, Ticks.labels(List.of(1.0, 2.0, 4.0)));
        assertEquals("0.7188", Ticks.value(0.7188106076511913, 0, 1, 4));
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001), HeatMap.barTicks(0, 0.7188106076511913).subList(0, 4));
        assertEquals("10⁴", Ticks.sci(1e4, 2));
        assertEquals("1.5×10⁻³", Ticks.sci(0.0015, 2));
    }

    /** The 1..9 multiples of the powers of ten inside a range, and the ones around a value. */
    @Test
    void logMultiples() {
        assertEquals(1, Ticks.logMultiples(0.111, 0.203), "0.2 alone");
        assertEquals(0, Ticks.logMultiples(0.555, 0.599));
        assertEquals(4, Ticks.logMultiples(0.52, 0.98), "0.6 .. 0.9");
        assertEquals(2, Ticks.logMultiples(0.1, 0.2), "the ends count");
        assertEquals(10, Ticks.logMultiples(1, 10));
        assertEquals(0.1, Ticks.logMultipleBelow(0.111), 1e-15);
        assertEquals(0.3, Ticks.logMultipleAbove(0.203), 1e-15);
        assertEquals(0.5, Ticks.logMultipleBelow(0.555), 1e-15);
        assertEquals(0.6, Ticks.logMultipleAbove(0.599), 1e-15);
        assertEquals(1.0, Ticks.logMultipleAbove(0.95), 1e-15);
        assertEquals(2e-7, Ticks.logMultipleBelow(2e-7), 1e-22, "a multiple is its own neighbour");
        assertEquals(2e-7, Ticks.logMultipleAbove(2e-7), 1e-22);
    }

    /**
     * A log y axis with at most one multiple m x 10^n inside the data runs to the multiples around
     * the data, so that XChart labels those rather than the data's own ends (which overlapped the
     * one label when it lay near an end: "0.2" over "0.203"); wider axes keep the data's range.
     */
    @Test
    void aNarrowLogAxisRunsToTheMultiplesAroundTheData() {
        double[] t = {0, 1, 2};
        org.knowm.xchart.XYChart narrow = LineChart.titled("narrow").logY().series("a", t, new double[] {0.111, 0.15, 0.203})
                .size(560, 400).build();
        assertEquals(0.1, narrow.getStyler().getYAxisMin(), 1e-15);
        assertEquals(0.3, narrow.getStyler().getYAxisMax(), 1e-15);
        org.knowm.xchart.XYChart wider = LineChart.titled("wider").logY().series("a", t, new double[] {0.52, 0.7, 0.98})
                .size(560, 400).build();
        assertEquals(null, wider.getStyler().getYAxisMin());
        assertEquals(null, wider.getStyler().getYAxisMax());
        org.knowm.xchart.XYChart linear = LineChart.titled("linear").series("a", t, new double[] {0.111, 0.15, 0.203})
                .size(560, 400).build();
        assertEquals(null, linear.getStyler().getYAxisMin());
    }
}
