package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CheckCommandTest {
    @TempDir
    Path tmp;

    static java.util.stream.Stream<Path> shippedModels() throws IOException {
        return SimulateCommandTest.shippedModels();
    }

    static JsonNode json(Path f) throws IOException {
        return new ObjectMapper().readTree(f.toFile());
    }

    @ParameterizedTest
    @MethodSource("shippedModels")
    void passesOnEveryShippedModel(Path model) throws IOException {
        Path out = tmp.resolve("check");
        Cli.Result r = Cli.run("check", model.toString(), "--out", out.toString(), "--paths", "200");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("all checks passed"), r.out());
        JsonNode checks = json(out.resolve("check.json")).get("checks");
        assertTrue(checks.isArray() && checks.size() >= 4);
        Set<String> methods = new TreeSet<>();
        for (JsonNode c : checks) {
            for (String f : new String[] {"name", "method", "max_abs_err", "max_rel_err", "tolerance", "pass"}) {
                assertTrue(c.has(f), f + " missing in " + c);
            }
            assertTrue(c.get("pass").asBoolean(), c.toString());
            methods.add(c.get("method").asText());
        }
        assertTrue(Set.of("closed-form", "numerical-reference").containsAll(methods), methods.toString());
        assertTrue(Files.readString(out.resolve("check.txt")).contains("LE-ODE: closed form vs DP853"));
    }

    @Test
    void failsWithExitCode1OnADeliberatelyWrongReference() throws IOException {
        Path out = tmp.resolve("check");
        Cli.Result r = Cli.run("check", "models/default.yaml", "--out", out.toString(), "--paths",
                "50", "--inject-error", "1e-6");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("CHECK FAILED"), r.out());
        JsonNode first = json(out.resolve("check.json")).get("checks").get(0);
        assertEquals("closed-form", first.get("method").asText());
        assertFalse(first.get("pass").asBoolean());
        assertEquals(1e-6, first.get("max_rel_err").asDouble(), 1e-8);
    }

    @Test
    void usesATightNumericalReferenceWhenNoClosedFormApplies() throws IOException {
        Path model = tmp.resolve("source-tv.yaml");
        Files.writeString(model, """
                name: source-tv
                classes: 3
                impact: {alpha: {powerlaw: {c: 2.0, r: 0.3}}, beta: -0.5}
                transform: residual-source
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.01
                init: {means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]], spread: 0.05}
                time: {horizon: 4.0, dt: 0.01, outputs: 40}
                simulation: {paths: 100, seed: 4}
                """);
        Path out = tmp.resolve("check");
        Cli.Result r = Cli.run("check", model.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no closed form applies"), r.out());
        JsonNode first = json(out.resolve("check.json")).get("checks").get(0);
        assertEquals("numerical-reference", first.get("method").asText());
        assertTrue(first.get("name").asText().contains("rtol 1e-13"));
        // injected error is caught by the numerical reference too
        r = Cli.run("check", model.toString(), "--out", out.toString(), "--inject-error", "1e-7");
        assertEquals(1, r.code());
    }

    @Test
    void eulerCheckFailsOutsideTheFirstOrderRegime() throws IOException {
        // dt·|λ| = 2.5: the Euler map is unstable and far from its first-order error estimate
        Path model = tmp.resolve("stiff.yaml");
        Files.writeString(model, """
                name: stiff
                classes: 3
                impact: {alpha: -6.0, beta: 1.5}
                transform: identity
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.01
                init: {means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]}
                time: {horizon: 10.0, dt: 1.0, outputs: 10}
                simulation: {paths: 20, seed: 4}
                """);
        Path out = tmp.resolve("check");
        Cli.Result r = Cli.run("check", model.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out());
        boolean eulerFailed = false;
        for (JsonNode c : json(out.resolve("check.json")).get("checks")) {
            if (c.get("name").asText().contains("Euler map dt=1")) {
                eulerFailed = !c.get("pass").asBoolean();
            } else {
                assertTrue(c.get("pass").asBoolean() || c.get("name").asText().contains("unit-step"), c.toString());
            }
        }
        assertTrue(eulerFailed);
    }

    @Test
    void badInputExitsWith2() {
        assertEquals(2, Cli.run("check", "models/nope.yaml").code());
        assertEquals(2, Cli.run("check", "models/default.yaml", "--paths", "1").code());
    }

    /** check's paths rule is the same for simulation.paths in the model file and for --paths. */
    @Test
    void onePathsRuleForTheModelFileAndTheOption() throws IOException {
        Path model = tmp.resolve("one.yaml");
        Files.writeString(model, Files.readString(Path.of("models/identity-k3.yaml")).replace("paths: 1000", "paths: 1"));
        Path out = tmp.resolve("never");
        Cli.Result file = Cli.run("check", model.toString(), "--out", out.toString());
        assertEquals(2, file.code(), file.out() + file.err());
        assertTrue(file.err().contains("simulation.paths must be >= 2 for check (a sample variance needs two paths), got 1"),
                file.err());
        Cli.Result option = Cli.run("check", "models/identity-k3.yaml", "--paths", "1", "--out", out.toString());
        assertEquals(2, option.code(), option.out() + option.err());
        assertTrue(option.err().contains("--paths must be >= 2 for check (a sample variance needs two paths), got 1"),
                option.err());
        assertFalse(Files.exists(out));
        // the option overrides the file's value
        Cli.Result ok = Cli.run("check", model.toString(), "--paths", "2", "--out", out.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
    }
}
