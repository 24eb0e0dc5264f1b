package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last bad inputs and edge cases, by kind (docs/errors.md): names that are not plain folder
 * names, bad destinations for every command, keys without a value, numbers outside the one
 * grammar, logit columns, absurd sizes, long values in messages, outputs beyond the steps and
 * overflowing noise. Each case: exit code 2, one line, the field or option named, the value
 * capped, and nothing written at all — the temporary folder (destination, caches, staging) and
 * the default output folder are byte-identical before and after.
 */
class EdgeInputTest {
    @TempDir
    Path tmp;

    private Path model;
    private Path sweep;
    private Path log;
    private Path features;
    private Path aFile;
    private Path otherKind;

    static final String SWEEP = """
            name: sw
            model:
              classes: 2
              impact: {alpha: 1.0, beta: 0.0}
              transform: identity
              noise: {type: additive, sigma: 0.1}
              stepSize: 0.01
              init: {means: [[1, 0], [0, 1]]}
              time: {horizon: 1.0, dt: 0.1, outputs: 5}
              simulation: {paths: 10}
            grid:
              - {key: impact.alpha, values: [0.5, 1.0]}
            """;

    static final String FEATURES = "label,f0,f1\n0,1,2\n1,3,1\n0,1.5,2\n1,2,1\n";

    @BeforeEach
    void files() throws IOException {
        model = tmp.resolve("model.yaml");
        Files.writeString(model, Cli.BASE);
        sweep = tmp.resolve("sweep.yaml");
        Files.writeString(sweep, SWEEP);
        log = Path.of("src/test/resources/geomnist/geomnist_k3_p0.csv.gz").toAbsolutePath();
        features = tmp.resolve("features.csv");
        Files.writeString(features, FEATURES);
        aFile = tmp.resolve("a-file");
        Files.writeString(aFile, "not a folder\n");
        // the result of another command: a folder with a marker recording its kind
        otherKind = tmp.resolve("checked");
        Files.createDirectories(otherKind);
        Files.writeString(otherKind.resolve(".lesde-output"), "Written by lesde check.\nkind: check\n");
        Files.writeString(otherKind.resolve("check.json"), "{}\n");
    }

    /**
     * Runs the CLI and asserts a one-line bad-input error containing every {@code expected} part,
     * with no entry created, removed or changed under the temporary folder or the default output
     * folder. Returns the line.
     */
    private String refused(List<String> args, String... expected) {
        Map<String, String> before = Cli.snapshot(tmp);
        Map<String, String> output = Cli.snapshot(Path.of("output"));
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        String line = r.oneLineError(Main.BAD_INPUT);
        for (String e : expected) {
            assertTrue(line.contains(e), () -> "expected \"" + e + "\" in: " + line);
        }
        assertTrue(line.length() < 600, () -> "message not capped (" + line.length() + " characters)");
        assertEquals(before, Cli.snapshot(tmp), "nothing written under the temporary folder (cache and staging included)");
        assertEquals(output, Cli.snapshot(Path.of("output")), "nothing written into the default output folder");
        return line;
    }

