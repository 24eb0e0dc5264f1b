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

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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


    /** A sweep of 4 small cells: a few seconds in all, with a write phase (CSV, JSON, heat maps) after the cells. */
    static final String SWEEP = """
            name: sw
            model:
              classes: 2
              impact: {alpha: 1.0, beta: 0.0}
              transform: identity
              noise: {type: additive, sigma: 0.1}
              stepSize: 0.01
              init: {means: [[1, 0], [0, 1]]}
              time: {horizon: 2.0, dt: 0.01, outputs: 50}
              simulation: {paths: 500, threads: 1}
            grid:
              - {key: impact.alpha, values: [0.5, 1.0]}
              - {key: impact.beta, values: [0.0, 0.1]}
            """;

    /** A simulate run of a second or two, so that each phase (ensemble, CSVs, figures) can be hit. */
    static final String MEDIUM = Cli.BASE.replace("paths: 40", "paths: 6000").replace("time: {horizon: 0.5, dt: 0.05, outputs: 5}",
            "time: {horizon: 2.0, dt: 0.01, outputs: 50}");

    /**
     * SIGTERM at several moments of a run (while a sweep's cells run, as the staging folder
     * appears, as its first CSV appears, as its first figure appears): the run ends, no staging
     * or parked folder is left, and the destination holds the previous result byte for byte or a
     * complete new one. The sweep's resume cache may stay (it is what a rerun resumes from).
     */
    @ParameterizedTest(name = "SIGTERM at {0}")
    @ValueSource(strings = {"sweep:cells", "sweep:csv", "sweep:figure", "simulate:staging", "simulate:csv"})
    void sigtermAtEveryMomentLeavesNoStagingFolder(String moment) throws Exception {
        String command = moment.substring(0, moment.indexOf(':'));
        String when = moment.substring(moment.indexOf(':') + 1);
        Path input = tmp.resolve(command + ".yaml");
        Files.writeString(input, command.equals("sweep") ? SWEEP : MEDIUM);
        Path outDir = tmp.resolve("out");
        Path dest = outDir.resolve("run");
        List<String> args = command.equals("sweep")
                ? List.of("sweep", input.toString(), "--quiet", "--out", dest.toString())
                : List.of("simulate", input.toString(), "--quiet", "--threads", "1", "--out", dest.toString());
        List<String> quick = new java.util.ArrayList<>(args);
        if (command.equals("simulate")) {
            quick.addAll(List.of("--paths", "8"));
        }
        Cli.Result first = Cli.run(quick.toArray(new String[0]));
        assertEquals(0, first.code(), first.err());
        if (command.equals("sweep")) {
            // a different sweep result (2 of the 4 cells' values changed) so "previous" and "new" differ
            Files.writeString(dest.resolve("sweep.csv"), Files.readString(dest.resolve("sweep.csv")) + "# previous\n");
        }
        Map<String, String> earlier = Cli.snapshot(dest);

        Predicate<Path> staged = d -> hasEntryQuietly(d, ".run.tmp-");
        Predicate<Path> trigger = switch (when) {
            case "cells" -> d -> hasEntryQuietly(d, ".run.cells-");
            case "staging" -> staged;
            case "csv" -> d -> stagingHas(d, ".csv");
            case "figure" -> d -> stagingHas(d, ".png") || stagingHas(d, ".svg");
            default -> throw new IllegalArgumentException(when);
        };
        Process p = start(args, tmp.resolve(moment.replace(':', '-') + ".log"));
        boolean signalled = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && !trigger.test(outDir)) {
                assertTrue(System.nanoTime() < deadline, "the moment " + when + " did not come within 60 s");
                Thread.onSpinWait();
            }
            if (p.isAlive()) {
                p.destroy(); // SIGTERM
                signalled = true;
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the signalled JVM did not exit");
            assertTrue(signalled, () -> "the run ended before the moment " + when + ": " + read(tmp.resolve(moment.replace(':', '-') + ".log")));
        } finally {
            p.destroyForcibly();
        }
        List<String> left = names(outDir).stream().filter(n -> n.contains(".tmp-") || n.contains(".old-")).toList();
        assertEquals(List.of(), left, "no staging or parked folder left (" + moment + ", signalled " + signalled + ")");
        Map<String, String> now = Cli.snapshot(dest);
        if (!now.equals(earlier)) {
            // the signal came too late to stop the commit: then the new result is complete
            assertTrue(now.containsKey(".lesde-output") && now.containsKey(command.equals("sweep") ? "sweep.json" : "summary.json"),
                    "neither the previous result nor a complete new one: " + now.keySet());
            assertTrue(now.size() >= earlier.size() - 1, "complete new result: " + now.keySet());
        }
    }

    private Process start(List<String> args, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.lesde.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean hasEntryQuietly(Path dir, String prefix) {
        try {
            return hasEntry(dir, prefix);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Whether a staging folder in dir holds a file ending with suffix. */
    private static boolean stagingHas(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path st : s.filter(f -> f.getFileName().toString().startsWith(".run.tmp-")).toList()) {
                try (Stream<Path> in = Files.list(st)) {
                    if (in.anyMatch(f -> f.getFileName().toString().endsWith(suffix))) {
                        return true;
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // the folder went away while listing
        }
        return false;
    }
}
