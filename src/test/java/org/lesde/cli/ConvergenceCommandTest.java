package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ConvergenceCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesJsonTableAndCharts() throws IOException {
        Path model = tmp.resolve("small.yaml");
        Files.writeString(model, """
                name: small
                classes: 2
                impact: {alpha: 1.0, beta: -0.2}
                transform: residual-target
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.05
                init: {means: [[1.0, 0.2], [0.0, 1.0]], spread: 0.1}
                time: {horizon: 1.0, dt: 0.01}
                simulation: {seed: 4}
                """);
        Path out = tmp.resolve("conv");
        Cli.Result r = Cli.run("convergence", model.toString(), "--out", out.toString(),
                "--paths", "100", "--levels", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode all = new ObjectMapper().readTree(out.resolve("convergence.json").toFile());
        // gbm (2 solvers), linear-additive, nonlinear-additive, small (mean closure: exact), small (closure self)
        // (3 solvers each: euler-maruyama, milstein, sra1)
        assertEquals(14, all.size());
        for (JsonNode c : all) {
            for (String f : new String[] {"problem", "solver", "strong_order", "weak_order", "strong_order_ci95",
                "weak_order_ci95", "dts", "errors", "weak_errors"}) {
                assertTrue(c.has(f), f);
            }
            assertEquals(3, c.get("dts").size());
            assertEquals(3, c.get("errors").size());
        }
        JsonNode meanClosure = all.get(8);
        assertEquals("small", meanClosure.get("problem").asText());
        assertTrue(meanClosure.get("strong_order").isNull(), "mean closure with additive noise is exact: " + meanClosure);
        assertTrue(meanClosure.get("errors").get(0).asDouble() < 1e-9);
        for (String f : new String[] {"convergence.png", "convergence.svg", "convergence.txt", "convergence_gbm.png",
            "convergence_small-closure-self.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f + " in " + java.util.Arrays.toString(out.toFile().list()));
        }
    }
}