    private Path write(String name, String text) {
        try {
            Path f = tmp.resolve(name);
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- names ------------------------------------------------------------------------------

    static Stream<Arguments> badNames() {
        String longName = "n".repeat(300);
        return Stream.of(
                Arguments.of(".", "\".\""),
                Arguments.of("..", "\"..\""),
                Arguments.of("a/b", "\"a/b\""),
                Arguments.of("\"..\\\\up\"", "\"..\\up\""),
                Arguments.of(".hidden", "\".hidden\""),
                Arguments.of("\"a b\"", "\"a b\""),
                Arguments.of(longName, "(300 characters)"),
                Arguments.of("x".repeat(101), "(101 characters)"));
    }

    @ParameterizedTest(name = "model name {0}")
    @MethodSource("badNames")
    void modelNamesMustBePlainFolderNames(String name, String shown) {
        Path m = write("named.yaml", Cli.BASE.replace("name: base", "name: " + name));
        for (String command : List.of("simulate", "check", "convergence")) {
            refused(List.of(command, m.toString()), "name must be", shown);
        }
    }

    @ParameterizedTest(name = "sweep name {0}")
    @MethodSource("badNames")
    void sweepNamesMustBePlainFolderNames(String name, String shown) {
        Path s = write("named-sweep.yaml", SWEEP.replace("name: sw", "name: " + name));
        refused(List.of("sweep", s.toString(), "--quiet"), "name must be", shown);
    }

    @Test
    void aNameFromTheFileNameFollowsTheSameRule() {
        Path m = write("f".repeat(120) + ".yaml", Cli.BASE.replace("name: base\n", ""));
        refused(List.of("simulate", m.toString()), "name (from the file name; add a name: key) must be at most 100",
                "(120 characters)");
        Path s = write("s".repeat(120) + ".yaml", SWEEP.replace("name: sw\n", ""));
        refused(List.of("sweep", s.toString(), "--quiet"), "name (from the file name; add a name: key) must be at most 100");
    }

    // ---- destinations -----------------------------------------------------------------------

    /** The command line of each command with its --out (every other argument valid). */
    private List<String> command(String command, Path out) {
        return switch (command) {
            case "simulate" -> List.of("simulate", model.toString(), "--quiet", "--out", out.toString());
            case "check" -> List.of("check", model.toString(), "--out", out.toString());
            case "convergence" -> List.of("convergence", "--out", out.toString());
            case "fit" -> List.of("fit", log.toString(), "--out", out.toString());
            case "sweep" -> List.of("sweep", sweep.toString(), "--quiet", "--out", out.toString());
            case "sweep-shard" -> List.of("sweep", sweep.toString(), "--quiet", "--shard", "0/2", "--out", out.toString());
            case "merge" -> List.of("merge", tmp.resolve("shard-0").toString(), "--out", out.toString());
            case "metrics" -> List.of("metrics", features.toString(), "--out", out.toString());
            case "bench" -> List.of("bench", "--quick", "--quiet", "--out", out.toString());
            default -> throw new IllegalArgumentException(command);
        };
    }

    static Stream<Arguments> folderCommands() {
        List<Arguments> a = new ArrayList<>();
        for (String c : List.of("simulate", "check", "convergence", "fit", "sweep", "sweep-shard", "merge")) {
            a.add(Arguments.of(c));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} --out an existing file")
    @MethodSource("folderCommands")
    void outIsAFile(String command) {
        refused(command(command, aFile), "--out \"" + aFile + "\" exists and is not a folder");
    }

    @ParameterizedTest(name = "{0} --out under a file")
    @MethodSource("folderCommands")
    void outUnderAFile(String command) {
        refused(command(command, aFile.resolve("sub").resolve("run")), "--out", "is a file, not a folder");
    }

    @ParameterizedTest(name = "{0} --out the result of another command")
    @MethodSource("folderCommands")
    void outIsAnotherKindsResult(String command) {
        if (command.equals("check")) {
            // a check result may be replaced by check: use a simulate result instead
            Path sim = tmp.resolve("simulated");
            try {
                Files.createDirectories(sim);
                Files.writeString(sim.resolve(".lesde-output"), "Written by lesde simulate.\nkind: simulate\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            refused(command(command, sim), "--out", "holds the result of 'lesde simulate'");
            return;
        }
        refused(command(command, otherKind), "--out", "holds the result of 'lesde check'");
    }

    @ParameterizedTest(name = "{0} --out inside another result")
    @MethodSource("folderCommands")
    void outInsideAnotherResult(String command) {
        refused(command(command, otherKind.resolve("nested")), "--out", "is inside", "the result of another lesde run");
    }

    @ParameterizedTest(name = "{0} --out with a folder name too long")
    @MethodSource("folderCommands")
    void outNameTooLong(String command) {
        refused(command(command, tmp.resolve("o".repeat(240))), "--out", "the folder name is 240 bytes, at most 200");
    }

    @ParameterizedTest(name = "{0} --out in an unwritable folder")
    @MethodSource("folderCommands")
    void outInAnUnwritableFolder(String command) {
        Path ro = Path.of("/proc/sys");
        assumeTrue(Files.isDirectory(ro) && !Files.isWritable(ro), "needs a folder this user cannot write (Linux /proc/sys)");
        refused(command(command, ro.resolve("lesde-run")), "--out \"/proc/sys/lesde-run\": cannot write into \"/proc/sys\"");
    }

    static Stream<Arguments> fileCommands() {
        return Stream.of(Arguments.of("metrics"), Arguments.of("bench"));
    }

    @ParameterizedTest(name = "{0} --out FILE.json checked first")
    @MethodSource("fileCommands")
    void fileOutputsAreCheckedFirst(String command) {
        refused(command(command, tmp), "--out", "is a folder, expected a file name");
        refused(command(command, aFile.resolve("m.json")), "--out", "is a file, not a folder");
        refused(command(command, tmp.resolve("j".repeat(230) + ".json")), "--out", "the file name is 235 bytes");
        Path ro = Path.of("/proc/sys");
        if (Files.isDirectory(ro) && !Files.isWritable(ro)) {
            refused(command(command, ro.resolve("m.json")), "--out", "cannot write into \"/proc/sys\"");
        }
    }

    @Test
    void aSweepWithABadOutRunsNoCellAndLeavesNoCache() throws IOException {
        // cells would take a while and leave .NAME.cells-HASH: refused before either
        refused(List.of("sweep", sweep.toString(), "--quiet", "--out", aFile.toString()), "--out", "exists and is not a folder");
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".cells-")), "no resume cache");
        }
    }

    @Test
    void theRightKindReplacesItsOwnResult() throws IOException {
        Path dest = tmp.resolve("runs").resolve("ok");
        Cli.Result first = Cli.run("simulate", model.toString(), "--quiet", "--out", dest.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.readString(dest.resolve(".lesde-output")).contains("kind: simulate"));
        Cli.Result again = Cli.run("simulate", model.toString(), "--quiet", "--seed", "9", "--out", dest.toString());
        assertEquals(0, again.code(), again.err());
        refused(List.of("check", model.toString(), "--out", dest.toString()), "holds the result of 'lesde simulate'");
        refused(List.of("sweep", sweep.toString(), "--quiet", "--out", dest.toString()), "holds the result of 'lesde simulate'");
    }

    // ---- keys without a value -------------------------------------------------------------

    static Stream<Arguments> keysWithoutValue() {
        return Stream.of(
                Arguments.of("seed: 42", "seed:", "simulation.seed has no value"),
                Arguments.of("spread: 0.05", "spread:", "init.spread has no value"),
                Arguments.of("outputs: 5}", "outputs: }", "time.outputs has no value"),
                Arguments.of("solver: euler-maruyama", "solver: ", "simulation.solver has no value"),
                Arguments.of("particles: 4", "particles: ~", "simulation.sgd.particles has no value"),
                Arguments.of("dim: 3", "dim:", "dim has no value"),
                Arguments.of("closure: mean", "closure:", "closure has no value"),
                Arguments.of("name: base", "name:", "name has no value"),
                Arguments.of("threads: 1", "threads: null", "simulation.threads has no value"),
                Arguments.of("simulation: {paths: 40, solver: euler-maruyama, seed: 42, threads: 1, sgd: {particles: 4}}",
                        "simulation:", "simulation has no value"),
                Arguments.of("sgd: {particles: 4}", "sgd: ", "simulation.sgd has no value"),
                Arguments.of("noise: {type: additive, sigma: 1.0}", "noise: {type: proportional, sigma: 0.1, centred: }",
                        "noise.centred has no value"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keysWithoutValue")
    void optionalKeysWithoutAValueAreRefused(String from, String to, String expected) {
        assertTrue(Cli.BASE.contains(from), from);
        Path m = write("empty-key.yaml", Cli.BASE.replace(from, to));
        refused(List.of("simulate", m.toString(), "--quiet", "--out", tmp.resolve("run").toString()), expected);
    }

    @ParameterizedTest(name = "sweep {1}")
    @ValueSource(strings = {"name:", "seed:", "threshold:", "set:"})
    void sweepKeysWithoutAValueAreRefused(String key) {
        String text = key.equals("name:") ? SWEEP.replace("name: sw", "name:") : SWEEP + key + "\n";
        Path s = write("empty-sweep.yaml", text);
        refused(List.of("sweep", s.toString(), "--quiet", "--out", tmp.resolve("run").toString()),
                key.replace(":", "") + " has no value");
    }

    // ---- one number grammar ---------------------------------------------------------------

    static Stream<Arguments> javaOnlyNumbers() {
        return Stream.of(Arguments.of("1d"), Arguments.of("2f"), Arguments.of("0x1p3"), Arguments.of("1_0"),
                Arguments.of("0x10"));
    }

    @ParameterizedTest(name = "metrics feature {0}")
    @MethodSource("javaOnlyNumbers")
    void metricsReadsOnlyDecimalNumbers(String number) {
        Path f = write("f.csv", FEATURES.replace("0,1.5,2", "0," + number + ",2"));
        refused(List.of("metrics", f.toString(), "--out", tmp.resolve("m.json").toString()), "column 2 (f0)",
                "\"" + number + "\"");
        Path w = write("w.csv", number + ",0\n0,1\n");
        refused(List.of("metrics", features.toString(), "--classifier", w.toString()), "--classifier", "\"" + number + "\"");
        Path l = write("l.csv", FEATURES.replace("1,3,1", number + ",3,1"));
        refused(List.of("metrics", l.toString()), "column 1 (label)", "\"" + number + "\"");
    }

    static Stream<Arguments> yaml11Numbers() {
        return Stream.of(
                Arguments.of("paths: 40", "paths: 0x3", "simulation.paths must be written in decimal digits, got \"0x3\""),
                Arguments.of("paths: 40", "paths: 5_0", "simulation.paths must be written in decimal digits, got \"5_0\""),
                Arguments.of("seed: 42", "seed: 010", "simulation.seed must be written in decimal digits, got \"010\""),
                Arguments.of("seed: 42", "seed: 0o7", "simulation.seed"),
                Arguments.of("alpha: 2.0", "alpha: 1_0.5", "impact.alpha must be a decimal number"),
                Arguments.of("noise: {type: additive, sigma: 1.0}", "noise: {type: proportional, sigma: 0.1, centred: yes}",
                        "noise.centred must be true or false, got \"yes\""),
                Arguments.of("noise: {type: additive, sigma: 1.0}", "noise: {type: proportional, sigma: 0.1, centred: off}",
                        "noise.centred must be true or false, got \"off\""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("yaml11Numbers")
    void yaml11FormsAreNotRead(String from, String to, String expected) {
        assertTrue(Cli.BASE.contains(from), from);
        Path m = write("yaml11.yaml", Cli.BASE.replace(from, to));
        refused(List.of("simulate", m.toString(), "--quiet", "--out", tmp.resolve("run").toString()), expected);
    }

    @Test
    void yesAndNoAreTextNotBooleans() {
        Path m = write("no.yaml", Cli.BASE.replace("name: base", "name: no"));
        Path dest = tmp.resolve("run-no");
        Cli.Result r = Cli.run("simulate", m.toString(), "--quiet", "--out", dest.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("no: "), r.out());
    }

    // ---- fit: logit columns ---------------------------------------------------------------

    static Stream<Arguments> badLogitHeaders() {
        return Stream.of(
                Arguments.of("y_logit0,y_logit1,y_logit01", "\"y_logit01\": write the class index without leading zeros (y_logit1)"),
                Arguments.of("y_logit00,y_logit1", "\"y_logit00\": write the class index without leading zeros (y_logit0)"),
                Arguments.of("y_logit0,y_logit1,y_logit2000000000",
                        "found 3 logit columns but the largest index is 2000000000"),
                Arguments.of("y_logit0,y_logit99999999999", "\"y_logit99999999999\" has a class index beyond"),
                Arguments.of("y_logit0", "need at least 2 classes (columns y_logit0, y_logit1), found 1 logit column"),
                Arguments.of("y_logit0,y_logit2", "missing column y_logit1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLogitHeaders")
    void fitRefusesNonCanonicalLogitColumns(String logits, String expected) {
        int n = logits.split(",").length;
        String row = "0,0,0,0" + ",0.5".repeat(n);
        Path l = write("log.csv", "trial,itr,smp,y," + logits + "\n" + row + "\n");
        refused(List.of("fit", l.toString(), "--out", tmp.resolve("fit").toString()), expected);
    }

    // ---- absurd sizes -----------------------------------------------------------------------

    @ParameterizedTest(name = "metrics label {0}")
    @ValueSource(ints = {1_000_000_000, Integer.MAX_VALUE, 5})
    void metricsRefusesLabelsBeyondTheSamples(int label) {
        Path f = write("big-label.csv", FEATURES.replace("1,3,1", label + ",3,1"));
        String line = refused(List.of("metrics", f.toString()), "class 2 has no samples (labels must be 0..K-1 = 0.." + label,
                "4 samples cannot cover K = " + (label + 1L) + " classes");
        assertFalse(line.contains("K = -"), line);
    }

    @ParameterizedTest(name = "sweep range count {0}")
    @ValueSource(strings = {"1e9", "2000000000", "10000001"})
    void sweepRefusesAbsurdRanges(String count) {
        Path s = write("range.yaml", SWEEP.replace("{key: impact.alpha, values: [0.5, 1.0]}",
                "{key: impact.alpha, range: {from: 0.1, to: 1.0, count: " + count + "}}"));
        refused(List.of("sweep", s.toString(), "--quiet", "--out", tmp.resolve("run").toString()),
                "grid[0].range.count must be <= 10000000");
    }

    // ---- long values, overflow in messages ---------------------------------------------

    static Stream<Arguments> longValues() {
        String big = "v".repeat(100_000);
        return Stream.of(
                Arguments.of("name: base", "name: " + big, "name"),
                Arguments.of("solver: euler-maruyama", "solver: " + big, "simulation.solver"),
                Arguments.of("closure: mean", "closure: " + big, "closure"),
                Arguments.of("transform: residual-source", "transform: " + big, "transform"),
                Arguments.of("alpha: 2.0", "alpha: " + big, "impact.alpha"));
    }

    @ParameterizedTest(name = "a 10^5-character {2}")
    @MethodSource("longValues")
    void longValuesAreCappedInMessages(String from, String to, String field) {
        Path m = write("long.yaml", Cli.BASE.replace(from, to));
        refused(List.of("simulate", m.toString(), "--quiet", "--out", tmp.resolve("run").toString()), field,
                "(100000 characters)");
    }

    @Test
    void longValuesInCsvAndLogsAreCapped() {
        String big = "9".repeat(500) + "x".repeat(999_500);
        Path f = write("long.csv", FEATURES.replace("0,1.5,2", "0," + big + ",2"));
        refused(List.of("metrics", f.toString()), "column 2 (f0)", "(1000000 characters)");
        Path l = write("long-log.csv", "trial,itr,smp,y,y_logit0,y_logit1\n0,0,0,0," + big + ",1\n");
        refused(List.of("fit", l.toString(), "--out", tmp.resolve("fit").toString()), "(1000000 characters)");
    }

    @Test
    void anOverflowingOdeReportsARealTime() {
        Path m = write("overflow.yaml", Cli.BASE.replace("alpha: 2.0", "alpha: 1e308"));
        Map<String, String> before = Cli.snapshot(tmp);
        Cli.Result r = Cli.run("simulate", m.toString(), "--quiet", "--out", tmp.resolve("run").toString());
        String line = r.oneLineError(Main.FAILED);
        assertTrue(line.contains("overflowed near t = "), line);
        assertFalse(line.contains("NaN"), line);
        assertEquals(before, Cli.snapshot(tmp), "a failed run leaves nothing");
    }

    // ---- time.outputs, noise range -------------------------------------------------------

    static Stream<Arguments> outputsBeyondSteps() {
        return Stream.of(
                Arguments.of("outputs: 5}", "outputs: 11}", List.<String>of(), "time.outputs must be <= the number of steps"
                        + " time.horizon / time.dt = 10, got 11"),
                Arguments.of("outputs: 5}", "outputs: 1000}", List.<String>of(), "= 10, got 1000"),
                Arguments.of("outputs: 5}", "outputs: 5}", List.of("--dt", "0.25"), "time.horizon / --dt = 2, got 5"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("outputsBeyondSteps")
    void outputsBeyondTheStepsAreRefused(String from, String to, List<String> extra, String expected) {
        Path m = write("outputs.yaml", Cli.BASE.replace(from, to));
        List<String> args = new ArrayList<>(List.of("simulate", m.toString(), "--quiet", "--out", tmp.resolve("run").toString()));
        args.addAll(extra);
        refused(args, expected);
    }

    @Test
    void withoutAnOutputsKeyTheDefaultFitsTheSteps() throws IOException {
        Path m = write("no-outputs.yaml", Cli.BASE.replace(", outputs: 5}", "}"));
        Path dest = tmp.resolve("run-default");
        Cli.Result r = Cli.run("simulate", m.toString(), "--quiet", "--out", dest.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 10 + 1, Files.readAllLines(dest.resolve("ode.csv")).size(), "header + one row per step + t = 0");
    }

    static Stream<Arguments> overflowingNoise() {
        return Stream.of(
                Arguments.of("noise: {type: additive, sigma: 1e300}", "noise.sigma must be at most"),
                Arguments.of("noise: {type: additive, sigma: -1e200}", "noise.sigma must be at most"),
                Arguments.of("noise: {type: diagonal, sigmas: [1.0, 1e160, 1.0]}", "noise.sigmas[1] must be at most"),
                Arguments.of("noise: {type: full, matrix: [[1, 0, 0], [0, 1e300, 0], [0, 0, 1]]}",
                        "noise.matrix[1][1] must be at most"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overflowingNoise")
    void noiseWhoseCovarianceOverflowsIsRefused(String noise, String expected) {
        Path m = write("noise.yaml", Cli.BASE.replace("noise: {type: additive, sigma: 1.0}", noise));
        refused(List.of("simulate", m.toString(), "--quiet", "--out", tmp.resolve("run").toString()), expected);
    }
}
