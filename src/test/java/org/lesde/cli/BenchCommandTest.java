package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.io.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code lesde bench --quick} end to end through {@link Main#run}: valid JSON with every key. */
class BenchCommandTest {
    static final List<String> KEYS = List.of("workload", "description", "threads", "cores", "available", "median_seconds",
            "min_seconds", "max_seconds", "repetitions", "warmup", "paths", "steps", "components",
            "path_steps_per_second", "path_steps_per_second_per_thread", "ns_per_component_step", "ns_per_normal",
            "ratio_to_normals", "speedup_vs_1_thread", "cpu_median_seconds", "cpu_ns_per_component_step",
            "cpu_ns_per_normal", "cpu_ratio_to_normals", "ode_seconds", "note");

    @Test
    void quickBenchWritesJsonWithAllKeys(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/bench.json");
        ByteArrayOutputStream so = new ByteArrayOutputStream();
        ByteArrayOutputStream se = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(so, true, StandardCharsets.UTF_8), new PrintStream(se, true, StandardCharsets.UTF_8),
                "bench", "--quick", "--warmup", "0", "--reps", "1", "--threads", "2", "--out", out.toString());
        String stdout = so.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, code, stdout + se.toString(StandardCharsets.UTF_8));
        JsonNode root = Json.mapper().readTree(out.toFile());
        assertTrue(root.isArray());
        Set<String> workloads = new TreeSet<>();
        for (JsonNode row : root) {
            List<String> names = new ArrayList<>();
            row.fieldNames().forEachRemaining(names::add);
            assertEquals(KEYS, names);
            workloads.add(row.get("workload").asText());
            if (row.get("available").asBoolean()) {
                assertTrue(row.get("median_seconds").asDouble() > 0, row.toString());
                assertTrue(row.get("ns_per_component_step").asDouble() > 0, row.toString());
                assertTrue(row.get("ns_per_normal").asDouble() > 0, row.toString());
                if (row.get("threads").asInt() > 1) {
                    assertTrue(row.get("speedup_vs_1_thread").isNumber(), row.toString());
                }
            } else {
                assertTrue(row.get("median_seconds").isNull());
                assertTrue(!row.get("note").asText().isEmpty());
            }
        }
        assertEquals(new TreeSet<>(List.of("normals", "paper-k3", "logits-k100", "exact-k100", "logits-k1000",
                "milstein-k10")), workloads);
        for (String w : workloads) {
            assertTrue(stdout.contains(w), "table lists " + w);
        }
    }

    @Test
    void badOptionIsBadInput() {
        ByteArrayOutputStream so = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(so), new PrintStream(new ByteArrayOutputStream()), "bench", "--reps", "0");
        assertEquals(Main.BAD_INPUT, code);
        ByteArrayOutputStream se = new ByteArrayOutputStream();
        code = Main.run(new PrintStream(so), new PrintStream(se, true, StandardCharsets.UTF_8), "bench", "--only", "paper-k4");
        assertEquals(Main.BAD_INPUT, code);
        assertTrue(se.toString(StandardCharsets.UTF_8).contains("paper-k4"));
    }
}
