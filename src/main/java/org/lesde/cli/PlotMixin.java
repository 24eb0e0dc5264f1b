package org.lesde.cli;

import org.lesde.BadInputException;
import org.lesde.plot.PlotFormat;
import org.lesde.plot.PlotOptions;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The figure options of every command that draws ({@code simulate}, {@code fit}, {@code sweep},
 * {@code merge}, {@code convergence}, {@code plot}): {@code --plots}, {@code --width},
 * {@code --height}, {@code --dpi}, read into one {@link PlotOptions} (which validates them).
 */
public final class PlotMixin {
    /** The formats written when {@code --plots} is not given. */
    static final String DEFAULT_FORMATS = "png,svg";

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--plots", paramLabel = "FORMATS",
            description = "Figure formats: a comma-separated list of png, svg, pdf, or none (default " + DEFAULT_FORMATS + ").")
    String plots;

    @Option(names = "--width", paramLabel = "PX",
            description = "Width of every figure in pixels (points), 200..10000; default 0: each figure's own.")
    int width;

    @Option(names = "--height", paramLabel = "PX",
            description = "Height of every figure in pixels (points), 150..10000; default 0: each figure's own.")
    int height;

    @Option(names = "--dpi", paramLabel = "D",
            description = "Resolution of the PNGs, 36..1200 (default " + PlotOptions.SCREEN_DPI + ": one pixel per point).")
    int dpi = PlotOptions.SCREEN_DPI;

    /** The options as given (one-line bad input naming the option otherwise); call before any work. */
    public PlotOptions options() {
        return options(false);
    }

    /**
     * {@link #options()} for a command that also has the old {@code --no-plots} (fit, convergence:
     * a hidden option of the command meaning {@code --plots none}).
     */
    public PlotOptions options(boolean noPlots) {
        if (noPlots && plots != null && !plots.trim().equals("none")) {
            throw new BadInputException("--no-plots contradicts --plots " + plots + " (--no-plots means --plots none)");
        }
        String spec = noPlots ? "none" : plots == null ? DEFAULT_FORMATS : plots;
        java.util.Set<PlotFormat> formats = PlotOptions.parseFormats(spec);
        PlotOptions o = new PlotOptions(formats, width, height, dpi);
        // the lesde process itself ends with its figures: they need no optimising JIT (FigureJit)
        boolean processEntry = mixee != null && mixee.root().userObject() instanceof Main m && m.processEntry;
        return processEntry ? o.beforeDrawing(FigureJit::figuresEndTheProcess) : o;
    }
}
