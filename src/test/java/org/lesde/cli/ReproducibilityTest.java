package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesde.io.Json;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Same model, seed and version give byte-identical CSVs (whatever the thread count), and
 * summary.json carries everything needed to rerun: its model object reads back as an equal
 * model, and {@code lesde simulate summary.json} reproduces the CSVs.
 */
class ReproducibilityTest {
    @TempDir
    Path tmp;

    /** Every feature of the model format at once (tables, piecewise, matrices, noise forms). */
    static final String RICH = """
            name: rich
            classes: 3
            dim: 4
            impact:
              alpha: {table: alpha.csv}
              beta: {piecewise: [[0, -0.5], [0.25, -0.25], [1.0e7, 1.0e-7]]}
            transform: {matrices: [[I, Z, I], [Z, I, Z], [I, I, I]]}
            noise: {type: diagonal, sigmas: [0.5, 1.0, 1.5, 2.0], scale: {powerlaw: {c: 2.0, r: 0.5}}}
            stepSize: 0.02
            closure: self
            init: {random: {scale: 0.3}, spread: 0.1}
            time: {horizon: 0.4, dt: 0.02, outputs: 4}
            simulation: {paths: 70, solver: milstein, seed: -12345678901, threads: 2, sgd: {particles: 3}}
            """.replace("I", "[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]")
            .replace("Z", "[[0.5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, -0.5]]");

    static final String FULL = Cli.BASE.replace("noise: {type: additive, sigma: 1.0}",
            "noise: {type: full, matrix: [[1, 0.5, 0], [0.5, 1, 0], [0, 0, 0]], scale: {table: [[0, 1], [0.3, 2]]}}")
            .replace("impact: {alpha: 2.0, beta: -0.5}", "impact: {matrix: [[2, -0.5, 0], [-0.5, 2, -0.5], [0, 0.25, 1e-300]]}")
            .replace("closure: mean", "closure: ensemble");

    static final String PROPORTIONAL = Cli.BASE.replace("noise: {type: additive, sigma: 1.0}",
            "noise: {type: proportional, sigma: 0.7, centred: true}").replace("solver: euler-maruyama", "solver: milstein")
            .replace("transform: residual-source", "transform: residual-outer");

    private Path write(String name, String yaml) throws IOException {
        Files.writeString(tmp.resolve("alpha.csv"), "t,alpha\n0,2.0\n0.1,1.5\n0.3,3\n");
        Path p = tmp.resolve(name + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private static Map<String, String> csvs(Path dir) {
        Map<String, String> m = new TreeMap<>(Cli.snapshot(dir));
        m.keySet().removeIf(k -> !k.endsWith(".csv"));
        return m;
    }

    static Stream<String> models() {
        return Stream.of("base", "rich", "full", "proportional");
    }

    private static String text(String name) {
        return switch (name) {
            case "base" -> Cli.BASE;
            case "rich" -> RICH;
            case "full" -> FULL;
            default -> PROPORTIONAL;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameSeedGivesByteIdenticalCsvsAndSummaryReruns(String name) throws IOException {
        Path model = write(name, text(name));
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        Cli.Result ra = Cli.run("simulate", model.toString(), "--out", a.toString(), "--threads", "1", "--quiet");
        assertEquals(0, ra.code(), ra.err());
        Cli.Result rb = Cli.run("simulate", model.toString(), "--out", b.toString(), "--threads", "2", "--quiet");
        assertEquals(0, rb.code(), rb.err());
        Map<String, String> csvA = csvs(a);
        assertTrue(csvA.size() >= 3, csvA.toString());
        assertEquals(csvA, csvs(b), "thread count must not change a byte");

        JsonNode summary = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        assertTrue(summary.get("success").asBoolean());
        for (String key : List.of("lesde_version", "command", "seed", "paths", "solver", "threads", "steps", "dt", "model")) {
            assertTrue(summary.has(key), "summary.json lacks " + key);
        }
        assertEquals(Main.version(), summary.get("lesde_version").asText());
        assertEquals(List.of("simulate", model.toString(), "--out", a.toString(), "--threads", "1", "--quiet"),
                new ObjectMapper().convertValue(summary.get("command"), List.class));

        // rerun from summary.json: the model object is the resolved model (tables inline)
        Files.delete(tmp.resolve("alpha.csv"));
        Cli.Result rc = Cli.run("simulate", a.resolve("summary.json").toString(), "--out", c.toString(), "--quiet");
        assertEquals(0, rc.code(), rc.err());
        assertEquals(csvA, csvs(c), "rerun from summary.json reproduces the CSVs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void summaryModelReadsBackAsAnEqualModel(String name) throws IOException {
        LeModel m = ModelFile.read(write(name, text(name)));
        assertRoundTrip(m);
    }

    @Test
    void shippedModelsRoundTrip() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("models"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep")).sorted().toList();
            assertTrue(files.size() >= 5, files.toString());
            for (Path f : files) {
                assertRoundTrip(ModelFile.read(f));
            }
        }
    }

    @Test
    void cliOverridesAreRecordedInTheResolvedModel() throws IOException {
        Path model = write("base", Cli.BASE);
        Path a = tmp.resolve("a");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", a.toString(), "--seed", "9", "--paths", "33", "--dt", "0.025",
                "--solver", "milstein", "--threads", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        LeModel rerun = ModelFile.read(a.resolve("summary.json"));
        assertEquals(new LeModel.Simulation(33, org.lesde.sde.Solver.MILSTEIN, 9, 2, 4), rerun.simulation());
        assertEquals(new LeModel.Time(0.5, 0.025, 5), rerun.time());
    }

    /** describe → YAML and JSON text → parse gives an equal model. */
    static void assertRoundTrip(LeModel m) throws IOException {
        Map<String, Object> d = ModelFile.describe(m);
        String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(d);
        assertEquals(m, ModelFile.parse(yaml, "x", null, "roundtrip.yaml"), () -> "YAML round trip of " + m.name() + ":\n" + yaml);
        String json = Json.toString(d);
        assertEquals(m, ModelFile.parse(json, "x", null, "roundtrip.json"), () -> "JSON round trip of " + m.name() + ":\n" + json);
    }
}
