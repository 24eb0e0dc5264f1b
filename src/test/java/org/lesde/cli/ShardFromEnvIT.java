package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shard-from-env} through the real environment of bin/lesde, as a Slurm array task sees
 * it: 1-based ({@code --array=1-2}) and 0-based ({@code --array=0-2}) arrays, for simulate and
 * sweep, and missing or garbled variables.
 */
class ShardFromEnvIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void jarIsBuilt() {
        assumeTrue(Files.isRegularFile(LauncherIT.JAR), "target/lesde.jar is not built (run mvn package)");
    }

    Path sweepFile() throws java.io.IOException {
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, Cli.PHASE_SWEEP);
        return f;
    }

    static Map<String, String> task(int id, int min, int count) {
        return Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(id), "SLURM_ARRAY_TASK_MIN", Integer.toString(min),
                "SLURM_ARRAY_TASK_COUNT", Integer.toString(count));
    }

    @Test
    void oneBasedArrayShardsASimulation() throws Exception {
        Path m = tmp.resolve("m.yaml");
        Files.writeString(m, Cli.BASE);
        LauncherIT.Run all = LauncherIT.run(LauncherIT.SCRIPT, tmp, Map.of(), "simulate", m.toString(), "--out", "all", "--quiet");
        assertEquals(0, all.code(), all.err());
        for (int id = 1; id <= 2; id++) {
            LauncherIT.Run r = LauncherIT.run(LauncherIT.SCRIPT, tmp, task(id, 1, 2), "simulate", m.toString(), "--shard-from-env",
                    "--out", "s" + id, "--quiet");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("shard " + (id - 1) + "/2"), r.out());
        }
        LauncherIT.Run merged = LauncherIT.run(LauncherIT.SCRIPT, tmp, Map.of(), "merge", "s1", "s2", "--out", "merged");
        assertEquals(0, merged.code(), merged.err());
        for (String f : new String[] {"ode.csv", "sde_mean.csv", "sde_paths.csv", "sgd.csv", "metrics.csv"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("all").resolve(f)), Files.readAllBytes(tmp.resolve("merged").resolve(f)), f);
        }
    }

    @Test
    void zeroBasedArrayShardsASweep() throws Exception {
        Path sweep = sweepFile();
        LauncherIT.Run all = LauncherIT.run(LauncherIT.SCRIPT, tmp, Map.of(), "sweep", sweep.toString(), "--out", "all", "--quiet");
        assertEquals(0, all.code(), all.err());
        for (int id = 0; id < 3; id++) {
            LauncherIT.Run r = LauncherIT.run(LauncherIT.SCRIPT, tmp, task(id, 0, 3), "sweep", sweep.toString(), "--shard-from-env",
                    "--out", "s" + id, "--quiet");
            assertEquals(0, r.code(), r.err());
        }
        LauncherIT.Run merged = LauncherIT.run(LauncherIT.SCRIPT, tmp, Map.of(), "merge", "s2", "s0", "s1", "--out", "merged");
        assertEquals(0, merged.code(), merged.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("all/sweep.csv")), Files.readAllBytes(tmp.resolve("merged/sweep.csv")));
        // sweep.json is the same apart from the timings of the run that wrote it
        assertEquals(withoutTimings(tmp.resolve("all/sweep.json")), withoutTimings(tmp.resolve("merged/sweep.json")));
    }

    @Test
    void missingOrGarbledVariablesAreOneLineErrors() throws Exception {
        Path m = tmp.resolve("m.yaml");
        Files.writeString(m, Cli.BASE);
        Map<String, Map<String, String>> cases = Map.of(
                "SLURM_ARRAY_TASK_ID", Map.of("SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4"),
                "SLURM_ARRAY_TASK_COUNT", Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "four"),
                "SLURM_ARRAY_TASK_MIN", Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "4"));
        for (var e : cases.entrySet()) {
            for (String command : new String[] {"simulate", "sweep"}) {
                String file = command.equals("sweep") ? sweepFile().toString() : m.toString();
                LauncherIT.Run r = LauncherIT.run(LauncherIT.SCRIPT, tmp, e.getValue(), command, file, "--shard-from-env", "--out", "x");
                assertEquals(2, r.code(), r.err());
                String[] lines = r.err().strip().split("\\R");
                assertEquals(1, lines.length, r.err());
                assertTrue(lines[0].contains(e.getKey()), lines[0]);
                assertFalse(Files.exists(tmp.resolve("x")));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutTimings(Path json) {
        Map<String, Object> j = (Map<String, Object>) org.lesde.io.Json.read(json, json.toString());
        assertTrue(j.remove("timings") instanceof Map, json + " has its timings");
        return j;
    }
}
