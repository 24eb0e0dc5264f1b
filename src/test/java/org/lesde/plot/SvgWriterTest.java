package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * SvgWriter writes the same bytes as the reference pipeline (VectorGraphics2D's SVG processor, then
 * SvgCompact) for every kind of chart lesde draws, and takes that pipeline for what it does not write.
 */
class SvgWriterTest {
    private static void assertSameAsReference(String what, SvgWriter.Drawing d) {
        byte[] direct = SvgWriter.direct(d);
        assertNotNull(direct, what + ": left to the reference pipeline");
        byte[] reference = SvgWriter.reference(d);
        if (!java.util.Arrays.equals(reference, direct)) {
            String[] a = new String(reference, StandardCharsets.UTF_8).split("\n", -1);
            String[] b = new String(direct, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                assertEquals(a[i], b[i], what + ": line " + (i + 1) + " differs");
            }
            assertEquals(a.length, b.length, what + ": line count");
        }
        assertArrayEquals(reference, direct, what);
    }

    private static double[] ramp(int n, double step) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = step * i;
        }
        return t;
    }

    private static LineChart lines(String title, boolean logY) {
        int n = 400;
        double[] t = ramp(n, 0.037);
        double[] a = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.exp(-0.4 * t[i]) * (1 + 0.2 * Math.sin(3 * t[i])) + (logY ? 0 : -0.3);
            lo[i] = a[i] - 0.1 - 0.05 * Math.cos(t[i]);
            hi[i] = a[i] + 0.1 + 0.05 * Math.cos(t[i]);
            b[i] = Math.exp(-0.35 * t[i]) * (1 + 0.01 * (i % 7));
        }
        LineChart c = LineChart.titled(title).xLabel("t (time ∫)").yLabel("‖x̂‖ − ETF");
        if (logY) {
            c.logY();
            for (int i = 0; i < n; i++) {
                lo[i] = Math.max(lo[i], 1e-3);
                a[i] = Math.max(a[i], 1e-3);
            }
        }
        c.band("band 5–95 %", t, lo, hi).colour(0);
        c.series("mean", t, a).colour(0).width(3.6f);
        c.dashed("ODE <a & b> \"quoted\"", t, b).ink().width(1.4f);
        c.markers("SGD", new double[] {1, 3, 5, 7}, new double[] {0.8, 0.5, 0.3, 0.2}).colour(2);
        c.labelledPoints("classes", new double[] {2, 4}, new double[] {0.6, 0.4}, new String[] {"k = 0", "k = 1"});
        return c;
    }

    @Test
    void lineChartsAreTheReferenceBytes() {
        assertSameAsReference("lines", ChartFiles.svgDrawing(lines("line chart — all series kinds", false).size(700, 500).build()));
        assertSameAsReference("log y", ChartFiles.svgDrawing(lines("log y", true).legendBelow().size(560, 420).build()));
        LineChart narrow = LineChart.titled("narrow log axis").logY().xLabel("t").yLabel("y");
        double[] t = ramp(50, 0.1);
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            y[i] = 2 + Math.sin(t[i]);
        }
        narrow.series("y", t, y).colour(1);
        assertSameAsReference("narrow log", ChartFiles.svgDrawing(narrow.size(400, 300).build()));
        LineChart square = LineChart.titled("plane").equalAspect().xRange(-1, 1).yRange(-1, 1);
        square.series("circle", ramp(100, 0.0635), ramp(100, 0.0635)).colour(3);
        square.noLegend();
        assertSameAsReference("equal aspect", ChartFiles.svgDrawing(square.size(500, 500).build()));
        assertSameAsReference("warm-up line", ChartFiles.svgDrawing(FigureBatch.sampleLine(1)));
    }

    @Test
    void heatMapsAndPanelsAreTheReferenceBytes() {
        assertSameAsReference("warm-up heat map", ChartFiles.svgDrawing(FigureBatch.sampleHeatMap()));
        double[][] v = new double[6][8];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 8; j++) {
                v[i][j] = (i == 2 && j == 3) ? Double.NaN : Math.sin(i + 0.7 * j) * 0.9;
            }
        }
        HeatMap h = HeatMap.titled("phase: sep prob min").xLabel("c").yLabel("r").values(v).diverging(-1, 1)
                .showValues("0.00").nanMeaning("not separated").markColumn(3.5, 0, 2, "c = K/2").markRow(1.5, 0, 4, "r = 1")
                .note("a note under the map, long enough to be wrapped over more than one line of the figure");
        assertSameAsReference("heat map", ChartFiles.svgDrawing(h.size(800, 600).build()));
        Panels p = Panels.grid(3, 420, 320);
        p.add(lines("panel 1", false)).add(lines("panel 2", true));
        p.add(HeatMap.titled("cos").values(new double[][] {{1, -0.5}, {-0.5, 1}}).range(-1, 1).showValues());
        p.add(lines("panel 4", false));
        assertSameAsReference("panels", p.svgDrawing());
    }

    @Test
    void shapesStrokesAndTextOfEveryKindAreTheReferenceBytes() {
        SvgWriter.Drawing d = SvgWriter.Drawing.record(640, 480, g -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 640, 480);
            g.setColor(new Color(10, 20, 30, 0));
            g.draw(new Line2D.Double(0, 0, 10, 10)); // invisible
            g.setColor(new Color(200, 20, 30, 128));
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL, 7f, new float[] {4f, 2.2f}, 1.5f));
            g.draw(new Line2D.Double(1.25, 2.35, 3.45, 4.55));
            g.draw(new Line2D.Double(3.45, 4.55, 7.05, -0.0004));
            g.fill(new RoundRectangle2D.Double(5.5, 6.25, 40.125, 20, 6, 4));
            g.fill(new Ellipse2D.Double(100.05, 100.15, 9.99, 10.01));
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            Path2D.Double curve = new Path2D.Double();
            curve.moveTo(0.0000001, 1e7);
            curve.curveTo(1.15, 2.25, 3.35, 4.45, 5.55, 6.65);
            curve.quadTo(0.001, -0.004999, 1e-9, 123456789.987654321);
            curve.lineTo(1.0E-5, 2);
            curve.closePath();
            g.draw(curve);
            g.setClip(new java.awt.Rectangle(0, 0, 300, 200));
            g.translate(12.5, 7.25);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD | Font.ITALIC, 17));
            g.drawString("text <&> \"q\" − ∫ x̂", 10.333f, 20.666f);
            g.setFont(new Font(Font.SERIF, Font.PLAIN, 12));
            g.drawString("serif", 0, 0);
            for (int i = 0; i < 3; i++) { // the same outline three times: shared after the first
                g.fill(new Font(Font.SANS_SERIF, Font.PLAIN, 14).createGlyphVector(g.getFontRenderContext(), "shared outline 123")
                        .getOutline(5, 40 + 20 * i));
            }
            g.setClip(null);
            g.rotate(0.3);
            g.drawString("rotated", 3, 4);
            g.fill(new Ellipse2D.Double(1, 2, 3, 4));
            g.scale(2, 0.5);
            g.setColor(new Color(0, 128, 0));
            g.draw(new Line2D.Double(0, 0, 50, 50));
        });
        assertSameAsReference("shapes", d);
    }

    @Test
    void whatItDoesNotWriteGoesToTheReference() {
        SvgWriter.Drawing gradient = SvgWriter.Drawing.record(100, 100, g -> {
            g.setPaint(new GradientPaint(0, 0, Color.RED, 100, 100, Color.BLUE));
            g.fillRect(0, 0, 100, 100);
        });
        assertNull(SvgWriter.direct(gradient));
        assertArrayEquals(SvgWriter.reference(gradient), SvgWriter.svg(gradient));
        // a clip that is no rectangle in user space: the reference's clip id is an identity hash code
        SvgWriter.Drawing rotatedClip = SvgWriter.Drawing.record(100, 100, g -> {
            g.rotate(0.3);
            g.setClip(0, 0, 50, 50);
            g.fillRect(0, 0, 100, 100);
        });
        assertNull(SvgWriter.direct(rotatedClip));
        SvgWriter.Drawing control = SvgWriter.Drawing.record(100, 100, g -> g.drawString("tab\there", 1, 2));
        assertNull(SvgWriter.direct(control));
        assertArrayEquals(SvgWriter.reference(control), SvgWriter.svg(control));
    }

    @Test
    void decimalIsVectorGraphicsFormatter() {
        DecimalFormat d15 = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        d15.setMaximumFractionDigits(15);
        DecimalFormat d6 = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        d6.setMaximumFractionDigits(6);
        SplittableRandom r = new SplittableRandom(20261203);
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 1e-16, -1e-16, 5e-16, 1.5e-15, 2.5e-15, 1e7, 1.234e22,
                123456789.987654321, 0.1, 0.15, 0.25, 1e-300, Double.MIN_VALUE, 131.6666717529297, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.000_001_5, 0.000_000_5));
        for (int i = 0; i < 200_000; i++) {
            double scale = Math.pow(10, r.nextInt(-20, 12));
            double x = (r.nextDouble() - 0.5) * scale;
            xs.add(x);
            xs.add(Math.round(x * 1000) / 1000.0); // short decimals
            xs.add(Math.round(x * 4) / 4.0);
        }
        for (double x : xs) {
            assertEquals(d15.format(x), SvgWriter.decimal(x, 15), () -> "double " + x);
            float f = (float) x;
            assertEquals(d6.format((double) f), SvgWriter.decimal(f, 6), () -> "float " + f);
        }
    }

    @Test
    void compactNumbersFromTheDoubleAreTheStringRounding() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double x = switch (i % 4) {
                case 0 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-5, 7));
                case 1 -> r.nextInt(-200_000, 200_000) / 20.0; // ties at 0.05
                case 2 -> r.nextInt(-20_000, 20_000) / 200.0 + (r.nextInt(3) - 1) * Math.ulp(100.0); // ties at 0.005, off by an ulp
                default -> (float) ((r.nextDouble() - 0.5) * 2000); // float coordinates of glyph outlines
            };
            for (boolean toString : new boolean[] {false, true}) {
                assertEquals(SvgWriter.slowCompact(x, toString), SvgWriter.compact(x, toString), "x = " + x + ", Double.toString " + toString);
            }
        }
    }

    @Test
    void roundValueIsSvgCompactRounding() {
        Pattern attr = Pattern.compile("x=\"([^\"]*)\"");
        SplittableRandom r = new SplittableRandom(7);
        String alphabet = "0123456789.-,E LMZ:;fill";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder v = new StringBuilder();
            int n = r.nextInt(1, 30);
            for (int j = 0; j < n; j++) {
                v.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String line = "  <path x=\"" + v + "\"/>";
            Matcher m = attr.matcher(SvgCompact.round(line));
            m.find();
            assertEquals(m.group(1), SvgCompact.roundValue(v.toString()), () -> "value " + v);
        }
    }
}
