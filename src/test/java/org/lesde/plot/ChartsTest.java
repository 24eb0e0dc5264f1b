package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.BadInputException;

class ChartsTest {
    @TempDir
    Path dir;

    static void assertValidPngAndSvg(List<Path> files, int width, int height) throws Exception {
        assertEquals(2, files.size());
        Path png = files.get(0);
        Path svg = files.get(1);
        assertTrue(png.toString().endsWith(".png") && svg.toString().endsWith(".svg"));
        assertTrue(Files.size(png) > 1000, "png too small");
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        assertTrue(Files.size(svg) > 1000, "svg too small");
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("<svg"));
        // well-formed XML
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertNotNull(f.newDocumentBuilder().parse(svg.toFile()));
    }

    @Test
    void lineChartWithLogAxesBandsMarkersAndManySeries() throws Exception {
        int n = 60;
        double[] t = new double[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] ode = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.pow(10, -2 + 4.0 * i / (n - 1));
            mean[i] = 1 / (1 + t[i]);
            lo[i] = mean[i] * 0.7;
            hi[i] = mean[i] * 1.3;
            ode[i] = 1.1 / (1 + t[i]);
        }
        LineChart c = LineChart.titled("NC1 vs time").xLabel("t").yLabel("NC1").logX().logY()
                .series("SDE mean", t, mean).band("SDE mean", t, lo, hi)
                .dashed("ODE", t, ode).markers("SGD", t, ode);
        for (int k = 0; k < 12; k++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (k + 1) * mean[i];
            }
            c.series("class " + k, t, y);
        }
        assertValidPngAndSvg(c.write(dir, "nc1"), 1000, 650);
    }

    @Test
    void nanAndNonPositiveValuesOnLogAxesAreSkipped() throws Exception {
        double[] x = {0, 1, 2, 3, 4, Double.NaN, 6};
        double[] y = {1, Double.NaN, -1, 0.5, Double.POSITIVE_INFINITY, 2, 3};
        double[] lo = {0.5, 0.5, Double.NaN, 0.2, 0.1, 1, 2};
        double[] hi = {2, 2, 2, 1, 1, 3, Double.NaN};
        List<Path> files = LineChart.titled("gaps").xLabel("x").yLabel("y").logY()
                .series("y", x, y).band("band", x, lo, hi).markers("m", x, y).write(dir, "gaps");
        assertValidPngAndSvg(files, 1000, 650);
    }

    @Test
    void allMissingStillWritesAChart() throws Exception {
        double[] nan = {Double.NaN, Double.NaN};
        assertValidPngAndSvg(LineChart.titled("empty").series("none", nan, nan).write(dir, "empty"), 1000, 650);
        assertValidPngAndSvg(LineChart.titled("no series").write(dir, "none"), 1000, 650);
    }

    @Test
    void labelledPointsWithEqualAspect() throws Exception {
        double[] vx = {1, -0.5, -0.5};
        double[] vy = {0, Math.sqrt(3) / 2, -Math.sqrt(3) / 2};
        int n = 40;
        LineChart c = LineChart.titled("Class means in the ETF plane").xLabel("u1").yLabel("u2").equalAspect()
                .labelledPoints("ETF vertices", vx, vy, new String[] {"class 0", "class 1", "class 2"});
        for (int k = 0; k < 3; k++) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = (double) i / (n - 1);
                x[i] = s * vx[k] + 0.1 * Math.sin(7 * s);
                y[i] = s * vy[k];
            }
            c.series("class " + k, x, y);
        }
        assertValidPngAndSvg(c.size(800, 800).write(dir, "etf"), 800, 800);
    }

    @Test
    void equalAspectGivesTheSameScaleOnBothAxesWhateverTheLegend() throws Exception {
        // a wide, flat data set next to a long legend: the plot area is far from square
        double[] x = {-40, 0, 60};
        double[] y = {-1, 2, 0.5};
        LineChart c = LineChart.titled("equal aspect").xLabel("u1").yLabel("u2").equalAspect().size(1100, 850)
                .series("a series with a rather long legend entry to narrow the plot", x, y)
                .labelledPoints("vertices", new double[] {10, -5}, new double[] {3, -4}, new String[] {"a", "b"});
        org.knowm.xchart.XYChart chart = c.build();
        BufferedImage img = new BufferedImage(1100, 850, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        chart.paint(g, 1100, 850);
        g.dispose();
        double px = Math.abs(chart.getScreenXFromChart(10) - chart.getScreenXFromChart(0)) / 10;
        double py = Math.abs(chart.getScreenYFromChart(10) - chart.getScreenYFromChart(0)) / 10;
        assertEquals(1.0, px / py, 0.01, "pixels per unit x " + px + " vs y " + py);
        // the data fit inside the ranges
        var s = chart.getStyler();
        assertTrue(s.getXAxisMin() < -40 && s.getXAxisMax() > 60 && s.getYAxisMin() < -4 && s.getYAxisMax() > 3);
        assertTrue(s.getXAxisMax() - s.getXAxisMin() < 1.2 * 100, "x range not tight: " + s.getXAxisMin() + ".." + s.getXAxisMax());
    }

    @Test
    void pinnedColoursInkWidthsShapesAndHiddenLegendEntries() throws Exception {
        double[] t = {0, 1, 2, 3};
        double[] a = {1, 2, 3, 4};
        double[] b = {1, 2.1, 2.9, 4.2};
        LineChart c = LineChart.titled("class colours").xLabel("t").yLabel("x")
                .series("class 0 (ODE)", t, a).colour(0).width(3.6f)
                .series("class 1 (ODE)", t, b).colour(1).width(3.6f)
                .dashed("SDE mean (black dashed)", t, a).ink().width(1.4f)
                .dashed("SDE mean, class 1", t, b).ink().width(1.4f).noLegend()
                .band("band 1", t, a, b).colour(1).noLegend()
                .markers("SGD (dots)", t, b).colour(0).shape(LineChart.MarkerShape.CIRCLE)
                .markers("SGD, class 1", t, a).colour(1).shape(LineChart.MarkerShape.CIRCLE).noLegend()
                .series("automatic", t, b);
        org.knowm.xchart.XYChart chart = c.build();
        var series = chart.getSeriesMap();
        java.awt.Color c0 = (java.awt.Color) series.get("class 0 (ODE)").getLineColor();
        assertEquals(c0, series.get("SGD (dots)").getMarkerColor());
        assertEquals(series.get("class 1 (ODE)").getLineColor(), series.get("SGD, class 1").getMarkerColor());
        // pinned colours do not use up the automatic sequence: the next automatic series takes colour 0
        assertEquals(c0, series.get("automatic").getLineColor());
        assertEquals(new java.awt.Color(40, 40, 40), series.get("SDE mean (black dashed)").getLineColor());
        assertEquals(1.4f, series.get("SDE mean, class 1").getLineWidth(), 1e-6);
        assertEquals(3.6f, series.get("class 0 (ODE)").getLineWidth(), 1e-6);
        assertTrue(series.get("SDE mean (black dashed)").getLineStyle().getDashArray() != null);
        assertTrue(!series.get("SDE mean, class 1").isShowInLegend() && !series.get("SGD, class 1").isShowInLegend());
        assertTrue(series.get("SGD (dots)").isShowInLegend());
        assertTrue(series.values().stream().filter(x -> x.getName().contains("band")).noneMatch(x -> x.isShowInLegend()));
        assertValidPngAndSvg(c.write(dir, "pinned"), 1000, 650);
    }

    @Test
    void heatMapOfCosines() throws Exception {
        int k = 4;
        double[] cos = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cos[i * k + j] = i == j ? 1 : -1.0 / (k - 1) + 0.01 * (i - j);
            }
        }
        cos[1] = Double.NaN;
        assertValidPngAndSvg(HeatMap.titled("Cosines between centred class means").xLabel("class").yLabel("class")
                .values(cos, k, k).diverging(-1, 1).showValues().write(dir, "cos"), 800, 700);
        assertValidPngAndSvg(HeatMap.titled("auto range").values(new double[][] {{1, 2}, {3, 4}}).write(dir, "auto"), 800, 700);
    }

    /** Heat-map text is filled glyph outlines, as XChart's: no font-dependent <text> in the SVG, the same place as drawString. */
    @Test
    void heatMapTextIsDrawnAsOutlines() throws Exception {
        List<Path> files = HeatMap.titled("title t = 0").xLabel("class").yLabel("class").values(new double[][] {{1, -0.5}, {-0.5, 1}})
                .diverging(-1, 1).showValues("0.000").note("a note").write(dir, "outlined");
        String svg = Files.readString(files.get(1), StandardCharsets.UTF_8);
        assertTrue(!svg.contains("<text"), "a <text> element in the heat map's SVG");
        assertTrue(svg.contains("<path"), svg);
        int[] outline = inkBox(g -> ChartFiles.text(g, "\u22120.517 class", 20f, 40f));
        int[] glyphs = inkBox(g -> g.drawString("\u22120.517 class", 20f, 40f));
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(outline[i] - glyphs[i]) <= 1, "ink box " + java.util.Arrays.toString(outline) + " vs drawString "
                    + java.util.Arrays.toString(glyphs));
        }
        assertTrue(outline[2] - outline[0] > 50 && outline[3] - outline[1] > 5, java.util.Arrays.toString(outline));
        assertEquals(-1, inkBox(g -> ChartFiles.text(g, "", 20f, 40f))[0], "an empty string draws nothing");
    }

    /** The bounding box {x0, y0, x1, y1} of the non-white pixels of a drawing (x0 = -1: none). */
    private static int[] inkBox(java.util.function.Consumer<java.awt.Graphics2D> draw) {
        BufferedImage img = new BufferedImage(200, 60, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 200, 60);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 15));
        draw.accept(g);
        g.dispose();
        int[] box = {-1, -1, -1, -1};
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) < 0x808080) {
                    box[0] = box[0] < 0 ? x : Math.min(box[0], x);
                    box[1] = box[1] < 0 ? y : Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        double[] a = {1, 2};
        double[] b = {1};
        assertThrows(BadInputException.class, () -> LineChart.titled("x").series("s", a, b));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").series("s", a, a).series("s", a, a).write(dir, "dup"));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").series("s", a, a).write(dir, "../up"));
        assertThrows(BadInputException.class, () -> HeatMap.titled("h").values(a, 2, 2));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").colour(0));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").series("s", a, a).colour(-1));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").series("s", a, a).width(0));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").markers("m", a, a).width(2));
        assertThrows(BadInputException.class, () -> LineChart.titled("x").series("s", a, a).shape(LineChart.MarkerShape.SQUARE));
    }
}
