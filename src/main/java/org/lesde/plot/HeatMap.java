package org.lesde.plot;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.awt.BasicStroke;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.lesde.BadInputException;

/**
 * A heat map of a rows x cols matrix with a colour scale, written as PNG and SVG; row 0 is drawn
 * at the top, as a matrix is printed.
 *
 * <pre>{@code
 * HeatMap.titled("Cosines between centred class means, t = 10")
 *     .values(cos, K, K).labels(classNames).diverging(-1, 1).showValues()
 *     .write(out.dir(), "mean_cosines");
 * }</pre>
 *
 * <p>Cells whose value is NaN or infinite are drawn hatched grey, and the legend names them
 * ({@link #nanMeaning}, e.g. "threshold never reached"). Without {@link #range} the colour scale
 * spans the finite values; the colour bar's ticks are round numbers ({@link Ticks}). Lines can
 * mark a position between cells ({@link #markColumn}, {@link #markRow}, e.g. a theoretical
 * threshold), each with a legend entry, and {@link #note} adds a line of text under the map.
 * The map is drawn by lesde itself (XChart's heat map cannot mark cells, show missing cells or
 * round its colour bar) as an XChart {@code Chart}, so it is written like any chart.
 */
public final class HeatMap {
    static {
        ChartFiles.init(); // headless before any AWT class loads
    }

    private static final Color[] SEQUENTIAL = {
        new Color(255, 255, 217), new Color(199, 233, 180), new Color(65, 182, 196),
        new Color(34, 94, 168), new Color(8, 29, 88),
    };
    private static final Color[] DIVERGING = {
        new Color(33, 102, 172), new Color(146, 197, 222), new Color(247, 247, 247),
        new Color(244, 165, 130), new Color(178, 24, 43),
    };

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private double[] values;
    private int rows;
    private int cols;
    private String[] rowLabels;
    private String[] colLabels;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private boolean diverging;
    private boolean showValues;
    private String valuePattern = "0.00";
    private int width = 800;
    private int height = 700;
    private String nanMeaning = "no value";
    private final List<Mark> marks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A dashed line at {@code pos} (cell index units, cell i centred at i) across cells from..to. */
    private record Mark(boolean column, double pos, int from, int to, String label) {
    }

    private HeatMap(String title) {
        this.title = title == null ? "" : title;
    }

    /** A new heat map with this title. */
    public static HeatMap titled(String title) {
        return new HeatMap(title);
    }

    /** The x-axis (column) title. */
    public HeatMap xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** The y-axis (row) title. */
    public HeatMap yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** The matrix, row-major: {@code m[r * cols + c]}. */
    public HeatMap values(double[] m, int rows, int cols) {
        if (rows < 1 || cols < 1 || m == null || m.length != rows * cols) {
            throw new BadInputException("heat map '" + title + "': values must hold rows*cols = " + rows + "*" + cols
                    + " entries, got " + (m == null ? "null" : String.valueOf(m.length)));
        }
        this.values = m.clone();
        this.rows = rows;
        this.cols = cols;
        return this;
    }

    /** The matrix as rows (must be rectangular). */
    public HeatMap values(double[][] m) {
        if (m == null || m.length == 0) {
            throw new BadInputException("heat map '" + title + "': values must have at least one row");
        }
        int c = m[0].length;
        double[] flat = new double[m.length * c];
        for (int r = 0; r < m.length; r++) {
            if (m[r].length != c) {
                throw new BadInputException("heat map '" + title + "': row " + r + " has " + m[r].length + " entries, expected " + c);
            }
            System.arraycopy(m[r], 0, flat, r * c, c);
        }
        return values(flat, m.length, c);
    }

    /** Tick labels of both rows and columns (square matrices, e.g. class names). */
    public HeatMap labels(String[] labels) {
        return labels(labels, labels);
    }

    /** Tick labels of rows and of columns. */
    public HeatMap labels(String[] rowLabels, String[] colLabels) {
        this.rowLabels = rowLabels == null ? null : rowLabels.clone();
        this.colLabels = colLabels == null ? null : colLabels.clone();
        return this;
    }

