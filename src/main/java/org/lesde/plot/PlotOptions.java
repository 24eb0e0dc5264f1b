package org.lesde.plot;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.lesde.BadInputException;
import org.lesde.Require;

/**
 * What figures to write and how: the formats ({@code --plots png,svg,pdf} or {@code none}), an
 * optional size overriding each figure's own ({@code --width}, {@code --height}; 0 = the
 * figure's default) and the PNG resolution ({@code --dpi}). Every command that draws takes one.
 * {@code beforeDrawing} runs before each figure is drawn (the command line uses it to tell the JIT
 * that the figures end the process: {@code cli.FigureJit}); it must be cheap after its first run
 * and change nothing that is drawn.
 */
public record PlotOptions(Set<PlotFormat> formats, int width, int height, int dpi, Runnable beforeDrawing) {
    /** Nothing to do before drawing (declared first: the constants below use it). */
    public static final Runnable NOTHING = () -> { };
    /** Screen resolution: a PNG at 72 dpi has one pixel per point of the figure's size. */
    public static final int SCREEN_DPI = 72;
    public static final PlotOptions DEFAULT = new PlotOptions(EnumSet.of(PlotFormat.PNG, PlotFormat.SVG), 0, 0, SCREEN_DPI);
    public static final PlotOptions NONE = new PlotOptions(EnumSet.noneOf(PlotFormat.class), 0, 0, SCREEN_DPI);

    public PlotOptions(Set<PlotFormat> formats, int width, int height, int dpi) {
        this(formats, width, height, dpi, NOTHING);
    }

    public PlotOptions {
        java.util.Objects.requireNonNull(beforeDrawing, "beforeDrawing");
        formats = Collections.unmodifiableSet(formats.isEmpty() ? EnumSet.noneOf(PlotFormat.class) : EnumSet.copyOf(formats));
        if (width != 0 && (width < 200 || width > 10000)) {
            throw new BadInputException("--width must be 0 (figure default) or within 200..10000, got " + width);
        }
        if (height != 0 && (height < 150 || height > 10000)) {
            throw new BadInputException("--height must be 0 (figure default) or within 150..10000, got " + height);
        }
        if (dpi < 36 || dpi > 1200) {
            throw new BadInputException("--dpi must be within 36..1200, got " + dpi);
        }
    }

    /** Parses {@code --plots}: a comma-separated list of {@link PlotFormat} keys, or {@code none}. */
    public static Set<PlotFormat> parseFormats(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.equals("none")) {
            return EnumSet.noneOf(PlotFormat.class);
        }
        EnumSet<PlotFormat> out = EnumSet.noneOf(PlotFormat.class);
        for (String part : s.split(",", -1)) {
            String k = part.trim();
            PlotFormat f = PlotFormat.byKey(k).orElseThrow(() -> new BadInputException(
                    "--plots must be 'none' or a comma-separated list of " + PlotFormat.keys() + ", got " + Require.quoted(spec)));
            if (!out.add(f)) {
                throw new BadInputException("--plots names " + k + " twice: " + Require.quoted(spec));
            }
        }
        return out;
    }

    public PlotOptions withFormats(Set<PlotFormat> f) {
        return new PlotOptions(f, width, height, dpi, beforeDrawing);
    }

    /** The same options with {@code hook} run before each figure is drawn. */
    public PlotOptions beforeDrawing(Runnable hook) {
        return new PlotOptions(formats, width, height, dpi, hook);
    }

    /** True if no figure is to be drawn at all. */
    public boolean none() {
        return formats.isEmpty();
    }

    /** The width to draw at: the override if set, else the figure's own default. */
    public int widthOr(int figureDefault) {
        return width == 0 ? figureDefault : width;
    }

    public int heightOr(int figureDefault) {
        return height == 0 ? figureDefault : height;
    }
}
