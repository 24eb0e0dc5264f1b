package org.lesde.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.lesde.BadInputException;
import org.lesde.RunFailedException;

/** Shared look (fonts, colours) and the PNG + SVG writer. Package-private. */
final class ChartFiles {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE = new Font(FONT, Font.BOLD, 20);
    static final Font AXIS_TITLE = new Font(FONT, Font.PLAIN, 16);
    static final Font TICKS = new Font(FONT, Font.PLAIN, 14);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 14);
    static final Font ANNOTATION = new Font(FONT, Font.BOLD, 15);

    /** Tableau 10: distinguishable, print- and colour-blind-friendly enough. */
    static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207),
    };

    /** Line styles cycled after the palette is used up, so that series 11+ stay distinguishable. */
    static final BasicStroke[] STROKES = {
        new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND),
        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f),
        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f),
        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 4f, 2f, 4f}, 0f),
    };

    static final BasicStroke DASHED = STROKES[1];

    private ChartFiles() {
    }

    /** Call before touching any XChart / AWT class: runs the static initialiser (headless mode). */
    static void init() {
        // the static initialiser has run by now
    }

    /**
     * {@code s} with its baseline starting at (x, y), drawn as its glyph outlines, filled — as
     * XChart draws the text of its charts; the heat maps draw all theirs through this. The PNG and the SVG then show the same glyphs
     * whatever fonts the SVG viewer has (no {@code <text>} element naming a font family), and
     * the SVG writer never looks up a font's physical family (VectorGraphics2D lays out a test
     * string in every installed font for that: most of the first heat map's drawing time,
     * docs/performance.md).
     */
    static void text(java.awt.Graphics2D g, String s, float x, float y) {
        if (s.isEmpty()) {
            return;
        }
        java.awt.font.TextLayout layout = new java.awt.font.TextLayout(s, g.getFont(), g.getFontRenderContext());
        java.awt.geom.AffineTransform at = g.getTransform();
        g.translate(x, y);
        g.fill(layout.getOutline(null));
        g.setTransform(at);
    }

    static Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    static BasicStroke stroke(int index) {
        return STROKES[Math.floorMod(index, PALETTE.length * STROKES.length) / PALETTE.length];
    }

    /** The same stroke (caps, joins, dash pattern scaled with the width) at another width. */
    static BasicStroke withWidth(BasicStroke s, float w) {
        float[] dash = s.getDashArray();
        if (dash == null) {
            return new BasicStroke(w, s.getEndCap(), s.getLineJoin(), s.getMiterLimit());
        }
        float scale = Math.max(1f, w / s.getLineWidth());
        float[] d = new float[dash.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = dash[i] * scale;
        }
        return new BasicStroke(w, s.getEndCap(), s.getLineJoin(), s.getMiterLimit(), d, s.getDashPhase() * scale);
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static void applyCommonStyle(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(120, 120, 120));
        s.setChartTitleFont(TITLE);
        s.setChartTitleBoxVisible(false);
        s.setLegendFont(LEGEND);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setAnnotationTextFont(ANNOTATION);
        s.setAntiAlias(true);
        s.setChartPadding(12);
    }

    static void checkName(String what, String basename) {
        if (basename == null || basename.isEmpty() || basename.contains("/") || basename.contains("\\")) {
            throw new BadInputException(what + " file base name must be a plain non-empty name, got '" + basename + "'");
        }
    }

    /** Writes {@code basename.png} and {@code basename.svg} into {@code dir}. */
    static List<Path> write(Chart<?, ?> chart, Path dir, String basename) {
        return write(chart, dir, basename, PlotOptions.DEFAULT);
    }

    /**
     * Writes {@code basename.<ext>} into {@code dir} for each format of {@code options}, in enum
     * order, one after the other from the one chart. (Inside a {@link FigureBatch} the figures
     * are drawn in parallel; drawing a figure's formats in parallel as well needed a chart per
     * format, each built and laid out again: more work in all, docs/performance.md.)
     */
    static List<Path> write(Chart<?, ?> chart, Path dir, String basename, PlotOptions options) {
        checkName("chart", basename);
        List<Path> written = new java.util.ArrayList<>();
        if (options.none()) {
            return written;
        }
        options.beforeDrawing().run();
        for (PlotFormat f : options.formats()) {
            written.addAll(writeOne(chart, dir, basename, f, options));
        }
        return written;
    }

    /** Writes one format of a chart; failures name the chart and the innermost cause. */
    private static List<Path> writeOne(Chart<?, ?> chart, Path dir, String basename, PlotFormat f, PlotOptions options) {
        Path file = dir.resolve(basename + "." + f.key());
        try {
            // the folder must exist: never re-create an output staging folder that the cleanup
            // after a signal has just removed
            if (!Files.isDirectory(dir)) {
                throw new java.nio.file.NoSuchFileException(dir.toString(), null, "the chart folder does not exist");
            }
            if (f == PlotFormat.PNG && options.dpi() != PlotOptions.SCREEN_DPI) {
                BitmapEncoder.saveBitmapWithDPI(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG, options.dpi());
            } else {
                try (OutputStream os = Files.newOutputStream(file)) {
                    encode(chart, f, os);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RunFailedException("cannot write chart " + dir.resolve(basename) + ": " + rootMessage(e), e);
        }
        return List.of(file);
    }

    /**
     * The innermost cause's message, once ("No space left on device"), not the chain of wrapped
     * exception class names that the SVG and PNG encoders build.
     */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        // some wrappers only put the nested text in the message, without a cause
        return m.replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error): ", "").replace('\n', ' ').trim();
    }

    /** Encodes a chart in one format (PNG at screen resolution, SVG by {@link SvgWriter}) into a stream. */
    static void encode(Chart<?, ?> chart, PlotFormat f, OutputStream os) throws IOException {
        switch (f) {
            case PNG -> PngEncoder.write(BitmapEncoder.getBufferedImage(chart), os);
            case SVG -> os.write(SvgWriter.svg(svgDrawing(chart)));
            case PDF -> VectorGraphicsEncoder.saveVectorGraphic(chart, os, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
        }
    }

    /** The chart recorded for its SVG (XChart's segments joined into polylines by {@link SvgSegments}). */
    static SvgWriter.Drawing svgDrawing(Chart<?, ?> chart) {
        return SvgWriter.Drawing.record(chart.getWidth(), chart.getHeight(), g -> chart.paint(g, chart.getWidth(), chart.getHeight()));
    }
}