    /** Fixes the colour scale to [min, max] (values outside are clamped to the end colours). */
    public HeatMap range(double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new BadInputException("heat map '" + title + "': range must be finite with min < max, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        return this;
    }

    /** A blue-white-red colour scale over [min, max] (white at the middle), e.g. (-1, 1) for cosines. */
    public HeatMap diverging(double min, double max) {
        range(min, max);
        this.diverging = true;
        return this;
    }

    /** Prints each cell's value (2 decimals) in the cell. */
    public HeatMap showValues() {
        this.showValues = true;
        return this;
    }

    /** Prints each cell's value with this {@link java.text.DecimalFormat} pattern. */
    public HeatMap showValues(String decimalPattern) {
        this.showValues = true;
        this.valuePattern = decimalPattern;
        return this;
    }

    /** What a NaN (or infinite) cell means, for the legend (default "no value"). */
    public HeatMap nanMeaning(String meaning) {
        this.nanMeaning = meaning == null || meaning.isBlank() ? "no value" : meaning;
        return this;
    }

    /**
     * A thick dashed line at column position {@code pos} (column j is centred at j, so 1.5 is
     * the border of columns 1 and 2) over rows {@code fromRow..toRow} (inclusive, row 0 at the
     * top), with a legend entry {@code label}.
     */
    public HeatMap markColumn(double pos, int fromRow, int toRow, String label) {
        marks.add(new Mark(true, pos, Math.min(fromRow, toRow), Math.max(fromRow, toRow), label));
        return this;
    }

    /** A thick dashed line at row position {@code pos} over columns {@code fromCol..toCol}, with a legend entry. */
    public HeatMap markRow(double pos, int fromCol, int toCol, String label) {
        marks.add(new Mark(false, pos, Math.min(fromCol, toCol), Math.max(fromCol, toCol), label));
        return this;
    }

    /** A line of text under the map (e.g. what the map's cells are, or a fixed parameter). */
    public HeatMap note(String text) {
        if (text != null && !text.isBlank()) {
            notes.add(text);
        }
        return this;
    }

    /** Image size in pixels (default 800 x 700). */
    public HeatMap size(int widthPx, int heightPx) {
        if (widthPx < 200 || heightPx < 150 || widthPx > 10000 || heightPx > 10000) {
            throw new BadInputException("chart size must be within 200x150 .. 10000x10000, got " + widthPx + "x" + heightPx);
        }
        this.width = widthPx;
        this.height = heightPx;
        return this;
    }

    /** Renders and writes {@code basename.png} and {@code basename.svg} into {@code dir}; returns both paths. */
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

    Chart<?, ?> build() {
        if (values == null) {
            throw new BadInputException("heat map '" + title + "': no values given");
        }
        double lo = min;
        double hi = max;
        boolean anyFinite = false;
        boolean anyNaN = false;
        double dlo = Double.POSITIVE_INFINITY;
        double dhi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                anyFinite = true;
                dlo = Math.min(dlo, v);
                dhi = Math.max(dhi, v);
            } else {
                anyNaN = true;
            }
        }
        if (Double.isNaN(lo)) {
            if (!anyFinite) {
                lo = 0;
                hi = 1;
            } else if (!(dhi > dlo)) {
                double pad = dlo == 0 ? 0.5 : Math.abs(dlo) * 0.05;
                lo = dlo - pad;
                hi = dhi + pad;
            } else {
                lo = dlo;
                hi = dhi;
            }
        }
        String shownTitle = anyFinite ? title : (title.isEmpty() ? "" : title + " ") + "(undefined: no finite values)";
        return new Drawn(this, shownTitle, lo, hi, anyNaN, width, height);
    }

    /** The colour of value v on the scale [lo, hi]. */
    Color colourOf(double v, double lo, double hi) {
        Color[] stops = diverging ? DIVERGING : SEQUENTIAL;
        double f = hi > lo ? (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo) : 0.5;
        double x = f * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double u = x - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color((int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }

    private static final Color NAN_FILL = new Color(205, 205, 205);
    private static final Color NAN_HATCH = new Color(150, 150, 150);
    private static final Color MARK = new Color(20, 20, 20);
    private static final BasicStroke MARK_STROKE = new BasicStroke(4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {10f, 6f}, 0f);

    /** The heat map as an XChart chart: painted here, written by the encoders like any chart. */
    private static final class Drawn extends Chart<HeatMapStyler, HeatMapSeries> {
        private final HeatMap m;
        private final String shownTitle;
        private final double lo;
        private final double hi;
        private final boolean anyNaN;

        Drawn(HeatMap m, String shownTitle, double lo, double hi, boolean anyNaN, int w, int h) {
            super(w, h, new HeatMapStyler());
            this.m = m;
            this.shownTitle = shownTitle;
            this.lo = lo;
            this.hi = hi;
            this.anyNaN = anyNaN;
        }

        @Override
        public void paint(Graphics2D g, int w, int h) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, w, h));
            int rows = m.rows;
            int cols = m.cols;
            String[] rl = new String[rows];
            String[] cl = new String[cols];
            for (int r = 0; r < rows; r++) {
                rl[r] = m.rowLabels != null && r < m.rowLabels.length ? m.rowLabels[r] : String.valueOf(r);
            }
            for (int c = 0; c < cols; c++) {
                cl[c] = m.colLabels != null && c < m.colLabels.length ? m.colLabels[c] : String.valueOf(c);
            }
            // legend entries under the map
            List<String> legend = new ArrayList<>();
            List<Integer> kinds = new ArrayList<>(); // 0 = NaN swatch, 1 = mark line
            if (anyNaN) {
                legend.add("NaN: " + m.nanMeaning);
                kinds.add(0);
            }
            for (Mark k : m.marks) {
                legend.add(k.label());
                kinds.add(1);
            }
            FontMetrics tf = g.getFontMetrics(ChartFiles.TITLE);
            FontMetrics af = g.getFontMetrics(ChartFiles.AXIS_TITLE);
            FontMetrics kf = g.getFontMetrics(ChartFiles.TICKS);
            FontMetrics lf = g.getFontMetrics(ChartFiles.LEGEND);
            double pad = 12;
            double top = pad + (shownTitle.isEmpty() ? 0 : tf.getHeight() + 8);
            int rlw = 0;
            for (String s : rl) {
                rlw = Math.max(rlw, kf.stringWidth(s));
            }
            // colour bar labels
            List<Double> ticks = barTicks(lo, hi);
            int blw = 0;
            for (double t : ticks) {
                blw = Math.max(blw, kf.stringWidth(label(t, ticks)));
            }
            double barW = 22;
            double right = w - pad - blw - 8 - barW - 18;
            double left = pad + (m.yLabel.isEmpty() ? 0 : af.getHeight() + 6) + rlw + 8;
            double bottomText = pad + notesHeight(lf, w) + legend.size() * (lf.getHeight() + 4)
                    + (m.xLabel.isEmpty() ? 0 : af.getHeight() + 6) + kf.getHeight() + 6;
            double bottom = h - bottomText;
            double pw = Math.max(10, right - left);
            double ph = Math.max(10, bottom - top);
            double cw = pw / cols;
            double ch = ph / rows;
            // title
            g.setColor(Color.BLACK);
            if (!shownTitle.isEmpty()) {
                g.setFont(ChartFiles.TITLE);
                String t = fit(shownTitle, tf, w - 2 * pad);
                ChartFiles.text(g, t, (float) ((w - tf.stringWidth(t)) / 2.0), (float) (pad + tf.getAscent()));
            }
            // cells
            java.awt.Font valueFont = new java.awt.Font(ChartFiles.FONT, java.awt.Font.PLAIN, rows <= 8 && cols <= 8 ? 15 : 11);
            FontMetrics vf = g.getFontMetrics(valueFont);
            java.text.DecimalFormat df = new java.text.DecimalFormat(m.valuePattern,
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
            boolean values = m.showValues && rows * cols <= 400;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = m.values[r * cols + c];
                    Rectangle2D cell = new Rectangle2D.Double(left + c * cw, top + r * ch, cw, ch);
                    if (Double.isFinite(v)) {
                        Color col = m.colourOf(v, lo, hi);
                        g.setColor(col);
                        g.fill(cell);
                        if (values) {
                            g.setFont(valueFont);
                            g.setColor(luminance(col) < 0.45 ? Color.WHITE : Color.BLACK);
                            String s = df.format(v).replace('-', '−');
                            if (vf.stringWidth(s) < cw - 2) {
                                ChartFiles.text(g, s, (float) (cell.getCenterX() - vf.stringWidth(s) / 2.0),
                                        (float) (cell.getCenterY() + vf.getAscent() / 2.0 - 2));
                            }
                        }
                    } else {
                        hatch(g, cell);
                        if (values) {
                            g.setFont(valueFont);
                            g.setColor(new Color(70, 70, 70));
                            String s = "NaN";
                            if (vf.stringWidth(s) < cw - 2) {
                                ChartFiles.text(g, s, (float) (cell.getCenterX() - vf.stringWidth(s) / 2.0),
                                        (float) (cell.getCenterY() + vf.getAscent() / 2.0 - 2));
                            }
                        }
                    }
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke(1f));
                    g.draw(cell);
                }
            }
            g.setColor(new Color(120, 120, 120));
            g.draw(new Rectangle2D.Double(left, top, pw, ph));
            // marks
            for (Mark k : m.marks) {
                Line2D line;
                if (k.column()) {
                    double x = left + (k.pos() + 0.5) * cw;
                    double over = 0.12 * ch;
                    line = new Line2D.Double(x, Math.max(top, top + k.from() * ch - over), x, Math.min(bottom, top + (k.to() + 1) * ch + over));
                } else {
                    double y = top + (k.pos() + 0.5) * ch;
                    double over = 0.12 * cw;
                    line = new Line2D.Double(Math.max(left, left + k.from() * cw - over), y, Math.min(right, left + (k.to() + 1) * cw + over), y);
                }
                g.setColor(Color.WHITE); // a halo, so that the line shows on dark and light cells alike
                g.setStroke(new BasicStroke(8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                g.draw(line);
                g.setColor(MARK);
                g.setStroke(MARK_STROKE);
                g.draw(line);
            }
            g.setStroke(new BasicStroke(1f));
            // tick labels
            g.setColor(Color.BLACK);
            g.setFont(ChartFiles.TICKS);
            for (int r = 0; r < rows; r++) {
                if (ch >= kf.getHeight() * 0.9 || r % Math.max(1, (int) Math.ceil(kf.getHeight() / ch)) == 0) {
                    ChartFiles.text(g, rl[r], (float) (left - 6 - kf.stringWidth(rl[r])), (float) (top + (r + 0.5) * ch + kf.getAscent() / 2.0 - 2));
                }
            }
            int colEvery = 1;
            int clw = 0;
            for (String s : cl) {
                clw = Math.max(clw, kf.stringWidth(s));
            }
            while (colEvery * cw < clw + 6 && colEvery < cols) {
                colEvery++;
            }
            double yl = bottom + 4 + kf.getAscent();
            for (int c = 0; c < cols; c += colEvery) {
                ChartFiles.text(g, cl[c], (float) (left + (c + 0.5) * cw - kf.stringWidth(cl[c]) / 2.0), (float) yl);
            }
            double y = bottom + kf.getHeight() + 6;
            if (!m.xLabel.isEmpty()) {
                g.setFont(ChartFiles.AXIS_TITLE);
                String t = fit(m.xLabel, af, pw + left - pad);
                ChartFiles.text(g, t, (float) (left + pw / 2 - af.stringWidth(t) / 2.0), (float) (y + af.getAscent()));
                y += af.getHeight() + 6;
            }
            if (!m.yLabel.isEmpty()) {
                g.setFont(ChartFiles.AXIS_TITLE);
                String t = fit(m.yLabel, af, ph);
                AffineTransform at = g.getTransform();
                g.translate(pad + af.getAscent(), top + ph / 2 + af.stringWidth(t) / 2.0);
                g.rotate(-Math.PI / 2);
                ChartFiles.text(g, t, 0f, 0f);
                g.setTransform(at);
            }
            // colour bar
            double bx = right + 18;
            double by0 = top + 6;
            double by1 = Math.max(by0 + 40, Math.min(bottom, top + Math.max(160, ph * 0.85)));
            int strips = 64;
            for (int i = 0; i < strips; i++) {
                double f0 = i / (double) strips;
                g.setColor(m.colourOf(lo + (hi - lo) * (f0 + 0.5 / strips), lo, hi));
                g.fill(new Rectangle2D.Double(bx, by1 - (f0 + 1.0 / strips) * (by1 - by0) - 0.5, barW, (by1 - by0) / strips + 1));
            }
            g.setColor(new Color(120, 120, 120));
            g.draw(new Rectangle2D.Double(bx, by0, barW, by1 - by0));
            g.setFont(ChartFiles.TICKS);
            for (double t : ticks) {
                double ty = by1 - (t - lo) / (hi - lo) * (by1 - by0);
                g.setColor(new Color(60, 60, 60));
                g.draw(new Line2D.Double(bx + barW, ty, bx + barW + 4, ty));
                g.setColor(Color.BLACK);
                ChartFiles.text(g, label(t, ticks), (float) (bx + barW + 7), (float) (ty + kf.getAscent() / 2.0 - 2));
            }
            // legend entries and notes
            g.setFont(ChartFiles.LEGEND);
            for (int i = 0; i < legend.size(); i++) {
                double ly = y + i * (lf.getHeight() + 4);
                if (kinds.get(i) == 0) {
                    hatch(g, new Rectangle2D.Double(left, ly + 2, 28, lf.getHeight() - 4));
                } else {
                    g.setColor(MARK);
                    g.setStroke(MARK_STROKE);
                    g.draw(new Line2D.Double(left, ly + lf.getHeight() / 2.0, left + 28, ly + lf.getHeight() / 2.0));
                    g.setStroke(new BasicStroke(1f));
                }
                g.setColor(Color.BLACK);
                ChartFiles.text(g, fit(legend.get(i), lf, w - left - 40 - pad), (float) (left + 36), (float) (ly + lf.getAscent()));
            }
            y += legend.size() * (lf.getHeight() + 4);
            for (String n : wrap(m.notes, lf, w - 2 * pad)) {
                g.setColor(new Color(50, 50, 50));
                ChartFiles.text(g, n, (float) pad, (float) (y + lf.getAscent()));
                y += lf.getHeight() + 2;
            }
        }

        private double notesHeight(FontMetrics lf, int w) {
            return wrap(m.notes, lf, w - 24).size() * (lf.getHeight() + 2.0);
        }

        private String label(double t, List<Double> ticks) {
            double a = Math.max(Math.abs(ticks.get(0)), Math.abs(ticks.get(ticks.size() - 1)));
            double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : Math.abs(t);
            return Ticks.linear(t, -a, a, step);
        }

        @Override
        public HeatMapStyler getStyler() {
            return styler;
        }
    }

    /** Round ticks inside [lo, hi] (about 5), always including both ends when no round value is near them. */
    static List<Double> barTicks(double lo, double hi) {
        List<Double> t = new ArrayList<>();
        if (!(hi > lo)) {
            t.add(lo);
            return t;
        }
        double raw = (hi - lo) / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + step * 1e-9; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        if (t.isEmpty()) {
            t.add(lo);
            t.add(hi);
        }
        return t;
    }

    private static void hatch(Graphics2D g, Rectangle2D cell) {
        g.setColor(NAN_FILL);
        g.fill(cell);
        java.awt.Shape clip = g.getClip();
        g.clip(cell);
        g.setColor(NAN_HATCH);
        g.setStroke(new BasicStroke(1.2f));
        double s = 9;
        for (double d = -cell.getHeight(); d < cell.getWidth(); d += s) {
            g.draw(new Line2D.Double(cell.getX() + d, cell.getMaxY(), cell.getX() + d + cell.getHeight(), cell.getY()));
        }
        g.setClip(clip);
        g.setStroke(new BasicStroke(1f));
    }

    private static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    }

    private static String fit(String s, FontMetrics f, double w) {
        if (f.stringWidth(s) <= w) {
            return s;
        }
        String t = s;
        while (t.length() > 4 && f.stringWidth(t + "…") > w) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private static List<String> wrap(List<String> notes, FontMetrics f, double w) {
        List<String> out = new ArrayList<>();
        for (String n : notes) {
            StringBuilder line = new StringBuilder();
            for (String word : n.split(" ")) {
                if (line.length() > 0 && f.stringWidth(line + " " + word) > w) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            if (line.length() > 0) {
                out.add(line.toString());
            }
        }
        return out;
    }
}
