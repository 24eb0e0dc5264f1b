package org.lesde.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.plot.PlotOptions;
import org.lesde.sim.Simulation;

/**
 * The band of etf_alignment over the stored sample paths keeps within its budget of alignments
 * ({@link SimulationPlots#PATH_BAND_BUDGET}): every output time at small K, evenly spaced times
 * with the first and the last at large K, none when fewer than two fit.
 */
class PathBandTest {
    @TempDir
    Path tmp;

    private static int[] rows(int classes, int dim, int rows) {
        return SimulationPlots.pathBandRows(classes, dim, Simulation.DEFAULT_SAMPLE_PATHS, rows, SimulationPlots.PATH_BAND_BUDGET);
    }

    @Test
    void everyTimeUpToKOfAHundredFewerBeyondNoneAtAThousand() {
        int[] all = new int[241];
        Arrays.setAll(all, i -> i);
        assertArrayEquals(all, rows(3, 3, 241), "K = p = 3, the default model");
        assertEquals(101, rows(100, 100, 101).length, "K = p = 100, 101 output times");
        int[] k300 = rows(300, 300, 51);
        assertEquals(11, k300.length, "K = p = 300: 3e9 / (5 paths x (300^2 * 300 + 300^3))");
        assertEquals(0, k300[0]);
        assertEquals(50, k300[k300.length - 1]);
        assertEquals(0, rows(1000, 1000, 51).length, "K = p = 1000: one alignment per path would not fit");
    }

    @Test
    void theRowsChosenAreDistinctIncreasingAndSpanTheRun() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 20_000; trial++) {
            int rows = 1 + rnd.nextInt(500);
            int fit = rnd.nextInt(rows + 3);
            // a budget for exactly `fit` alignments at K = p = 2 (2^2 * 2 + 2^3 = 16 multiply-adds each), one path
            int[] r = SimulationPlots.pathBandRows(2, 2, 1, rows, 16.0 * fit + 8);
            if (fit >= rows) {
                assertEquals(rows, r.length);
            } else if (fit < 2) {
                assertEquals(0, r.length, "rows " + rows + ", fit " + fit);
            } else {
                assertEquals(fit, r.length, "rows " + rows + ", fit " + fit);
                assertEquals(0, r[0]);
                assertEquals(rows - 1, r[r.length - 1]);
                for (int j = 1; j < r.length; j++) {
                    assertTrue(r[j] > r[j - 1], "rows " + rows + ", fit " + fit + ": " + Arrays.toString(r));
                }
            }
        }
    }

    @Test
    void aSmallerBudgetDrawsTheBandAtFewerTimesOrWithout() throws IOException {
        String y = Files.readString(Path.of("models", "default.yaml")).replace("paths: 1000", "paths: 40")
                .replace("outputs: 240", "outputs: 24");
        Path mf = tmp.resolve("m.yaml");
        Files.writeString(mf, y);
        LeModel m = ModelFile.read(mf);
        Simulation.Result r = Simulation.run(m, Monitoring.config());
        byte[][] png = new byte[3][];
        double per = 3 * 3 * 3 + 3 * 3 * 3;
        double[] budgets = {SimulationPlots.PATH_BAND_BUDGET, per * Simulation.DEFAULT_SAMPLE_PATHS * 6, 0};
        for (int i = 0; i < budgets.length; i++) {
            Path dir = Files.createDirectories(tmp.resolve("b" + i));
            SimulationFolder f = SimulationFolder.of(dir, r, Monitoring.metrics(r), Comparison.table(r));
            List<Path> files = SimulationPlots.etfAlignment(f, dir, PlotOptions.DEFAULT, 2, budgets[i]);
            assertEquals(List.of(dir.resolve("etf_alignment.png"), dir.resolve("etf_alignment.svg")), files);
            png[i] = Files.readAllBytes(files.get(0));
        }
        assertFalse(Arrays.equals(png[0], png[1]), "the band at 6 of 25 times looks like the band at every time");
        assertFalse(Arrays.equals(png[1], png[2]), "no band looks like the band at 6 times");
        assertFalse(Arrays.equals(png[0], png[2]), "no band looks like the full band");
    }
}
