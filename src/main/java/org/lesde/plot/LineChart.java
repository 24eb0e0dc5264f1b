package org.lesde.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lesde.BadInputException;

/**
 * An XY chart written as PNG and SVG: line series, dashed lines, markers-only series, shaded
 * bands and labelled points, on linear or logarithmic axes.
 *
 * <pre>{@code
 * LineChart.titled("NC1 vs time").xLabel("t").yLabel("NC1").logX().logY()
 *     .series("SDE", t, mean)
 *     .band("SDE", t, lo, hi)               // mean ± sd, shaded in the colour of "SDE"
 *     .dashed("ODE", t, ode)
 *     .markers("SGD", tSgd, sgd)
 *     .write(out.dir(), "nc1");              // nc1.png + nc1.svg
 * }</pre>
 *
 * <p>Colours: each line or markers series takes the next colour of a 10-colour
 * palette (series 11 onwards reuse the colours with dashed / dotted strokes). A band is drawn
 * translucent, below all lines and points, in the colour of the series of the same name if there
 * is one (and is then left out of the legend), else of the series added just before it (else just
 * after it); a band with a name of its own has its own legend entry. Labelled points are drawn
 * in near-black and take no palette colour, so that class k's series keeps colour k.
 * {@link #colour(int)} pins the series (or band) added last to a palette colour, e.g. to give
 * class k the same colour in its ODE, SDE and SGD series; pinned series do not advance the
 * automatic colour sequence. {@link #noLegend()} leaves the last series out of the legend and
 * {@link #shape} fixes the marker shape of the last markers series (by default markers series
 * cycle through circle, diamond, square, triangle up, triangle down).
 *
 * <p>Missing values: a point whose x or y is NaN or infinite, or is {@code <= 0} on a
 * logarithmic axis, is skipped (a gap in a line); a series with no valid point is left out.
 * Array arguments are copied; a builder is not thread-safe but distinct builders are independent.
 */
public final class LineChart {
    private enum Kind { LINE, DASHED, MARKERS, BAND, LABELLED }

    /** Marker shapes for {@link #shape}. */
    public enum MarkerShape {
        CIRCLE(SeriesMarkers.CIRCLE), DIAMOND(SeriesMarkers.DIAMOND), SQUARE(SeriesMarkers.SQUARE),
        TRIANGLE_UP(SeriesMarkers.TRIANGLE_UP), TRIANGLE_DOWN(SeriesMarkers.TRIANGLE_DOWN);

        private final Marker marker;

        MarkerShape(Marker marker) {
            this.marker = marker;
        }
    }

    private static final class Item {
        final Kind kind;
        final String name;
        final double[] x;
        final double[] y;
        final double[] hi;
        final String[] labels;
        int colour = -1;
        int fixedColour = -1;
        float lineWidth = Float.NaN;
        boolean hideLegend;
        MarkerShape shape;

        Item(Kind kind, String name, double[] x, double[] y, double[] hi, String[] labels) {
            this.kind = kind;
            this.name = name;
            this.x = x;
            this.y = y;
            this.hi = hi;
            this.labels = labels;
        }
    }

    static {
        ChartFiles.init(); // headless before any AWT class loads
    }

    private static final int INK = Integer.MAX_VALUE;
    private static final Color INK_COLOUR = new Color(40, 40, 40);

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean logX;
    private boolean logY;
    private boolean equalAspect;
    private int width = 1000;
    private int height = 650;
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;
    private boolean legendBelow;
    private final List<Item> items = new ArrayList<>();

    private LineChart(String title) {
        this.title = title == null ? "" : title;
    }

    /** A new chart with this title. */
    public static LineChart titled(String title) {
        return new LineChart(title);
    }

    /** The x-axis title (include the unit). */
    public LineChart xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** The y-axis title (include the unit). */
    public LineChart yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Logarithmic x axis (x values {@code <= 0} are skipped). */
    public LineChart logX() {
        this.logX = true;
        return this;
    }

