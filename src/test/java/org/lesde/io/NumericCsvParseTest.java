package org.lesde.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** NumericCsv's fast parser of plain cells reads every string as Double.parseDouble does, bit for bit, and rejects what it rejects. */
class NumericCsvParseTest {
    private static void same(String s) {
        double expected;
        try {
            expected = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            try {
                double got = NumericCsv.plainNumber(s);
                fail("'" + s + "': Double.parseDouble rejects it, the fast parser read " + got);
            } catch (NumberFormatException expectedToo) {
                return;
            }
            return;
        }
        double got;
        try {
            got = NumericCsv.plainNumber(s);
        } catch (NumberFormatException e) {
            throw new AssertionError("'" + s + "': Double.parseDouble reads " + expected + ", the fast parser throws " + e.getMessage());
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), () -> "'" + s + "'");
    }

    @Test
    void shortestDecimalsOfRandomBitPatterns() {
        SplittableRandom r = new SplittableRandom(20261204L);
        for (int i = 0; i < 300_000; i++) {
            double x = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(x)) {
                same(Double.toString(x));
            }
        }
        for (int i = 0; i < 200_000; i++) {
            same(Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(-12, 12))));
        }
    }

    @Test
    void longDigitStringsAndHalfwayCases() {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            b.setLength(0);
            if (r.nextBoolean()) {
                b.append(r.nextBoolean() ? '-' : '+');
            }
            int digits = r.nextInt(1, 40);
            int point = r.nextInt(-1, digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    b.append('.');
                }
                b.append((char) ('0' + r.nextInt(10)));
            }
            if (r.nextInt(3) > 0) {
                b.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(-360, 330));
            }
            same(b.toString());
        }
        // exact halfway points between neighbouring doubles, and one digit either side of them
        for (int i = 0; i < 20_000; i++) {
            double x = Math.abs(Double.longBitsToDouble(r.nextLong()));
            if (!Double.isFinite(x) || x == Double.MAX_VALUE) {
                continue;
            }
            java.math.BigDecimal mid = new java.math.BigDecimal(x).add(new java.math.BigDecimal(Math.nextUp(x))).divide(java.math.BigDecimal.valueOf(2));
            String m = mid.toString();
            same(m);
            same(mid.add(mid.ulp()).toString());
            same(mid.subtract(mid.ulp()).toString());
        }
    }

    @Test
    void edgesAndMalformedCells() {
        String[] cells = {"0", "-0", "+0", "0.0", "-0.0", "1", "+1", "-1", ".5", "5.", "-.5", "1e0", "1E+2", "1e-2", "00012.500",
            "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072012e-308",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e400", "1e-400",
            "9007199254740993", "9007199254740992.5", "0.1", "0.30000000000000004", "123456789012345678901234567890",
            "1e", "e5", ".", "+", "-", "", "1.2.3", "--1", "+-1", "1e+", "1e-", "1ee5", "1e5.5", "..1", "1-", "1+2", "e", "E1"};
        for (String c : cells) {
            same(c);
        }
    }
}
