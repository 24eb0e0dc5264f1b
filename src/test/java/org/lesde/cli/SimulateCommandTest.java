package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SimulateCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> shippedModels() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("models"))) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep")).sorted().toList().stream();
        }
    }

    /**
     * The figures of a finished folder redrawn from its files alone (what `lesde plot` calls) are
     * the same set of files as simulate wrote, with the same PNG bytes.
     */
    static void assertRedrawWritesTheSameFigures(Path out) throws IOException {
        Map<String, byte[]> before = figures(out);
        assertFalse(before.isEmpty());
        for (String f : before.keySet()) {
            Files.delete(out.resolve(f));
        }
        List<Path> written = org.lesde.report.SimulationPlots.redraw(out, org.lesde.plot.PlotOptions.DEFAULT);
        Map<String, byte[]> after = figures(out);
        assertEquals(before.keySet(), after.keySet());
        assertEquals(before.size(), written.size());
        for (String f : before.keySet()) {
            if (f.endsWith(".png")) {
                assertArrayEquals(before.get(f), after.get(f), f);
            }
        }
    }

    private static Map<String, byte[]> figures(Path dir) throws IOException {
        Map<String, byte[]> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".png") || x.toString().endsWith(".svg")).toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("shippedModels")
    void simulateRunsEveryShippedModel(Path model) throws IOException {
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", out.toString(), "--paths", "40", "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("ode.csv", "sde_mean.csv", "sde_paths.csv", "metrics.csv", "summary.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        SimulateMetricsAndPlotsTest.assertPlots(out, org.lesde.modelfile.ModelFile.read(model).classes());
        String name = model.getFileName().toString();
        if (name.equals("default.yaml") || name.equals("multiplicative.yaml")) {
            // K = 3 with LE-SGD, and a model without LE-SGD
            assertRedrawWritesTheSameFigures(out);
        }
        List<String> ode = Files.readAllLines(out.resolve("ode.csv"));
        List<String> mean = Files.readAllLines(out.resolve("sde_mean.csv"));
        assertTrue(ode.get(0).startsWith("t,k0_d0,k0_d1"));
        assertTrue(mean.get(0).startsWith(ode.get(0) + ",k0_d0_sd"));
        assertEquals(ode.size(), mean.size());
        assertTrue(Files.readAllLines(out.resolve("sde_paths.csv")).get(0).startsWith("path,t,k0_d0"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("success").asBoolean());
        assertEquals(40, summary.get("paths").asInt());
        assertTrue(summary.has("seed") && summary.has("lesde_version") && summary.has("model") && summary.has("threads"));
        if (summary.get("model").get("simulation").get("sgd").get("particles").asInt() > 0) {
            assertEquals(ode.get(0), Files.readAllLines(out.resolve("sgd.csv")).get(0));
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesWithOneOrAllThreads() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Cli.run("simulate", "models/default.yaml", "--out", a.toString(), "--paths", "300", "--threads", "1", "--quiet").code());
        assertEquals(0, Cli.run("simulate", "models/default.yaml", "--out", b.toString(), "--paths", "300", "--threads", "0", "--quiet").code());
        for (String f : List.of("ode.csv", "sde_mean.csv", "sde_paths.csv", "sgd.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        Path c = tmp.resolve("c");
        assertEquals(0, Cli.run("simulate", "models/default.yaml", "--out", c.toString(), "--paths", "300", "--seed", "43", "--quiet").code());
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a.resolve("sde_mean.csv")), Files.readAllBytes(c.resolve("sde_mean.csv"))));
    }

    @Test
    void helpAndBadInputExitCodes() {
        Cli.Result help = Cli.run("simulate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--solver"));
        Cli.Result missing = Cli.run("simulate", tmp.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("model file not found"), missing.err());
        Cli.Result badSolver = Cli.run("simulate", "models/default.yaml", "--solver", "rk4", "--out", tmp.resolve("x").toString());
        assertEquals(2, badSolver.code());
        assertTrue(badSolver.err().contains("--solver must be one of"), badSolver.err());
        assertTrue(!Files.exists(tmp.resolve("x")));
    }
}
