package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SVG of a line chart holds a solid series as one polyline (SvgSegments), a dashed series as
 * one dashed path after compaction (SvgCompact joins runs of segments of one style), and the same
 * bytes every time (docs/performance.md).
 */
class SvgSegmentsTest {
    @TempDir
    Path tmp;

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void solidSeriesBecomeOnePathDashedOnesKeepTheirSegments() throws IOException {
        int n = 60;
        double[] t = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            a[i] = Math.sin(0.1 * i);
            b[i] = Math.cos(0.1 * i);
        }
        LineChart c = LineChart.titled("segments").series("solid", t, a).colour(0).dashed("dashed", t, b).colour(1);
        PlotOptions svg = PlotOptions.DEFAULT.withFormats(EnumSet.of(PlotFormat.SVG));
        c.write(tmp, "x", svg);
        String s = Files.readString(tmp.resolve("x.svg"));
        // the dashed series: its n - 1 segments joined into dashed paths, at most the legend's sample left a <line>
        assertTrue(count(s, "<line[^>]*stroke:rgb\\(255,127,14\\)[^>]*stroke-dasharray") <= 1, "dashed segments joined");
        assertTrue(count(s, "<path[^>]*stroke:rgb\\(255,127,14\\)[^>]*stroke-dasharray") >= 1, "the dashed series is drawn dashed");
        // only the legend's sample line is left of the solid series' n - 1 segments
        assertTrue(count(s, "<line[^>]*stroke:rgb\\(31,119,180\\)[^>]*stroke-width:2.2") <= 1, "solid segments joined");
        assertTrue(count(s, "<path[^>]*stroke:rgb\\(31,119,180\\)") >= 1, "the solid series is a path");
        c.write(tmp, "y", svg);
        assertEquals(s, Files.readString(tmp.resolve("y.svg")), "the same bytes every time");
    }
}
