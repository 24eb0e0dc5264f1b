package org.lesde.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lesde.plot.PlotOptions;
import org.lesde.report.SimulationFolder;
import org.lesde.report.SimulationPlots;

/**
 * What is cold in one figure only: in a fresh JVM, every other figure of a {@code simulate} folder
 * is drawn twice (PNG and SVG, one thread), then FIGURE four times; the first of the four against
 * the others is what the figure's own code paths cost the first time (docs/performance.md,
 * "Figures off the critical path"). Prints the four wall times in milliseconds:
 *
 * <pre>java -cp target/lesde.jar:target/test-classes org.lesde.bench.FirstDrawCost DIR FIGURE</pre>
 *
 * FIGURE is one of trajectories, ode_vs_sde, etf_alignment, etf_plane, nc_metrics, separability,
 * cosines, class_average; DIR a folder written by {@code lesde simulate} (K = 3 for etf_plane).
 */
public final class FirstDrawCost {
    private FirstDrawCost() {
    }

    private interface Figure {
        List<Path> draw(SimulationFolder f, Path dir, PlotOptions o);
    }

    public static void main(String[] args) throws Exception {
        SimulationFolder f = SimulationFolder.read(Path.of(args[0]), 1);
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put("trajectories", SimulationPlots::trajectories);
        figures.put("ode_vs_sde", SimulationPlots::odeVsSde);
        figures.put("etf_alignment", SimulationPlots::etfAlignment);
        figures.put("etf_plane", SimulationPlots::etfPlane);
        figures.put("nc_metrics", SimulationPlots::ncMetrics);
        figures.put("separability", SimulationPlots::separability);
        figures.put("cosines", SimulationPlots::cosines);
        figures.put("class_average", SimulationPlots::classAverage);
        Figure x = figures.get(args[1]);
        if (x == null) {
            System.err.println("FirstDrawCost: unknown figure '" + args[1] + "', one of " + figures.keySet());
            System.exit(2);
        }
        Path out = Files.createTempDirectory("lesde-first-draw");
        try {
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, Figure> e : figures.entrySet()) {
                    if (!e.getKey().equals(args[1])) {
                        e.getValue().draw(f, out, PlotOptions.DEFAULT);
                    }
                }
            }
            StringBuilder line = new StringBuilder(args[1] + " ms:");
            for (int i = 0; i < 4; i++) {
                long t0 = System.nanoTime();
                x.draw(f, out, PlotOptions.DEFAULT);
                line.append(String.format(" %.0f", (System.nanoTime() - t0) / 1e6));
            }
            System.out.println(line + " (first, then three more)");
        } finally {
            try (var files = Files.walk(out)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
