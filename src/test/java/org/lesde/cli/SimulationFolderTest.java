package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.BadInputException;
import org.lesde.report.SimulationFolder;

/** A simulate folder read back on several threads holds what one thread reads; bad files are still named. */
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
