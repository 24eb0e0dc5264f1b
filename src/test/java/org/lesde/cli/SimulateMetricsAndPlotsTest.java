package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.monitor.MetricsRow;
import org.lesde.report.SimulationPlots;

/** {@code simulate} writes metrics.csv (its catalogue columns) and every plot as PNG and SVG. */
class SimulateMetricsAndPlotsTest {
    @TempDir
    Path tmp;

    static void assertPlots(Path dir, int classes) throws IOException {
        for (String name : SimulationPlots.names(classes)) {
            Path png = dir.resolve(name + ".png");
            Path svg = dir.resolve(name + ".svg");
            assertTrue(Files.size(png) > 5000, name + ".png is too small");
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, name + ".png does not decode");
            assertTrue(img.getWidth() >= 800 && img.getHeight() >= 600, name + ".png is " + img.getWidth() + "x" + img.getHeight());
            assertTrue(Files.size(svg) > 5000, name + ".svg is too small");
            String text = Files.readString(svg, StandardCharsets.UTF_8);
            assertTrue(text.contains("<svg") && text.trim().endsWith("</svg>"), name + ".svg is not a complete SVG");
        }
    }

    @Test
    void simulateWritesMetricsCsvAndAllPlots() throws IOException {
        Path out = tmp.resolve("default");
        Cli.Result r = Cli.run("simulate", "models/default.yaml", "--out", out.toString(),
                "--paths", "64", "--quiet");
        assertEquals(0, r.code(), r.err());

        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("t,source,nc1,nc2_equinorm,nc2_equiangularity,nc2_etf_distance,nc3,nc4,residual_cos_mean,"
                + "sep_prob_min,sep_prob_mean,vertex_cos_min,vertex_cos_median,vertex_cos_max,pair_cos_q05,pair_cos_q50,"
                + "pair_cos_q95", lines.get(0));
        assertEquals(String.join(",", MetricsRow.HEADER), lines.get(0));
        int cols = MetricsRow.HEADER.size();
        Map<String, Integer> count = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            assertEquals(cols, c.length, line);
            count.merge(c[1], 1, Integer::sum);
            Double.parseDouble(c[0]);
            if (c[1].equals("ode")) {
                // class means only: no within-class spread, no paths to separate
                for (String col : List.of("nc1", "nc4", "sep_prob_min", "sep_prob_mean")) {
                    assertEquals("", c[MetricsRow.HEADER.indexOf(col)], col + " in " + line);
                }
                for (String col : List.of("nc2_equinorm", "nc2_equiangularity", "nc2_etf_distance", "nc3", "residual_cos_mean")) {
                    Double.parseDouble(c[MetricsRow.HEADER.indexOf(col)]);
                }
            } else {
                assertTrue(c[1].equals("sde") || c[1].equals("sgd"), line);
                for (int i = 2; i < cols; i++) {
                    Double.parseDouble(c[i]); // every metric defined for default (p = K)
                }
                double min = Double.parseDouble(c[MetricsRow.HEADER.indexOf("sep_prob_min")]);
                double mean = Double.parseDouble(c[MetricsRow.HEADER.indexOf("sep_prob_mean")]);
                assertTrue(0 <= min && min <= mean && mean <= 1, line);
            }
        }
        // time.outputs = 240: 241 rows per source (sgd: min(outputs, iterations) + 1)
        assertEquals(Map.of("ode", 241, "sde", 241, "sgd", 241), count);
        assertPlots(out, 3);
    }
}
