package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesde.BadInputException;
import org.lesde.io.CsvRow;
import org.lesde.io.Json;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.report.Comparison;
import org.lesde.report.Monitoring;
import org.lesde.report.SimulationFolder;
import org.lesde.report.SimulationWriter;
import org.lesde.sim.Simulation;

/**
 * A simulate folder read back on several threads holds what one thread reads; what simulate holds in memory
 * for its figures is what a reader of its files gets; bad files are still named.
 */
class SimulationFolderTest {
    @TempDir
    Path tmp;

    private Path folder() throws IOException {
        Path m = tmp.resolve("folder.yaml");
        Files.writeString(m, Cli.BASE.replace("name: base", "name: folder"));
        Path dir = tmp.resolve("run");
        Cli.Result r = Cli.run("simulate", m.toString(), "--out", dir.toString(), "--quiet", "--plots", "none");
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    private static void assertSameTables(Map<?, double[][]> a, Map<?, double[][]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (Object k : a.keySet()) {
            assertEquals(a.get(k).length, b.get(k).length);
            for (int i = 0; i < a.get(k).length; i++) {
                assertArrayEquals(a.get(k)[i], b.get(k)[i], 0.0, k + " row " + i);
            }
        }
    }

    @Test
    void severalThreadsReadWhatOneReads() throws IOException {
        Path dir = folder();
        SimulationFolder one = SimulationFolder.read(dir, 1);
        SimulationFolder three = SimulationFolder.read(dir, 3);
        assertArrayEquals(one.t(), three.t(), 0.0);
        for (int r = 0; r < one.t().length; r++) {
            assertArrayEquals(one.ode()[r], three.ode()[r], 0.0);
            assertArrayEquals(one.sdeMean()[r], three.sdeMean()[r], 0.0);
            assertArrayEquals(one.sdeSd()[r], three.sdeSd()[r], 0.0);
        }
        assertSameTables(one.samplePaths(), three.samplePaths());
        assertArrayEquals(one.sgdTimes(), three.sgdTimes(), 0.0);
        assertEquals(one.sgdRepeats().size(), three.sgdRepeats().size());
        assertEquals(one.metricsHeader(), three.metricsHeader());
        assertSameTables(one.metrics(), three.metrics());
        assertEquals(one.comparison().keySet(), three.comparison().keySet());
        for (String s : one.comparison().keySet()) {
            assertSameTables(one.comparison().get(s), three.comparison().get(s));
        }
        assertEquals(one.model(), three.model());
    }

    /** Bit for bit, -0.0 and NaN included (NaN payloads aside: the files hold one NaN). */
    private static void assertSameBits(double[] a, double[] b, String where) {
        assertEquals(a.length, b.length, where);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToLongBits(a[i]), Double.doubleToLongBits(b[i]), where + "[" + i + "]: " + a[i] + " vs " + b[i]);
        }
    }

    private static void assertSameRows(double[][] a, double[][] b, String where) {
        if (a == null || b == null) {
            assertEquals(a == null, b == null, where);
            return;
        }
        assertEquals(a.length, b.length, where);
        for (int i = 0; i < a.length; i++) {
            assertSameBits(a[i], b[i], where + " row " + i);
        }
    }

    private static void assertSameRows(Map<?, double[][]> a, Map<?, double[][]> b, String where) {
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()), where);
        for (Object k : a.keySet()) {
            assertSameRows(a.get(k), b.get(k), where + " " + k);
        }
    }

    /** Every model of models/ (not the sweep), and the default model with LE-SGD repeats, quantiles and K = 4. */
    static List<String> models() throws IOException {
        List<String> texts = new ArrayList<>();
        try (var files = Files.list(Path.of("models"))) {
            for (Path f : files.sorted().toList()) {
                String y = Files.readString(f);
                if (!y.contains("\ngrid:")) { // not the sweep file
                    texts.add(y);
                }
            }
        }
        String dflt = Files.readString(Path.of("models", "default.yaml"));
        texts.add(dflt.replace("sgd: {particles: 200}", "sgd: {particles: 30, repeats: 3}, quantiles: [0.1, 0.5, 0.9]"));
        texts.add(Cli.BASE.replace("classes: 3\n            dim: 3", "classes: 4\n            dim: 5").replace(
                "means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]", "random: {scale: 1.0}").replace("sgd: {particles: 4}",
                        "sgd: {particles: 0}"));
        return texts;
    }

    @ParameterizedTest
    @MethodSource("models")
    void theFolderHeldInMemoryIsTheFolderReadBack(String yaml) throws IOException {
        Path mf = tmp.resolve("m.yaml");
        Files.writeString(mf, yaml);
        LeModel m = SimulateCommand.resolve(ModelFile.read(mf), null, 48, null, null, 2);
        Simulation.Result r = Simulation.run(m, Monitoring.config());
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        List<CsvRow> comparison = Comparison.table(r);
        List<CsvRow> metrics = Monitoring.metrics(r);
        SimulationWriter.writeAll(r, dir, comparison);
        Monitoring.writeMetrics(metrics, dir.resolve("metrics.csv"));
        Json.write(dir.resolve("summary.json"), SimulateCommand.summary(r, List.of("simulate")));

        SimulationFolder read = SimulationFolder.read(dir, 2);
        SimulationFolder held = SimulationFolder.of(dir, r, metrics, comparison);
        assertEquals(read.model(), held.model());
        assertSameBits(read.t(), held.t(), "t");
        assertSameRows(read.ode(), held.ode(), "ode");
        assertSameRows(read.sdeMean(), held.sdeMean(), "sde mean");
        assertSameRows(read.sdeSd(), held.sdeSd(), "sde sd");
        assertSameRows(read.samplePaths(), held.samplePaths(), "sample paths");
        assertEquals(read.sgdTimes() == null, held.sgdTimes() == null);
        if (read.sgdTimes() != null) {
            assertSameBits(read.sgdTimes(), held.sgdTimes(), "sgd times");
            assertSameRows(read.sgd(), held.sgd(), "sgd");
            assertEquals(read.sgdRepeats().size(), held.sgdRepeats().size());
            for (int i = 0; i < read.sgdRepeats().size(); i++) {
                assertSameRows(read.sgdRepeats().get(i), held.sgdRepeats().get(i), "sgd repeat " + i);
            }
        }
        assertEquals(read.metricsHeader(), held.metricsHeader());
        assertSameRows(read.metrics(), held.metrics(), "metrics");
        assertEquals(List.copyOf(read.comparison().keySet()), List.copyOf(held.comparison().keySet()));
        for (String s : read.comparison().keySet()) {
            assertSameRows(read.comparison().get(s), held.comparison().get(s), "comparison " + s);
        }
    }

    @Test
    void aSamplePathWithMissingRowsIsNamed() throws IOException {
        Path dir = folder();
        Path paths = dir.resolve("sde_paths.csv");
        List<String> lines = Files.readAllLines(paths);
        Files.write(paths, lines.subList(0, lines.size() - 1));
        BadInputException e = assertThrows(BadInputException.class, () -> SimulationFolder.read(dir, 2));
        assertTrue(e.getMessage().contains("sde_paths.csv: group ") && e.getMessage().contains("rows, expected"), e.getMessage());
    }
}
