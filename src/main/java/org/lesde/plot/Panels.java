package org.lesde.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import org.knowm.xchart.internal.chartpart.Chart;
import org.lesde.BadInputException;
import org.lesde.RunFailedException;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * A figure of several charts on a grid (row-major): line charts and heat maps, each drawn in a
 * cell of the same size, written in the formats of a {@link PlotOptions} like a single chart.
 *
 * <pre>{@code
 * Panels.grid(2, 520, 340).add(curves).add(residuals).write(dir, "trajectories", options);
 * }</pre>
 *
 * A size override of the options ({@code --width}, {@code --height}) sets the size of the whole
 * figure; the cells share it. An empty cell (fewer charts than the grid holds) stays white.
 */
public final class Panels {
    private final int columns;
    private final int cellWidth;
    private final int cellHeight;
    private final List<Object> charts = new ArrayList<>();

    private Panels(int columns, int cellWidth, int cellHeight) {
        this.columns = columns;
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
    }

    /** A grid with this many columns and cells of this size in pixels (rows as the charts need). */
    public static Panels grid(int columns, int cellWidth, int cellHeight) {
        if (columns < 1 || cellWidth < 200 || cellHeight < 150) {
            throw new BadInputException("panels need >= 1 column and cells of at least 200x150, got " + columns + " columns of "
                    + cellWidth + "x" + cellHeight);
        }
        return new Panels(columns, cellWidth, cellHeight);
    }

    public Panels add(LineChart c) {
        charts.add(c);
        return this;
    }

    public Panels add(HeatMap c) {
        charts.add(c);
        return this;
    }

    /** Number of charts added. */
    public int size() {
        return charts.size();
    }

    /** Writes {@code basename.<ext>} for every format of {@code options}; returns the files written. */
    public List<Path> write(Path dir, String basename, PlotOptions options) {
        ChartFiles.checkName("figure", basename);
        if (charts.isEmpty()) {
            throw new BadInputException("figure '" + basename + "' has no panels");
        }
        List<Path> written = new ArrayList<>();
        if (options.none()) {
            return written;
        }
        options.beforeDrawing().run();
        ChartFiles.init();
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int w = Math.max(200, options.width() == 0 ? cellWidth : options.width() / cols);
        int h = Math.max(150, options.height() == 0 ? cellHeight : options.height() / rows);
        int width = cols * w;
        int height = rows * h;
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new RunFailedException("cannot write figure " + dir.resolve(basename) + ": " + e.getMessage(), e);
        }
        // the formats one after the other from the same charts (see ChartFiles.write)
        List<Chart<?, ?>> built = build(w, h);
        for (PlotFormat f : options.formats()) {
            Path file = dir.resolve(basename + "." + f.key());
            try {
                switch (f) {
                    case PNG -> png(built, cols, w, h, width, height, options.dpi(), file);
                    case SVG -> vector(built, cols, w, h, width, height, "svg", file);
                    case PDF -> vector(built, cols, w, h, width, height, "pdf", file);
                }
            } catch (IOException | RuntimeException e) {
                throw new RunFailedException("cannot write figure " + dir.resolve(basename) + ": " + e.getMessage(), e);
            }
            written.add(file);
        }
        return written;
    }

    /** The panels at their cell size, recorded for their SVG (for {@code SvgWriterTest}). */
    SvgWriter.Drawing svgDrawing() {
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        List<Chart<?, ?>> built = build(cellWidth, cellHeight);
        return SvgWriter.Drawing.record(cols * cellWidth, rows * cellHeight,
                g -> paint(built, cols, cellWidth, cellHeight, cols * cellWidth, rows * cellHeight, g));
    }

    /** The panels' charts, built at the cell size. */
    private List<Chart<?, ?>> build(int w, int h) {
        List<Chart<?, ?>> built = new ArrayList<>();
        for (Object o : charts) {
            if (o instanceof LineChart l) {
                built.add(l.size(w, h).build());
            } else {
                built.add(((HeatMap) o).size(w, h).build());
            }
        }
        return built;
    }

    private static void paint(List<Chart<?, ?>> built, int cols, int w, int h, int width, int height, Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        AffineTransform base = g.getTransform();
        for (int i = 0; i < built.size(); i++) {
            g.setTransform(base);
            g.translate((i % cols) * w, (i / cols) * h);
            g.setClip(0, 0, w, h);
            built.get(i).paint(g, w, h);
        }
        g.setTransform(base);
        g.setClip(null);
    }

    private static void png(List<Chart<?, ?>> built, int cols, int w, int h, int width, int height, int dpi, Path file)
            throws IOException {
        double scale = dpi / (double) PlotOptions.SCREEN_DPI;
        BufferedImage img = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(scale, scale);
            paint(built, cols, w, h, width, height, g);
        } finally {
            g.dispose();
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            PngEncoder.write(img, os);
        }
    }

    private static void vector(List<Chart<?, ?>> built, int cols, int w, int h, int width, int height, String format, Path file)
            throws IOException {
        if (format.equals("svg")) {
            // XChart's segments joined into polylines (the same drawing, far fewer elements), written by SvgWriter
            Files.write(file, SvgWriter.svg(SvgWriter.Drawing.record(width, height, g -> paint(built, cols, w, h, width, height, g))));
            return;
        }
        VectorGraphics2D g = new VectorGraphics2D();
        paint(built, cols, w, h, width, height, g);
        Document doc = Processors.get(format).getDocument(g.getCommands(), new PageSize(0.0, 0.0, width, height));
        try (OutputStream os = Files.newOutputStream(file)) {
            doc.writeTo(os);
        }
    }
}
