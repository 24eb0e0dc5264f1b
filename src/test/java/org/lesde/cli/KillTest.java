package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-way (a forked JVM, SIGTERM and SIGKILL) leaves the earlier result of the same
 * destination byte-identical, and the next run succeeds (cleaning what the killed run left).
 */
class KillTest {
    @TempDir
    Path tmp;

    /** Runs for minutes on one thread (200 000 paths x 1000 steps): always killed mid-way. */
    static final String LONG = Cli.BASE.replace("time: {horizon: 0.5, dt: 0.05, outputs: 5}", "time: {horizon: 10.0, dt: 0.01, outputs: 10}")
            .replace("paths: 40", "paths: 200000").replace("particles: 4", "particles: 0");

    @Test
    void killedRunLeavesThePreviousResultIntact() throws Exception {
        Path model = tmp.resolve("long.yaml");
        Files.writeString(model, LONG);
        Path outDir = tmp.resolve("out");
        Path dest = outDir.resolve("run");
        // the earlier result: the same model, few paths
        Cli.Result first = Cli.run("simulate", model.toString(), "--out", dest.toString(), "--paths", "8", "--quiet");
        assertEquals(0, first.code(), first.err());
        Map<String, String> earlier = Cli.snapshot(dest);
        assertTrue(earlier.containsKey("summary.json"));

        // SIGTERM: the shutdown hook removes the staging folder
        int code = killMidRun(model, dest, false);
        assertNotEquals(0, code);
        assertEquals(earlier, Cli.snapshot(dest), "SIGTERM: earlier result byte-identical");
        assertEquals(List.of("run"), names(outDir), "SIGTERM: no staging folder left");

        // SIGKILL: nothing runs in the killed JVM; its staging folder stays until the next run
        code = killMidRun(model, dest, true);
        assertNotEquals(0, code);
        assertEquals(earlier, Cli.snapshot(dest), "SIGKILL: earlier result byte-identical");

        // the next run succeeds and removes the dead run's staging folder
        Cli.Result next = Cli.run("simulate", model.toString(), "--out", dest.toString(), "--paths", "8", "--seed", "7",
                "--quiet");
        assertEquals(0, next.code(), next.err());
        assertEquals(List.of("run"), names(outDir), "stale staging folder cleaned");
        assertTrue(Files.readString(dest.resolve("summary.json")).contains("\"seed\" : 7"));
    }

    /** Starts the long run in a forked JVM, waits until it is running, kills it; returns its exit code. */
    private int killMidRun(Path model, Path dest, boolean forcibly) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve(forcibly ? "kill9.log" : "term.log");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.lesde.cli.Main", "simulate", model.toString(), "--out", dest.toString(), "--quiet", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            String staging = ".run.tmp-" + p.pid() + "-";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hasEntry(dest.getParent(), staging)) {
                assertTrue(p.isAlive(), () -> "the run ended early: " + read(log));
                assertTrue(System.nanoTime() < deadline, "the run did not start within 30 s");
                Thread.sleep(20);
            }
            Thread.sleep(300); // mid-way through the paths
            assertTrue(p.isAlive(), () -> "the run ended before being killed: " + read(log));
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the killed JVM did not exit");
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean hasEntry(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

}
