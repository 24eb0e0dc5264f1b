package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.modelfile.ModelFile;
import org.lesde.report.Monitoring;
import org.lesde.report.SimulationWriter;
import org.lesde.sim.Simulation;

/**
 * A run whose files take the large-write path (more than {@code SimulateCommand.LARGE_WRITE}
 * numbers: the rows formatted on the run's threads, the figures drawn alongside with the JIT hint
 * after the write) writes the bytes of the same run on one thread (every row formatted and every
 * figure drawn on the calling thread, after the write).
 */
class LargeWriteTest {
    @TempDir
    Path tmp;

    static final String MODEL = """
            name: large-write
            classes: 100
            impact: {alpha: 2.0, beta: -0.5}
            transform: residual-source
            noise: {type: additive, sigma: 0.5}
            stepSize: 0.01
            init: {random: {scale: 0.1}, spread: 0.05}
            time: {horizon: 0.24, dt: 0.01, outputs: 24}
            simulation: {paths: 8, solver: euler-maruyama, seed: 5}
            """;

    @Test
    void theLargeWritePathWritesTheBytesOfOneThread() throws IOException {
        Path m = tmp.resolve("large.yaml");
        Files.writeString(m, MODEL);
        long numbers = SimulationWriter.numbers(Simulation.run(SimulateCommand.resolve(ModelFile.read(m), null, null, null, null, 2),
                Monitoring.config()));
        assertTrue(numbers > SimulateCommand.LARGE_WRITE, numbers + " numbers: not a large write");
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        Cli.Result a = Cli.run("simulate", m.toString(), "--threads", "1", "--out", one.toString(), "--quiet");
        assertEquals(0, a.code(), a.err());
        Cli.Result b = Cli.run("simulate", m.toString(), "--threads", "2", "--out", two.toString(), "--quiet");
        assertEquals(0, b.code(), b.err());
        List<String> files;
        try (Stream<Path> s = Files.list(one)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") || n.endsWith(".png") || n.endsWith(".svg"))
                    .sorted().toList();
        }
        assertTrue(files.contains("sde_paths.csv") && files.contains("etf_alignment.svg"), files.toString());
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
        }
        try (Stream<Path> s = Files.list(two)) {
            assertEquals(files.size(), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".csv") || n.endsWith(".png") || n.endsWith(".svg")).count());
        }
    }
}
