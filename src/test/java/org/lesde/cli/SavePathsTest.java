package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.BadInputException;
import org.lesde.io.Npy;
import org.lesde.io.NumericCsv;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.report.Monitoring;
import org.lesde.report.PathsNpy;
import org.lesde.report.SimulationWriter;
import org.lesde.sim.Simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code simulate --save-paths}: paths.npy is byte-identical for 1 and 2 threads, read back with
 * the project's own .npy reader its mean over paths equals sde_mean.csv (to 1e-12 relative:
 * sde_mean.csv merges chunk means with Chan's formula, the test sums plainly), its first paths are
 * sde_paths.csv's bit for bit, and it is recorded in summary.json.
 */
class SavePathsTest {
    @TempDir
    Path dir;

    static final String MODEL = """
            name: save-paths
            classes: 3
            dim: 2
            impact: {alpha: 1.0, beta: 0.2}
            transform: identity
            noise: {type: additive, sigma: 0.5}
            closure: %s
            stepSize: 0.01
            init:
              means: [[0.3, 0.0], [0.0, 0.3], [-0.3, -0.3]]
              spread: 0.2
            time: {horizon: 1.0, dt: 0.01, outputs: 20}
            simulation: {paths: 70, solver: %s, seed: 3}
            """;

    Path model(String closure, String solver) throws IOException {
        Path m = dir.resolve(closure + "-" + solver + ".yaml");
        Files.writeString(m, MODEL.formatted(closure, solver));
        return m;
    }

    Path run(Path model, String out, String threads, String save) {
        Path dest = dir.resolve(out);
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", dest.toString(), "--threads", threads, "--save-paths", save,
                "--quiet");
        assertEquals(0, r.code(), r.err());
        return dest;
    }

    /** The run without the CLI (no plots: fast), writing paths.npy and the CSVs into {@code out}. */
    Path library(Path model, String out, int threads) throws IOException {
        Path dest = Files.createDirectories(dir.resolve(out));
        LeModel m = ModelFile.read(model);
        LeModel.Simulation s = m.simulation();
        m = m.withSimulation(new LeModel.Simulation(s.paths(), s.solver(), s.seed(), threads, s.sgdParticles()));
        try (PathsNpy saver = new PathsNpy(s.paths())) {
            saver.target(dest.resolve(PathsNpy.FILE));
            Simulation.Result r = Simulation.run(m, PathsNpy.addTo(Monitoring.config(), saver));
            saver.finish(r);
            SimulationWriter.writeAll(r, dest);
        }
        return dest;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"self/milstein", "mean/exact", "ensemble/euler-maruyama"})
    void everySolverAndClosure(String closureSolver) throws IOException {
        String[] cs = closureSolver.split("/");
        Path m = model(cs[0], cs[1]);
        check(library(m, "t1", 1), library(m, "t2", 2));
    }

    @Test
    void pathsNpyIsThreadIndependentAndMatchesTheCsvs() throws IOException {
        Path m = model("mean", "euler-maruyama");
        Path one = run(m, "t1", "1", "all");
        Npy.Array a = check(one, library(m, "t2", 2)); // the CLI with 1 thread, the library with 2

        int rows = 21;
        int n = 6;
        // the first N paths are a prefix of all paths; summary.json records the file
        Path three = run(m, "n3", "2", "3");
        Npy.Array b = Npy.read(three.resolve("paths.npy"), null);
        assertArrayEquals(new long[] {3, 21, 6}, b.shape());
        assertArrayEquals(Arrays.copyOf(a.data(), 3 * rows * n), b.data());
        JsonNode s = new ObjectMapper().readTree(three.resolve("summary.json").toFile());
        assertEquals("paths.npy", s.get("saved_paths").get("file").asText());
        assertEquals(3, s.get("saved_paths").get("paths").asInt());
        assertEquals("[3,21,6]", s.get("saved_paths").get("shape").toString());
        // the other files do not change with --save-paths
        for (String f : List.of("sde_mean.csv", "sde_paths.csv", "ode.csv", "metrics.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f)), f);
        }
    }

    /** 1 and 2 threads: the same bytes; the mean over paths is sde_mean.csv; paths 0..4 are sde_paths.csv. */
    Npy.Array check(Path one, Path two) throws IOException {
        byte[] bytes = Files.readAllBytes(one.resolve("paths.npy"));
        assertArrayEquals(bytes, Files.readAllBytes(two.resolve("paths.npy")), "1 and 2 threads: the same bytes");
        Npy.Array a = Npy.read(one.resolve("paths.npy"), null);
        assertEquals("<f8", a.dtype().descr());
        assertArrayEquals(new long[] {70, 21, 6}, a.shape());
        int rows = 21;
        int n = 6;
        NumericCsv.Data mean = NumericCsv.read(one.resolve("sde_mean.csv"), null, NumericCsv.Options.defaults());
        assertEquals(rows, mean.rows().length);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int p = 0; p < 70; p++) {
                    s += a.data()[(p * rows + r) * n + i];
                }
                double expected = mean.rows()[r][1 + i];
                assertEquals(expected, s / 70, 1e-12 * Math.max(1, Math.abs(expected)), "row " + r + " coordinate " + i);
            }
        }
        // sde_paths.csv (paths 0..4) holds the same numbers bit for bit
        NumericCsv.Data paths = NumericCsv.read(one.resolve("sde_paths.csv"), null, NumericCsv.Options.defaults());
        assertEquals(5 * rows, paths.rows().length);
        for (double[] row : paths.rows()) {
            int p = (int) row[0];
            int r = Arrays.asList(boxed(mean.values(0))).indexOf(row[1]);
            for (int i = 0; i < n; i++) {
                assertEquals(row[2 + i], a.data()[(p * rows + r) * n + i], 0, "path " + p + " row " + r);
            }
        }
        return a;
    }

    static Double[] boxed(double[] v) {
        return Arrays.stream(v).boxed().toArray(Double[]::new);
    }

    @Test
    void badCountsAreRefusedBeforeAnyWork() throws IOException {
        Path m = model("mean", "euler-maruyama");
        for (String v : new String[] {"0", "-2", "71", "abc", "1.5", ""}) {
            Path dest = dir.resolve("bad");
            Cli.Result r = Cli.run("simulate", m.toString(), "--out", dest.toString(), "--save-paths", v, "--quiet");
            String line = r.oneLineError(Main.BAD_INPUT);
            assertTrue(line.contains("--save-paths"), line);
            assertFalse(Files.exists(dest), "nothing written for " + v);
        }
        assertEquals(70, PathsNpy.count("all", 70));
        assertEquals(70, PathsNpy.count("ALL", 70));
        assertEquals(1, PathsNpy.count("1", 70));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> PathsNpy.count("71", 70))
                .getMessage().contains("more than the run's 70 paths"));
    }
}
