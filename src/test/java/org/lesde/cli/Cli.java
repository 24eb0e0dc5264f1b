package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers: run the CLI in-process, snapshot folders byte for byte. */
public final class Cli {
    private Cli() {
    }

    /** Exit code and captured streams of one {@link Main#run} call. */
    public record Result(int code, String out, String err) {
        /** The stderr lines (no trailing empty line). */
        public String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }

        /** Asserts a one-line error with the given exit code and prefix, and returns that line. */
        public String oneLineError(int expectedCode) {
            assertEquals(expectedCode, code, () -> "exit code; stderr: " + err);
            String[] lines = errLines();
            assertEquals(1, lines.length, () -> "expected a one-line message, got: " + err);
            String prefix = expectedCode == Main.BAD_INPUT ? "lesde: error: " : "lesde: run failed: ";
            assertTrue(lines[0].startsWith(prefix), () -> "expected '" + prefix + "...', got: " + lines[0]);
            return lines[0];
        }
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(o, e, args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Every file and folder under root (hidden ones too) with the SHA-256 of its bytes ("dir" for
     * folders): two equal snapshots mean nothing was created, removed or changed.
     */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(root)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : sha256(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reduced phase-transition sweep of 6 cells (the shipped sweep-phase.yaml has 400 paths and more cells). */
    public static final String PHASE_SWEEP = """
            name: phase-small
            seed: 99
            model:
              classes: 3
              impact:
                alpha: {powerlaw: {c: 1.0, r: 1.0}}
                beta: 0.0
              transform: identity
              noise: {type: additive, sigma: 1.0}
              stepSize: 0.01
              init:
                means: [[0.1, 0.0, 0.0], [0.0, 0.1, 0.0], [0.0, 0.0, 0.1]]
                spread: 0.1
              time: {horizon: 1000.0, dt: 2.0, outputs: 20}
              simulation: {paths: 120, threads: 0}
            grid:
              - {key: impact.alpha.powerlaw.r, values: [0.5, 1.5]}
              - {key: impact.alpha.powerlaw.c, values: [1.0, 2.0, 4.0]}
            """;

    /** A small valid model that runs in milliseconds (all three dynamics). */
    public static final String BASE = """
            name: base
            classes: 3
            dim: 3
            impact: {alpha: 2.0, beta: -0.5}
            transform: residual-source
            noise: {type: additive, sigma: 1.0}
            stepSize: 0.01
            closure: mean
            init:
              means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]
              spread: 0.05
            time: {horizon: 0.5, dt: 0.05, outputs: 5}
            simulation: {paths: 40, solver: euler-maruyama, seed: 42, threads: 1, sgd: {particles: 4}}
            """;

    /** A prior result in {@code dest}: a marker file and a nested file, to check it survives. */
    public static void previousResult(Path dest) {
        try {
            Files.createDirectories(dest.resolve("sub"));
            Files.writeString(dest.resolve("summary.json"), "{\"success\": true}\n");
            Files.writeString(dest.resolve("marker.txt"), "previous result\n");
            Files.write(dest.resolve("sub").resolve("data.bin"), new byte[] {1, 2, 3, 0, -1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
