package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class MetricsCommandTest {
    @TempDir
    Path dir;

    static final String FEATURES = String.join("\n",
            "label,f0,f1,f2",
            "0,2.1,-0.9,-1.0",
            "0,1.9,-1.1,-0.8",
            "1,-1.0,2.2,-1.1",
            "1,-0.8,1.8,-1.0",
            "2,-1.1,-0.9,2.0",
            "2,-0.9,-1.0,1.9",
            "2,-1.0,-1.2,2.1",
            "");

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void writesJsonWithAllKeysAndPrintsATable() throws Exception {
        Path f = write("features.csv", FEATURES);
        Path json = dir.resolve("sub/metrics.json");
        Cli.Result r = Cli.run("metrics", f.toString(), "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("nc1") && r.out().contains("residual_cos_mean"), r.out());
        assertTrue(r.out().contains("W = I - 11^T/K"), r.out());
        JsonNode node = new ObjectMapper().readTree(json.toFile());
        for (String key : List.of("nc1", "nc2_equinorm", "nc2_equiangularity", "nc2_etf_distance", "nc3", "nc4",
                "residual_cos_mean", "classes", "samples", "dim")) {
            assertTrue(node.has(key), key);
        }
        assertEquals(3, node.get("classes").asInt());
        assertEquals(7, node.get("samples").asInt());
        assertEquals(3, node.get("dim").asInt());
        // the numbers are the library's
        double[] x = {2.1, -0.9, -1.0, 1.9, -1.1, -0.8, -1.0, 2.2, -1.1, -0.8, 1.8, -1.0, -1.1, -0.9, 2.0, -0.9, -1.0, 1.9, -1.0, -1.2, 2.1};
        NcMetrics m = NeuralCollapse.compute(x, new int[] {0, 0, 1, 1, 2, 2, 2}, 3, 3, null);
        assertEquals(m.nc1(), node.get("nc1").asDouble(), 0);
        assertEquals(m.nc3(), node.get("nc3").asDouble(), 0);
        assertEquals(0.0, node.get("nc4").asDouble(), 0);
        try (Stream<Path> files = Files.list(json.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void classifierFileAndNullForUndefinedMetrics() throws Exception {
        Path f = write("f.csv", "label,a,b\n0,1,0\n0,1.2,0.1\n1,0,1\n1,0.1,1.1\n2,-1,-1\n2,-1.1,-0.9\n");
        Path w = write("w.csv", "1,0\n0,1\n-1,-1\n");
        Path json = dir.resolve("m.json");
        Cli.Result r = Cli.run("metrics", f.toString(), "--classifier", w.toString(), "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode node = new ObjectMapper().readTree(json.toFile());
        assertTrue(node.get("nc3").isNumber());
        assertTrue(node.get("nc4").isNumber());
        assertTrue(node.get("residual_cos_mean").isNull(), "p < K: residual alignment undefined");
        // without classifier and p != K: NC3/NC4 null
        Cli.Result r2 = Cli.run("metrics", f.toString(), "--out", json.toString());
        assertEquals(0, r2.code(), r2.err());
        JsonNode n2 = new ObjectMapper().readTree(json.toFile());
        assertTrue(n2.get("nc3").isNull() && n2.get("nc4").isNull());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("ragged", "label,f0,f1\n0,1,2\n1,3\n", null, "f.csv:3: expected 3 columns"),
                Arguments.of("non-numeric", "label,f0,f1\n0,1,2\n1,3,abc\n", null, "f.csv:3: column 3 (f1) is not a number, got \"abc\""),
                Arguments.of("nan", "label,f0,f1\n0,1,2\n1,3,NaN\n", null, "f.csv:3: column 3 (f1) must be finite, got NaN"),
                Arguments.of("label not integer", "label,f0,f1\n0,1,2\n1.5,3,4\n", null, "f.csv:3: column 1 (label) is not an integer, got \"1.5\""),
                Arguments.of("negative label", "label,f0,f1\n0,1,2\n-1,3,4\n", null, "must be >= 0, got -1"),
                Arguments.of("empty class", "label,f0,f1\n0,1,2\n2,3,4\n", null, "class 1 has no samples"),
                Arguments.of("one class", "label,f0,f1\n0,1,2\n0,3,4\n", null, "need K >= 2"),
                Arguments.of("no header label", "y,f0,f1\n0,1,2\n1,3,4\n", null, "no column named 'label'"),
                Arguments.of("empty", "", null, "empty file"),
                Arguments.of("no rows", "label,f0\n", null, "no samples"),
                Arguments.of("W rows", "label,f0,f1\n0,1,2\n1,3,4\n", "1,0\n", "must have K = 2 rows"),
                Arguments.of("W cols", "label,f0,f1\n0,1,2\n1,3,4\n", "1,0\n0,1,2\n", "w.csv:2: expected 2 columns, got 3"),
                Arguments.of("W value", "label,f0,f1\n0,1,2\n1,3,4\n", "1,0\n0,x\n", "w.csv:2: column 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsTwoWithAOneLineMessageAndWritesNothing(String name, String features, String w, String expected) throws Exception {
        Path f = write("f.csv", features);
        Path json = dir.resolve("out.json");
        Cli.Result r = w == null ? Cli.run("metrics", f.toString(), "--out", json.toString())
                : Cli.run("metrics", f.toString(), "--classifier", write("w.csv", w).toString(), "--out", json.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(expected), "message: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(json));
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void missingFilesExitTwo() throws Exception {
        Cli.Result r = Cli.run("metrics", dir.resolve("nope.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("file not found: " + dir.resolve("nope.csv")), r.err());
        Path f = write("f.csv", FEATURES);
        Cli.Result r2 = Cli.run("metrics", f.toString(), "--classifier", dir.resolve("w.csv").toString());
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("--classifier: file not found: " + dir.resolve("w.csv")), r2.err());
    }
}
