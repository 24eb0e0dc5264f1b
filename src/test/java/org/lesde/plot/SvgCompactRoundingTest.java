package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** SvgCompact rounds numbers on their decimal digits exactly as {@code String.format("%.nf")} does (it replaced it for speed). */
class SvgCompactRoundingTest {
    private static void check(String number, int d) {
        int dot = number.indexOf('.');
        String expected = String.format(Locale.ROOT, "%." + d + "f", Double.parseDouble(number));
        assertEquals(expected, SvgCompact.roundHalfUp(number.substring(0, dot), number.substring(dot + 1), d), number);
    }

    @Test
    void halfUpOnTheDigitsEqualsTheFormatter() {
        for (String s : new String[] {"9.96", "-9.95", "0.005", "-0.004", "99.95", "0.999", "12.3456", "-0.0049", "1.25", "3.05",
            "-999.96", "0.995"}) {
            check(s, s.startsWith("0.") || s.startsWith("-0.") ? 2 : 1);
        }
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(6));
            String s = new BigDecimal(v).setScale(3 + r.nextInt(6), RoundingMode.DOWN).toPlainString();
            check(s, 1 + r.nextInt(2));
        }
    }
}