    /** Logarithmic y axis (y values {@code <= 0} are skipped). */
    public LineChart logY() {
        this.logY = true;
        return this;
    }

    /**
     * The same scale on both axes, for geometric pictures such as trajectories in the plane of a
     * simplex ETF: the chart is laid out off-screen, the plot area is measured in pixels, and both
     * axis ranges are set about the data's centre so that one unit spans the same number of pixels
     * and the data fit with a small margin (done twice, as tick labels may change the plot area).
     * Fixed ranges ({@link #xRange}, {@link #yRange}) are kept inside the ranges. Ignored on
     * logarithmic axes.
     */
    public LineChart equalAspect() {
        this.equalAspect = true;
        return this;
    }

    /**
     * Puts the legend below the plot instead of to its right. XChart lays a legend below out on
     * one row, without wrapping: use it for a few short entries only.
     */
    public LineChart legendBelow() {
        this.legendBelow = true;
        return this;
    }

    /** Image size in pixels (default 1000 x 650). */
    public LineChart size(int widthPx, int heightPx) {
        if (widthPx < 200 || heightPx < 150 || widthPx > 10000 || heightPx > 10000) {
            throw new BadInputException("chart size must be within 200x150 .. 10000x10000, got " + widthPx + "x" + heightPx);
        }
        this.width = widthPx;
        this.height = heightPx;
        return this;
    }

