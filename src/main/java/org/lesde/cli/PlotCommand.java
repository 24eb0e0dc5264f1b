package org.lesde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.lesde.Require;
import org.lesde.io.AtomicOutput;
import org.lesde.plot.PlotOptions;
import org.lesde.report.OutputFigures;
import org.lesde.sim.EnsembleRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lesde plot DIR}: redraws every figure of an output folder from its CSV and JSON files. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Redraw the figures of an output folder from its files.",
            "DIR is the output folder of simulate, fit, sweep (or merge), convergence or check; its kind is read from "
                + "its .lesde-output marker. Every figure is drawn again from the folder's CSV and JSON files alone, "
                + "in the formats of --plots (at --width, --height, --dpi), and each figure file is replaced "
                + "atomically; figure files of other formats are kept. A check folder holds no figure. "
                + "See docs/figures.md."})
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The output folder.")
    Path dir;

    @Mixin
    PlotMixin plotMixin;

    @Option(names = "--threads", paramLabel = "T", description = "Figures drawn in parallel on T threads, 0 = all cores "
            + "(default 0); the files are the same for any count.")
    int threads;

    @Override
    public Integer call() {
        PlotOptions plots = plotMixin.options();
        Require.atLeast("--threads", threads, 0);
        AtomicOutput.Kind kind = OutputFigures.kindOf(dir, "DIR");
        PrintWriter pw = spec.commandLine().getOut();
        String none = OutputFigures.whyNone(kind);
        List<Path> files = OutputFigures.redraw(kind, dir, plots, EnsembleRunner.threads(threads));
        if (none != null) {
            pw.printf("%s is a %s folder: %s; nothing written%n", dir, kind.key(), none);
            pw.flush();
            return Main.OK;
        }
        Set<String> figures = new LinkedHashSet<>();
        Set<String> formats = new TreeSet<>();
        for (Path f : files) {
            String n = f.toString();
            int dot = n.lastIndexOf('.');
            figures.add(n.substring(0, dot));
            formats.add(n.substring(dot + 1));
        }
        if (files.isEmpty()) {
            pw.printf("%s: no figure written (%s)%n", dir, plots.none() ? "--plots none"
                    : kind == AtomicOutput.Kind.SWEEP ? "a sweep shard holds only some cells: merge the shards, then plot the merged folder"
                    : "nothing to draw in this folder");
        } else {
            pw.printf("redrew %d figures (%d files: %s) of the %s folder %s%n", figures.size(), files.size(),
                    String.join(", ", formats), kind.key(), dir);
        }
        pw.flush();
        return Main.OK;
    }
}
