package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lesde (bin\lesde.cmd on Windows) runs the built jar from any folder (integration test:
 * maven-failsafe runs it in {@code mvn verify}, after {@code package} has built target/lesde.jar).
 */
class LauncherIT {
    static final boolean WINDOWS = OS.WINDOWS.isCurrentOs();
    /** The launcher of this operating system. */
    static final Path SCRIPT = Path.of("bin", WINDOWS ? "lesde.cmd" : "lesde").toAbsolutePath();
    static final Path JAR = Path.of("target", "lesde.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void jarIsBuilt() {
        assumeTrue(Files.isRegularFile(JAR), "target/lesde.jar is not built (run mvn package)");
    }

    static Run run(Path script, Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/lesde did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpWorksFromAnotherFolder() throws Exception {
        Run r = run(SCRIPT, tmp, Map.of(), "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: lesde"), r.out());
        for (String command : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
            assertTrue(r.out().contains("  " + command + " "), "--help does not list " + command + ": " + r.out());
        }
    }

    @Test
    void argumentsAndExitCodesPassThrough() throws Exception {
        Path model = tmp.resolve("m.yaml");
        Files.writeString(model, Cli.BASE);
        Run ok = run(SCRIPT, tmp, Map.of(), "simulate", "m.yaml", "--out", "res", "--quiet");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.isRegularFile(tmp.resolve("res").resolve("summary.json")), "output not written relative to the caller's folder");
        Run bad = run(SCRIPT, tmp, Map.of(), "simulate", "m.yaml", "--paths", "0", "--out", "res2");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("lesde: error: --paths must be >= 1"), bad.err());
    }

    @Test
    void followsSymlinksAndPassesJavaOpts() throws Exception {
        // a symbolic link needs administrator rights on Windows; lesde.cmd resolves its folder by %~dp0
        assumeTrue(!WINDOWS, "symbolic links are a POSIX test");
        Path link = tmp.resolve("lesde");
        Files.createSymbolicLink(link, SCRIPT);
        Run r = run(link, tmp, Map.of("JAVA_OPTS", "-XshowSettings:properties"), "--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("lesde "), r.out());
        assertTrue(r.err().contains("Property settings:"), "JAVA_OPTS not passed to java: " + r.err());
    }

    /**
     * The launcher's process is the command line's own, whose figure phase turns the optimising JIT
     * off (FigureJit): the figures are byte for byte those of the same run inside this JVM.
     */
    @Test
    void figuresOfTheLesdeProcessAreTheSameBytes() throws Exception {
        Path model = tmp.resolve("m.yaml");
        Files.writeString(model, Cli.BASE);
        Run r = run(SCRIPT, tmp, Map.of(), "simulate", "m.yaml", "--out", "proc", "--quiet");
        assertEquals(0, r.code(), r.err());
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(0, Main.run(new java.io.PrintStream(out), new java.io.PrintStream(err), "simulate", model.toString(),
                "--out", tmp.resolve("here").toString(), "--quiet"), err.toString());
        List<Path> figures;
        try (var files = Files.list(tmp.resolve("proc"))) {
            figures = files.filter(f -> f.toString().endsWith(".png") || f.toString().endsWith(".svg")).sorted().toList();
        }
        assertTrue(figures.size() >= 8, "figures: " + figures);
        for (Path f : figures) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("here").resolve(f.getFileName()))),
                    f.getFileName() + " differs between the lesde process and Main.run");
        }
    }

    @Test
    void missingJarGivesAOneLineHint() throws Exception {
        Path checkout = tmp.resolve("checkout");
        Files.createDirectories(checkout.resolve("bin"));
        Path copy = Files.copy(SCRIPT, checkout.resolve("bin").resolve(SCRIPT.getFileName()));
        Run r = run(copy, tmp, Map.of(), "--help");
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains("run: mvn -q -B package -DskipTests in " + checkout.toRealPath()), lines[0]);
    }
}