    /** Fixes the x-axis range (NaN for an automatic end). */
    public LineChart xRange(double min, double max) {
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    /** Fixes the y-axis range (NaN for an automatic end), e.g. {@code yRange(0, 1)} for probabilities. */
    public LineChart yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /** A solid line through (x[i], y[i]). */
    public LineChart series(String name, double[] x, double[] y) {
        return add(Kind.LINE, name, x, y, null, null);
    }

    /** A dashed line through (x[i], y[i]) (e.g. a reference or closed-form curve). */
    public LineChart dashed(String name, double[] x, double[] y) {
        return add(Kind.DASHED, name, x, y, null, null);
    }

    /** Markers only, no line (e.g. Monte Carlo estimates, SGD snapshots). */
    public LineChart markers(String name, double[] x, double[] y) {
        return add(Kind.MARKERS, name, x, y, null, null);
    }

    /**
     * A shaded region between lo[i] and hi[i] over x[i] (e.g. mean ± sd). Give it the name of a
     * series to shade in that series' colour without a separate legend entry; otherwise it takes
     * the colour of the series added just before it and has its own legend entry.
     */
    public LineChart band(String name, double[] x, double[] lo, double[] hi) {
        return add(Kind.BAND, name, x, lo, hi, null);
    }

    /**
     * Large markers each annotated with its label (e.g. the vertices of a simplex ETF, labelled
     * by class). {@code labels} may be null (then the points are unlabelled).
     */
    public LineChart labelledPoints(String name, double[] x, double[] y, String[] labels) {
        if (labels != null && labels.length != x.length) {
            throw new BadInputException("labelled points '" + name + "': " + labels.length + " labels for " + x.length + " points");
        }
        return add(Kind.LABELLED, name, x, y, null, labels == null ? null : labels.clone());
    }

    /**
     * Draws the series (or band) added last in palette colour {@code paletteIndex} (taken modulo
     * the palette size of 10; from 10 on, lines also change their stroke as for automatic colours).
     */
    public LineChart colour(int paletteIndex) {
        if (paletteIndex < 0) {
            throw new BadInputException("chart '" + title + "': colour index must be >= 0, got " + paletteIndex);
        }
        last("colour").fixedColour = paletteIndex;
        return this;
    }

    /**
     * Draws the series added last in near-black (the colour of labelled points), e.g. a dashed
     * reference curve drawn over coloured ones; it takes no palette colour.
     */
    public LineChart ink() {
        last("ink").fixedColour = INK;
        return this;
    }

    /**
     * The stroke width in pixels of the line (solid or dashed) added last (default 2.2), e.g. a
     * wide coloured line with a thin black dashed line on top when two curves coincide.
     */
    public LineChart width(float px) {
        Item it = last("width");
        if (it.kind != Kind.LINE && it.kind != Kind.DASHED) {
            throw new BadInputException("chart '" + title + "': width() applies to lines, not to '" + it.name + "'");
        }
        if (!(px > 0 && px <= 20)) {
            throw new BadInputException("chart '" + title + "': line width must be in (0, 20] px, got " + px);
        }
        it.lineWidth = px;
        return this;
    }

    /** Leaves the series (or band) added last out of the legend. */
    public LineChart noLegend() {
        last("noLegend").hideLegend = true;
        return this;
    }

    /** The marker shape of the markers series (or labelled points) added last. */
    public LineChart shape(MarkerShape s) {
        Item it = last("shape");
        if (it.kind != Kind.MARKERS && it.kind != Kind.LABELLED) {
            throw new BadInputException("chart '" + title + "': shape() applies to markers or labelled points, not to '" + it.name + "'");
        }
        it.shape = s;
        return this;
    }

    private Item last(String what) {
        if (items.isEmpty()) {
            throw new BadInputException("chart '" + title + "': " + what + "() needs a series added before it");
        }
        return items.get(items.size() - 1);
    }

    private LineChart add(Kind kind, String name, double[] x, double[] y, double[] hi, String[] labels) {
        if (name == null || name.isEmpty()) {
            throw new BadInputException("chart '" + title + "': series name must be non-empty");
        }
        if (x == null || y == null || (kind == Kind.BAND && hi == null)) {
            throw new BadInputException("chart '" + title + "', series '" + name + "': data arrays must not be null");
        }
        if (x.length != y.length || (hi != null && hi.length != x.length)) {
            throw new BadInputException("chart '" + title + "', series '" + name + "': x has " + x.length
                    + " values but y has " + y.length + (hi != null ? " and hi has " + hi.length : ""));
        }
        items.add(new Item(kind, name, x.clone(), y.clone(), hi == null ? null : hi.clone(), labels));
        return this;
    }

    /** Number of series added so far (bands included). */
    public int seriesCount() {
        return items.size();
    }

    /**
     * Renders the chart and writes {@code basename.png} and {@code basename.svg} into {@code dir}.
     *
     * @return the two paths written (PNG first)
     */
    public List<Path> write(Path dir, String basename) {
        return ChartFiles.write(build(), dir, basename);
    }

    /** Renders the chart at {@code options}' size (if set) and writes one file per format of {@code options}. */
    public List<Path> write(Path dir, String basename, PlotOptions options) {
        if (options.none()) {
            return List.of();
        }
        int w0 = width;
        int h0 = height;
        width = options.widthOr(width);
        height = options.heightOr(height);
        try {
            return ChartFiles.write(build(), dir, basename, options);
        } finally {
            width = w0;
            height = h0;
        }
    }

    /** Slices of the x range a line or band is decimated to (each keeps at most its min and max). */
    int decimationBuckets() {
        return Math.max(50, (int) (0.6 * width)); // about the plot area's width in pixels
    }

    private static double[] positiveOrNaN(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private boolean valid(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    XYChart build() {
        assignColours();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        XYStyler s = chart.getStyler();
        ChartFiles.applyCommonStyle(s);
        s.setAxisTitleFont(ChartFiles.AXIS_TITLE);
        s.setAxisTickLabelsFont(ChartFiles.TICKS);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        // solid grid lines: a dashed one is written to SVG as one filled outline per dash
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLegendPosition(legendBelow ? LegendPosition.OutsideS : LegendPosition.OutsideE);
        s.setLegendLayout(legendBelow ? org.knowm.xchart.style.Styler.LegendLayout.Horizontal
                : org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        s.setMarkerSize(8);
        s.setXAxisLogarithmic(logX);
        s.setYAxisLogarithmic(logY);
        s.setToolTipsEnabled(false);
        fitTitle(s);

        Set<String> lineNames = new HashSet<>();
        for (Item it : items) {
            if (it.kind != Kind.BAND && !lineNames.add(it.name)) {
                throw new BadInputException("chart '" + title + "': duplicate series name '" + it.name + "'");
            }
        }
        double[] bounds = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int[] helperCount = {0};
        boolean any = false;
        // bands first so that they lie below everything else
        for (Item it : items) {
            if (it.kind == Kind.BAND) {
                boolean legend = !lineNames.contains(it.name) && !it.hideLegend;
                any |= addBand(chart, it, legend, helperCount, bounds);
            }
        }
        Marker[] markers = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
        int markerIndex = 0;
        List<Object[]> pendingLabels = new ArrayList<>();
        for (Item it : items) {
            if (it.kind == Kind.BAND) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            boolean pendingGap = false;
            int validCount = 0;
            double[] itX = it.x;
            double[] itY = it.y;
            if (it.kind == Kind.LINE || it.kind == Kind.DASHED) {
                // no more points than the figure can show: ~2 per horizontal pixel (min and max)
                int[] keep = Decimate.minMax(itX, logY ? positiveOrNaN(itY) : itY, decimationBuckets(), logX);
                if (keep.length < itX.length) {
                    itX = Decimate.pick(itX, keep);
                    itY = Decimate.pick(itY, keep);
                }
            }
            for (int i = 0; i < itX.length; i++) {
                if (!valid(itX[i], logX)) {
                    continue; // no x: the point cannot be placed at all
                }
                if (!valid(itY[i], logY)) {
                    pendingGap = !xs.isEmpty();
                    continue;
                }
                if (pendingGap && (it.kind == Kind.LINE || it.kind == Kind.DASHED)) {
                    xs.add(xs.get(xs.size() - 1)); // XChart breaks a line at a null y
                    ys.add(null);
                }
                pendingGap = false;
                xs.add(itX[i]);
                ys.add(itY[i]);
                labels.add(it.labels == null ? null : it.labels[i]);
                include(bounds, itX[i], itY[i]);
                validCount++;
            }
            if (validCount == 0) {
                continue;
            }
            any = true;
            XYSeries series = chart.addSeries(it.name, xs, ys);
            Color c = (it.kind == Kind.LABELLED && it.fixedColour < 0) || it.colour == INK ? INK_COLOUR : ChartFiles.colour(it.colour);
            series.setLineColor(c);
            series.setMarkerColor(c);
            if (it.hideLegend) {
                series.setShowInLegend(false);
            }
            switch (it.kind) {
                case LINE:
                case DASHED: {
                    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                    series.setMarker(SeriesMarkers.NONE);
                    BasicStroke st = it.kind == Kind.DASHED ? ChartFiles.DASHED
                            : it.colour == INK ? ChartFiles.STROKES[0] : ChartFiles.stroke(it.colour);
                    if (!Float.isNaN(it.lineWidth)) {
                        st = ChartFiles.withWidth(st, it.lineWidth);
                    }
                    series.setLineStyle(st);
                    series.setLineWidth(st.getLineWidth());
                    break;
                }
                case MARKERS:
                    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                    series.setMarker(it.shape != null ? it.shape.marker : markers[markerIndex++ % markers.length]);
                    break;
                case LABELLED:
                    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                    series.setMarker(it.shape != null ? it.shape.marker : SeriesMarkers.DIAMOND);
                    for (int i = 0; i < xs.size(); i++) {
                        String label = labels.get(i);
                        if (label != null && !label.isEmpty() && ys.get(i) != null) {
                            pendingLabels.add(new Object[] {label, xs.get(i), ys.get(i)});
                        }
                    }
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
        if (!any) {
            // XChart cannot draw an empty XY chart: draw an invisible point, say so in the title.
            XYSeries empty = chart.addSeries("(no data)", new double[] {logX ? 1 : 0}, new double[] {logY ? 1 : 0});
            empty.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            empty.setMarker(SeriesMarkers.NONE);
            empty.setShowInLegend(false);
            chart.setTitle(title + " (no data)");
        } else {
            if (!logX && bounds[1] > bounds[0]) {
                // XChart puts the x ticks on the data's own x values when these are equally spaced
                // (t = 0, 0.2, ..., 30 gives 31 labels, or labels starting at 0.02 when t = 0 is
                // missing); one invisible point off that grid makes it choose round tick steps.
                XYSeries helper = chart.addSeries("\u200bx ticks", new double[] {bounds[0] + 0.3819660112501051 * (bounds[1] - bounds[0])},
                        new double[] {bounds[2]});
                helper.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                helper.setMarker(SeriesMarkers.NONE);
                helper.setShowInLegend(false);
            }
            applyRanges(s, bounds);
            if (equalAspect && !logX && !logY) {
                equalise(chart, bounds);
            }
            tickLabels(chart, bounds);
            // labels just above their point: 4% of the data's vertical extent
            double span = logY ? Math.log10(bounds[3] / bounds[2]) : bounds[3] - bounds[2];
            double up = 0.04 * (span > 0 ? span : 1);
            for (Object[] l : pendingLabels) {
                double y = (Double) l[2];
                chart.addAnnotation(new AnnotationText((String) l[0], (Double) l[1], logY ? y * Math.pow(10, up) : y + up, false));
            }
        }
        if (items.stream().noneMatch(it -> !it.hideLegend && (it.kind != Kind.BAND || !lineNames.contains(it.name)))) {
            s.setLegendVisible(false);
        }
        return chart;
    }

    /** A title wider than the chart is drawn in a smaller font (XChart neither wraps nor clips it inside the image). */
    private void fitTitle(XYStyler s) {
        if (title.isEmpty()) {
            return;
        }
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            int w = g.getFontMetrics(ChartFiles.TITLE).stringWidth(title);
            int room = width - 30;
            if (w > room) {
                float size = Math.max(10f, ChartFiles.TITLE.getSize2D() * room / w);
                s.setChartTitleFont(ChartFiles.TITLE.deriveFont(size));
            }
        } finally {
            g.dispose();
        }
    }

    /** One tick-label style per axis ({@link Ticks}): plain decimals or m×10ⁿ, chosen from the axis range. */
    private void tickLabels(XYChart chart, double[] b) {
        XYStyler s = chart.getStyler();
        double x0 = s.getXAxisMin() != null ? s.getXAxisMin() : b[0];
        double x1 = s.getXAxisMax() != null ? s.getXAxisMax() : b[1];
        double y0 = s.getYAxisMin() != null ? s.getYAxisMin() : b[2];
        double y1 = s.getYAxisMax() != null ? s.getYAxisMax() : b[3];
        if (Double.isFinite(x0) && Double.isFinite(x1)) {
            s.setXAxisDecimalPattern(Ticks.pattern(x0, x1, logX, (int) (width * 0.9)));
        }
        if (Double.isFinite(y0) && Double.isFinite(y1)) {
            s.setYAxisDecimalPattern(Ticks.pattern(y0, y1, logY, (int) (height * 0.9)));
        }
        // a log y axis over less than two decades labels its 2..9 multiples too: decades alone
        // would leave it with one label or none (on x such labels would run into each other)
        s.setYAxisLogarithmicDecadeOnly(!(logY && narrowLog(y0, y1)));
    }

    private static boolean narrowLog(double lo, double hi) {
        return lo > 0 && Double.isFinite(hi) && hi / lo < 100;
    }

    private void include(double[] b, double x, double y) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.max(b[1], x);
        b[2] = Math.min(b[2], y);
        b[3] = Math.max(b[3], y);
    }

    private void applyRanges(XYStyler s, double[] b) {
        double x0 = xMin;
        double x1 = xMax;
        double y0 = yMin;
        double y1 = yMax;
        if (equalAspect && !logX && !logY && Double.isFinite(b[0])) {
            double cx = 0.5 * (b[0] + b[1]);
            double cy = 0.5 * (b[2] + b[3]);
            double plotW = width - 130.0;
            double plotH = height - 190.0;
            double unit = Math.max((b[1] - b[0]) / plotW, (b[3] - b[2]) / plotH) * 1.12;
            if (!(unit > 0)) {
                unit = 1.0 / Math.min(plotW, plotH);
            }
            x0 = Double.isNaN(x0) ? cx - 0.5 * unit * plotW : x0;
            x1 = Double.isNaN(x1) ? cx + 0.5 * unit * plotW : x1;
            y0 = Double.isNaN(y0) ? cy - 0.5 * unit * plotH : y0;
            y1 = Double.isNaN(y1) ? cy + 0.5 * unit * plotH : y1;
        }
        if (!Double.isNaN(x0)) {
            s.setXAxisMin(x0);
        }
        if (!Double.isNaN(x1)) {
            s.setXAxisMax(x1);
        }
        if (logY && Double.isNaN(y0) && Double.isNaN(y1) && b[2] > 0 && b[3] > b[2] && Double.isFinite(b[3])
                && Ticks.logMultiples(b[2], b[3]) <= 1) {
            // at most one labelled multiple m x 10^n inside: XChart would label the data's own
            // ends next to it (overlapping it when it lies near one); the axis runs to the
            // multiples around the data instead, which it labels
            y0 = Ticks.logMultipleBelow(b[2]);
            y1 = Ticks.logMultipleAbove(b[3]);
        }
        if (!Double.isNaN(y0)) {
            s.setYAxisMin(y0);
        }
        if (!Double.isNaN(y1)) {
            s.setYAxisMax(y1);
        }
    }

    /**
     * Sets the axis ranges so that one unit spans the same number of pixels on both axes and the
     * data (and any fixed range) fit with a margin: lays the chart out off-screen, measures the
     * plot area in pixels, and repeats once (tick labels may change the plot area).
     */
    private void equalise(XYChart chart, double[] b) {
        XYStyler s = chart.getStyler();
        double dx0 = Double.isNaN(xMin) ? b[0] : Math.min(b[0], xMin);
        double dx1 = Double.isNaN(xMax) ? b[1] : Math.max(b[1], xMax);
        double dy0 = Double.isNaN(yMin) ? b[2] : Math.min(b[2], yMin);
        double dy1 = Double.isNaN(yMax) ? b[3] : Math.max(b[3], yMax);
        // the layout is all that is wanted from these paints: a one-pixel canvas gets the same
        // layout (text is measured the same) while the rasteriser rejects everything outside it
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int pass = 0; pass < 2; pass++) {
            java.awt.Graphics2D g = scratch.createGraphics();
            try {
                chart.paint(g, width, height);
            } finally {
                g.dispose();
            }
            double x0 = s.getXAxisMin();
            double x1 = s.getXAxisMax();
            double y0 = s.getYAxisMin();
            double y1 = s.getYAxisMax();
            double wPx = Math.abs(chart.getScreenXFromChart(x1) - chart.getScreenXFromChart(x0));
            double hPx = Math.abs(chart.getScreenYFromChart(y1) - chart.getScreenYFromChart(y0));
            if (!(wPx > 10 && hPx > 10 && Double.isFinite(wPx) && Double.isFinite(hPx))) {
                return;
            }
            double unit = Math.max((dx1 - dx0) / wPx, (dy1 - dy0) / hPx) * 1.08; // data units per pixel
            if (!(unit > 0) || !Double.isFinite(unit)) {
                return;
            }
            double cx = 0.5 * (dx0 + dx1);
            double cy = 0.5 * (dy0 + dy1);
            s.setXAxisMin(cx - 0.5 * unit * wPx);
            s.setXAxisMax(cx + 0.5 * unit * wPx);
            s.setYAxisMin(cy - 0.5 * unit * hPx);
            s.setYAxisMax(cy + 0.5 * unit * hPx);
        }
    }

    /** Adds one polygon per run of valid points; returns whether anything was added. */
    private boolean addBand(XYChart chart, Item full, boolean legend, int[] helperCount, double[] bounds) {
        Color fill = ChartFiles.translucent(ChartFiles.colour(full.colour), 60);
        Item it = full;
        int[] keep = Decimate.band(full.x, logY ? positiveOrNaN(full.y) : full.y, logY ? positiveOrNaN(full.hi) : full.hi,
                decimationBuckets(), logX);
        if (keep.length < full.x.length) {
            it = new Item(full.kind, full.name, Decimate.pick(full.x, keep), Decimate.pick(full.y, keep),
                    Decimate.pick(full.hi, keep), null);
            it.colour = full.colour;
        }
        if (zeroWidth(it)) {
            return false; // a band of zero width shows nothing
        }
        boolean first = true;
        int i = 0;
        int n = it.x.length;
        while (i < n) {
            while (i < n && !bandValid(it, i)) {
                i++;
            }
            int start = i;
            while (i < n && bandValid(it, i)) {
                i++;
            }
            int end = i;
            if (end - start < 1) {
                continue;
            }
            double[] px = new double[2 * (end - start)];
            double[] py = new double[px.length];
            int m = 0;
            for (int j = start; j < end; j++) {
                px[m] = it.x[j];
                py[m++] = Math.max(it.y[j], it.hi[j]);
                include(bounds, it.x[j], Math.max(it.y[j], it.hi[j]));
            }
            for (int j = end - 1; j >= start; j--) {
                px[m] = it.x[j];
                py[m++] = Math.min(it.y[j], it.hi[j]);
                include(bounds, it.x[j], Math.min(it.y[j], it.hi[j]));
            }
            boolean show = legend && first;
            String key = show ? it.name : "\u200b" + (helperCount[0]++) + " band " + it.name;
            XYSeries s = chart.addSeries(key, px, py);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(fill);
            s.setLineColor(ChartFiles.translucent(fill, 0));
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE); // no invisible outline
            s.setLineWidth(0.0f);
            s.setLineStyle(SeriesLines.NONE); // no outline: XChart then draws none (an invisible one costs as much as a line)
            s.setShowInLegend(show);
            first = false;
        }
        return !first;
    }

    private boolean zeroWidth(Item it) {
        for (int i = 0; i < it.x.length; i++) {
            if (bandValid(it, i) && it.y[i] != it.hi[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean bandValid(Item it, int i) {
        return valid(it.x[i], logX) && valid(it.y[i], logY) && valid(it.hi[i], logY);
    }

    private void assignColours() {
        int next = 0;
        for (Item it : items) {
            if (it.fixedColour >= 0) {
                it.colour = it.fixedColour;
            } else if (it.kind != Kind.BAND && it.kind != Kind.LABELLED) {
                it.colour = next++;
            }
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.kind != Kind.BAND || it.fixedColour >= 0) {
                continue;
            }
            int c = -1;
            for (Item other : items) {
                if (other.kind != Kind.BAND && other.name.equals(it.name)) {
                    c = other.colour;
                }
            }
            for (int j = i - 1; j >= 0 && c < 0; j--) {
                if (items.get(j).kind != Kind.BAND && items.get(j).kind != Kind.LABELLED) {
                    c = items.get(j).colour;
                }
            }
            for (int j = i + 1; j < items.size() && c < 0; j++) {
                if (items.get(j).kind != Kind.BAND && items.get(j).kind != Kind.LABELLED) {
                    c = items.get(j).colour;
                }
            }
            it.colour = c < 0 ? next++ : c;
        }
    }
}
