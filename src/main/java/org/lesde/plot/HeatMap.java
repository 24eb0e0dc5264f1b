package org.lesde.plot;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
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
 * <p>Cells whose value is NaN or infinite are left blank. Without {@link #range} the colour scale
 * spans the finite values.
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
            return ChartFiles.write(this::build, options.formats().size(), dir, basename, options);
        } finally {
            width = w0;
            height = h0;
        }
    }

    HeatMapChart build() {
        if (values == null) {
            throw new BadInputException("heat map '" + title + "': no values given");
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        HeatMapStyler s = chart.getStyler();
        ChartFiles.applyCommonStyle(s);
        s.setAxisTitleFont(ChartFiles.AXIS_TITLE);
        s.setAxisTickLabelsFont(ChartFiles.TICKS);
        s.setLegendPosition(LegendPosition.OutsideE);
        s.setPlotGridLinesVisible(false);
        s.setRangeColors(diverging ? DIVERGING : SEQUENTIAL);
        s.setDrawBorder(true);
        s.setShowValue(showValues && rows * cols <= 400);
        s.setValueFont(new Font(ChartFiles.FONT, Font.PLAIN, rows <= 8 ? 15 : 11));
        s.setValueFontColor(Color.BLACK);
        s.setHeatMapValueDecimalPattern(valuePattern);
        s.setGradientColorColumnHeight(Math.max(100, height - 260));
        s.setToolTipsEnabled(false);

        double lo = min;
        double hi = max;
        if (Double.isNaN(lo)) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (!Double.isFinite(lo)) {
                lo = 0;
                hi = 1;
            } else if (!(hi > lo)) {
                lo -= 0.5;
                hi += 0.5;
            }
        }
        s.setMin(lo);
        s.setMax(hi);

        List<String> xs = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            xs.add(colLabels != null && c < colLabels.length ? colLabels[c] : String.valueOf(c));
        }
        List<String> ys = new ArrayList<>();
        for (int r = rows - 1; r >= 0; r--) {
            ys.add(rowLabels != null && r < rowLabels.length ? rowLabels[r] : String.valueOf(r));
        }
        List<Number[]> heat = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r * cols + c];
                if (Double.isFinite(v)) {
                    heat.add(new Number[] {c, rows - 1 - r, Math.max(lo, Math.min(hi, v))});
                }
            }
        }
        if (heat.isEmpty()) {
            // nothing finite to show (e.g. coincident class means: every cosine undefined): XChart
            // needs a point, so the cells are drawn at the bottom of the scale and the title says so
            chart.setTitle((title.isEmpty() ? "" : title + " ") + "(undefined: no finite values)");
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    heat.add(new Number[] {c, rows - 1 - r, lo});
                }
            }
        }
        chart.addSeries(title.isEmpty() ? "values" : title, xs, ys, heat);
        return chart;
    }
}
