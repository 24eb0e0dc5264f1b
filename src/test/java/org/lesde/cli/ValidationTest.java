package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesde.BadInputException;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.ModelRules;
import org.lesde.model.Noise;
import org.lesde.modelfile.ModelFile;
import org.lesde.sde.Solver;

/**
 * One test per validation rule: each bad model file or option ends with exit code 2, a
 * one-line message that names the field and the value, and the destination folder (holding a
 * previous result) byte-identical, with no staging folder left next to it.
 */
class ValidationTest {
    @TempDir
    Path tmp;

    /** A rejected input: the model text, extra files next to it, extra CLI args, the expected message part. */
    record Case(String yaml, Map<String, String> files, List<String> args, String expected) {
        Case withArgs(String... more) {
            List<String> l = new ArrayList<>(args);
            l.addAll(List.of(more));
            return new Case(yaml, files, l, expected);
        }
    }

    private static Case model(String from, String to, String expected) {
        if (!Cli.BASE.contains(from)) {
            throw new IllegalArgumentException("not in the base model: " + from);
        }
        return new Case(Cli.BASE.replace(from, to), Map.of(), List.of(), expected);
    }

    private static Case withFile(Case c, String name, String content) {
        Map<String, String> f = new LinkedHashMap<>(c.files());
        f.put(name, content);
        return new Case(c.yaml(), f, c.args(), c.expected());
    }

    private static Case cli(String expected, String... args) {
        return new Case(Cli.BASE, Map.of(), List.of(args), expected);
    }

    private static Arguments a(String name, Case c) {
        return Arguments.of(name, c);
    }

    static Stream<Arguments> modelRules() {
        return Stream.of(
                // malformed YAML, with line number
                a("malformed: unclosed flow mapping", model("beta: -0.5}", "beta: -0.5",
                        "model.yaml: malformed YAML at line 5, column 10: expected ',' or '}'")),
                a("malformed: tab indentation", model("  spread: 0.05", "\tspread: 0.05",
                        "model.yaml: malformed YAML at line 11, column 1: found character '\\t(TAB)'")),
                a("malformed: unterminated quote", model("name: base", "name: \"base", "model.yaml: malformed YAML at line")),
                a("duplicate key", model("dim: 3\n", "dim: 3\nclasses: 4\n", "model.yaml: duplicate key classes at line 4")),
                a("second YAML document", model("closure: mean\n", "closure: mean\n---\nclasses: 2\n",
                        "model.yaml: more than one YAML document")),
                a("empty file", new Case("# nothing here\n", Map.of(), List.of(), "model.yaml: the model file is empty")),
                a("not a mapping", new Case("- 1\n- 2\n", Map.of(), List.of(), "the model file must be a mapping of keys")),
                // unknown keys, with the closest known key
                a("unknown key (top level)", model("stepSize: 0.01", "stepsize: 0.01",
                        "unknown key stepsize (did you mean stepSize?)")),
                a("unknown key (noise)", model("sigma: 1.0", "sigam: 1.0", "unknown key noise.sigam (did you mean noise.sigma?)")),
                a("unknown key (simulation)", model("threads: 1", "thread: 1",
                        "unknown key simulation.thread (did you mean simulation.threads?)")),
                a("unknown key (no close match)", model("closure: mean", "closure: mean\nfoo: 1", "unknown key foo; allowed: name,")),
                // wrong types
                a("wrong type: classes text", model("classes: 3", "classes: three", "classes must be a whole number, got \"three\"")),
                a("wrong type: classes fraction", model("classes: 3", "classes: 3.5", "classes must be a whole number, got 3.5")),
                a("wrong type: time scalar", model("time: {horizon: 0.5, dt: 0.05, outputs: 5}", "time: 5",
                        "time must be a mapping (key: value), got 5")),
                a("wrong type: spread list", model("spread: 0.05", "spread: [0.05]", "init.spread must be a number, got a list [0.05]")),
                a("wrong type: seed fraction", model("seed: 42", "seed: 4.2", "simulation.seed must be a whole number (64-bit), got 4.2")),
                a("wrong type: quoted number", model("alpha: 2.0", "alpha: \"2.0\"", "impact.alpha must be a number or one of")),
                a("wrong type: transform number", model("transform: residual-source", "transform: 3",
                        "transform must be a name or {matrix: [[..]]}, got 3")),
                a("wrong type: centred not boolean", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: proportional, sigma: 1.0, centred: maybe}", "noise.centred must be true or false, got \"maybe\"")),
                a("unknown transform name", model("transform: residual-source", "transform: residual-sourse",
                        "transform must be one of identity, residual-source, residual-target, residual-outer, got \"residual-sourse\" (did you mean residual-source?)")),
                a("unknown noise type", model("type: additive", "type: additve",
                        "noise.type must be one of additive, diagonal, full, proportional, got \"additve\" (did you mean additive?)")),
                a("unknown closure", model("closure: mean", "closure: means",
                        "closure must be one of mean, self, ensemble, got \"means\" (did you mean mean?)")),
                a("invalid name", model("name: base", "name: \"a b\"", "name must be a plain folder name: letters A-Z a-z, digits, '.', '_' and '-', not starting with '.', got \"a b\"")),
                // missing required keys
                a("missing key: stepSize", model("stepSize: 0.01\n", "", "missing required key stepSize")),
                a("missing key: time.dt", model("dt: 0.05, ", "", "missing required key time.dt")),
                a("missing key: impact.beta", model(", beta: -0.5", "", "missing required key impact.beta")),
                a("missing key: init.means", model("  means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]\n", "",
                        "missing required key init.means (or init.random)")),
                a("null value", model("stepSize: 0.01", "stepSize:", "stepSize has no value (null)")),
                // sizes
                a("K < 2", model("classes: 3", "classes: 1", "classes must be >= 2, got 1")),
                a("p < K for a residual transform", model("dim: 3", "dim: 2",
                        "dim must be >= classes (3) for transform residual-source, got 2")),
                a("p < 1", model("dim: 3", "dim: 0", "dim must be >= 1, got 0")),
                a("K*p too large", model("classes: 3\ndim: 3", "classes: 100000\ndim: 100000",
                        "classes * dim (100000 * 100000) is too large")),
                // non-positive sizes and steps
                a("dt = 0", model("dt: 0.05", "dt: 0", "time.dt must be > 0, got 0.0")),
                a("dt < 0", model("dt: 0.05", "dt: -0.05", "time.dt must be > 0, got -0.05")),
                a("horizon = 0", model("horizon: 0.5", "horizon: 0", "time.horizon must be > 0, got 0.0")),
                a("horizon < 0", model("horizon: 0.5", "horizon: -2", "time.horizon must be > 0, got -2.0")),
                a("paths = 0", model("paths: 40", "paths: 0", "simulation.paths must be >= 1, got 0")),
                a("outputs = 0", model("outputs: 5", "outputs: 0", "time.outputs must be >= 1, got 0")),
                a("stepSize = 0", model("stepSize: 0.01", "stepSize: 0", "stepSize must be > 0, got 0.0")),
                a("particles < 0", model("particles: 4", "particles: -1", "simulation.sgd.particles must be >= 0, got -1")),
                a("dt > horizon", model("dt: 0.05", "dt: 1.0", "time.dt must be <= time.horizon (0.5), got 1.0")),
                a("horizon not a whole number of steps", model("dt: 0.05", "dt: 0.3",
                        "time.dt (0.3) must divide time.horizon (0.5) into a whole number of steps")),
                a("too many steps", model("dt: 0.05", "dt: 1e-12", "time.dt (1.0E-12) makes time.horizon (0.5) 5.0E11 steps")),
                a("too many SGD iterations", model("stepSize: 0.01", "stepSize: 1e-12",
                        "time.horizon / stepSize = 5.0E11 LE-SGD iterations is too many")),
                // negative sigma, for every form of the noise level
                a("negative sigma (constant)", model("sigma: 1.0", "sigma: -1.0", "noise.sigma must be >= 0, got -1.0")),
                a("negative sigma (power law)", model("sigma: 1.0", "sigma: {powerlaw: {c: -1.0, r: 0.5}}",
                        "noise.sigma.powerlaw.c must be >= 0, got -1.0")),
                a("negative sigma (piecewise)", model("sigma: 1.0", "sigma: {piecewise: [[0, 1.0], [0.2, -0.5]]}",
                        "noise.sigma.piecewise[1][1] must be >= 0, got -0.5")),
                a("negative sigma (inline table)", model("sigma: 1.0", "sigma: {table: [[0, 1.0], [1, -2]]}",
                        "noise.sigma.table[1][1] must be >= 0, got -2.0")),
                a("negative sigma (table file)", withFile(model("sigma: 1.0", "sigma: {table: sigma.csv}",
                        "noise.sigma.table: sigma.csv:3: value must be >= 0, got -0.5"), "sigma.csv", "t,sigma\n0,1\n1,-0.5\n")),
                a("negative sigma (diagonal)", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: diagonal, sigmas: [1.0, -0.1, 1.0]}", "noise.sigmas[1] must be >= 0, got -0.1")),
                a("negative noise scale", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: diagonal, sigmas: [1, 1, 1], scale: -2}", "noise.scale must be >= 0, got -2.0")),
                a("negative sigma (proportional)", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: proportional, sigma: -0.5}", "noise.sigma must be >= 0, got -0.5")),
                // matrices of the wrong shape
                a("means: too few rows", model("means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]",
                        "means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3]]", "init.means must have 3 rows, got 2")),
                a("means: short row", model("[0.1, 0.0, 1.0]", "[0.1, 0.0]", "init.means[2] must have 3 entries, got 2")),
                a("means: empty", model("means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]", "means: []",
                        "init.means must have 3 rows, got 0")),
                a("impact matrix 3x2", model("impact: {alpha: 2.0, beta: -0.5}", "impact: {matrix: [[2, 0], [0, 2], [0, 0]]}",
                        "impact.matrix[0] must have 3 entries, got 2")),
                a("transform matrix 2x2", model("transform: residual-source", "transform: {matrix: [[1, 0], [0, 1]]}",
                        "transform.matrix must have 3 rows, got 2")),
                a("transform matrices: 2 rows", model("transform: residual-source",
                        "transform: {matrices: [[[[1]], [[1]], [[1]]], [[[1]], [[1]], [[1]]]]}",
                        "transform.matrices must have 3 rows of 3 matrices, got 2")),
                a("noise matrix 2x2", model("noise: {type: additive, sigma: 1.0}", "noise: {type: full, matrix: [[1, 0], [0, 1]]}",
                        "noise.matrix must be dim x dim (3) or (classes*dim) x (classes*dim) (9), got 2 rows")),
                a("noise matrix not square", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: full, matrix: [[1, 0], [0, 1], [0, 0]]}", "noise.matrix[0] must have 3 entries, got 2")),
                a("noise sigmas wrong length", model("noise: {type: additive, sigma: 1.0}", "noise: {type: diagonal, sigmas: [1, 1]}",
                        "noise.sigmas must have dim (3) or classes*dim (9) entries, got 2")),
                a("piecewise row of 3", model("alpha: 2.0", "alpha: {piecewise: [[0, 1, 2]]}",
                        "impact.alpha.piecewise[0] must have 2 entries, got 3")),
                // noise matrix: symmetric positive semidefinite
                a("noise matrix not symmetric", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: full, matrix: [[1, 0.5, 0], [0, 1, 0], [0, 0, 1]]}",
                        "noise.matrix must be symmetric, got [1][0] = 0.0 but [0][1] = 0.5")),
                a("noise matrix not PSD", model("noise: {type: additive, sigma: 1.0}",
                        "noise: {type: full, matrix: [[1, 2, 0], [2, 1, 0], [0, 0, 1]]}",
                        "noise.matrix must be positive semidefinite, got eigenvalue -")),
                // schedule tables: missing, unsorted, non-numeric
                a("table file missing", model("alpha: 2.0", "alpha: {table: nope.csv}", "impact.alpha.table: file not found: ")),
                a("table file unsorted", withFile(model("alpha: 2.0", "alpha: {table: alpha.csv}",
                        "impact.alpha.table: alpha.csv:3: times must be strictly increasing, got 1.0 then 0.5"),
                        "alpha.csv", "t,alpha\n1.0,2\n0.5,3\n")),
                a("table file non-numeric", withFile(model("alpha: 2.0", "alpha: {table: alpha.csv}",
                        "impact.alpha.table: alpha.csv:3: column 2 (alpha) is not a number, got \"abc\""),
                        "alpha.csv", "t,alpha\n0,2\n1,abc\n")),
                a("table file NaN", withFile(model("alpha: 2.0", "alpha: {table: alpha.csv}",
                        "impact.alpha.table: alpha.csv:2: column 2 must be finite, got nan"), "alpha.csv", "0,2\n1,nan\n")),
                a("table file 3 columns", withFile(model("alpha: 2.0", "alpha: {table: alpha.csv}",
                        "impact.alpha.table: alpha.csv:1: expected 2 columns, got 3"), "alpha.csv", "0,2,3\n")),
                a("table file empty", withFile(model("alpha: 2.0", "alpha: {table: alpha.csv}",
                        "impact.alpha.table: alpha.csv has no data rows"), "alpha.csv", "t,alpha\n")),
                a("inline table unsorted", model("alpha: 2.0", "alpha: {table: [[0, 1], [0, 2]]}",
                        "impact.alpha.table[1][0] must be > 0.0 (times strictly increasing), got 0.0")),
                a("piecewise unsorted", model("alpha: 2.0", "alpha: {piecewise: [[1, 1], [0.5, 2]]}",
                        "impact.alpha.piecewise[1][0] must be > 1.0 (times strictly increasing), got 0.5")),
                a("schedule with two kinds", model("alpha: 2.0", "alpha: {powerlaw: {c: 1, r: 1}, piecewise: [[0, 1]]}",
                        "impact.alpha must have exactly one of powerlaw, piecewise, table")),
                // solvers, threads
                a("unknown solver", model("solver: euler-maruyama", "solver: milstien",
                        "simulation.solver must be one of euler-maruyama, milstein, sra1, exact, got \"milstien\" (did you mean milstein?)")),
                a("threads < 0", model("threads: 1", "threads: -1", "simulation.threads must be >= 0, got -1")),
                a("threads absurd", model("threads: 1", "threads: 5000", "simulation.threads must be <= 4096, got 5000")),
                // other combinations
                a("init: means and random", model("  spread: 0.05", "  spread: 0.05\n  random: {scale: 1}",
                        "init takes either means or random, not both")),
                a("init.random.scale = 0", model("  means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]",
                        "  random: {scale: 0}", "init.random.scale must be > 0, got 0.0")),
                a("negative spread", model("spread: 0.05", "spread: -1", "init.spread must be >= 0, got -1.0")),
                a("impact: alpha and matrix", model("impact: {alpha: 2.0, beta: -0.5}",
                        "impact: {alpha: 2.0, beta: -0.5, matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}",
                        "impact takes either alpha and beta, or matrix, not both")),
                // memory: refuse with the estimate and the limit
                a("memory estimate exceeds the heap", model("time: {horizon: 0.5, dt: 0.05, outputs: 5}",
                        "time: {horizon: 10000.0, dt: 0.0001, outputs: 5}", "the run needs about ")),
                a("memory: ensemble closure with many paths", model("closure: mean", "closure: ensemble",
                        "the run needs about ").withArgs("--paths", "30000000")),
                a("array limit", model("time: {horizon: 0.5, dt: 0.05, outputs: 5}",
                        "time: {horizon: 1000.0, dt: 0.000001, outputs: 5}",
                        "the LE-ODE mean table would have 9.000e+09 entries, more than one Java array can hold")));
    }

    static Stream<Arguments> nonFinite() {
        String[][] fields = {
            {"alpha: 2.0", "alpha: X", "impact.alpha must be finite"},
            {"beta: -0.5", "beta: {powerlaw: {c: -0.5, r: X}}", "impact.beta.powerlaw.r must be finite"},
            {"alpha: 2.0", "alpha: {piecewise: [[0, 2.0], [X, 1.0]]}", "impact.alpha.piecewise[1][0] must be finite"},
            {"alpha: 2.0", "alpha: {table: [[0, 2.0], [1, X]]}", "impact.alpha.table[1][1] must be finite"},
            {"sigma: 1.0", "sigma: X", "noise.sigma must be finite"},
            {"[1.0, 0.2, 0.0]", "[1.0, X, 0.0]", "init.means[0][1] must be finite"},
            {"spread: 0.05", "spread: X", "init.spread must be finite"},
            {"horizon: 0.5", "horizon: X", "time.horizon must be finite"},
            {"dt: 0.05", "dt: X", "time.dt must be finite"},
            {"stepSize: 0.01", "stepSize: X", "stepSize must be finite"},
            {"outputs: 5", "outputs: X", "time.outputs must be a finite whole number"},
            {"seed: 42", "seed: X", "simulation.seed must be a finite whole number"},
            {"transform: residual-source", "transform: {matrix: [[1, 0, 0], [0, X, 0], [0, 0, 1]]}",
                "transform.matrix[1][1] must be finite"},
            {"impact: {alpha: 2.0, beta: -0.5}", "impact: {matrix: [[2, X, -0.5], [-0.5, 2, -0.5], [-0.5, -0.5, 2]]}",
                "impact.matrix[0][1] must be finite"},
            {"noise: {type: additive, sigma: 1.0}", "noise: {type: full, matrix: [[1, 0, 0], [0, 1, 0], [0, 0, X]]}",
                "noise.matrix[2][2] must be finite"},
            {"noise: {type: additive, sigma: 1.0}", "noise: {type: diagonal, sigmas: [1, 1, X]}", "noise.sigmas[2] must be finite"},
        };
        // YAML special floats (.nan, .inf, ...) and the plain words people type
        String[] literals = {".nan", ".NaN", ".inf", "-.inf", "+.inf", "NaN", "nan", "Infinity", "-Infinity", "1e999"};
        List<Arguments> out = new ArrayList<>();
        for (String[] f : fields) {
            for (String lit : literals) {
                out.add(a(f[2].replace(" must be", "") + " = " + lit, model(f[0], f[1].replace("X", lit), f[2])));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> cliRules() {
        return Stream.of(
                a("--dt 0", cli("--dt must be > 0, got 0.0", "--dt", "0")),
                a("--dt -1", cli("--dt must be > 0, got -1.0", "--dt", "-1")),
                a("--dt NaN", cli("--dt must be finite, got NaN", "--dt", "NaN")),
                a("--dt abc", cli("Invalid value for option '--dt': 'abc' is not a double", "--dt", "abc")),
                a("--dt 0.3 (not a divisor)", cli("--dt (0.3) must divide time.horizon (0.5) into a whole number of steps",
                        "--dt", "0.3")),
                a("--dt > horizon", cli("--dt must be <= time.horizon (0.5), got 1.0", "--dt", "1")),
                a("--dt without value", cli("Missing required parameter for option '--dt'", "--dt")),
                a("--dt too small for the heap", cli("the run needs about ", "--dt", "1e-8")),
                a("--paths 0", cli("--paths must be >= 1, got 0", "--paths", "0")),
                a("--paths -5", cli("--paths must be >= 1, got -5", "--paths", "-5")),
                a("--paths 1e3", cli("Invalid value for option '--paths': '1e3' is not an int", "--paths", "1e3")),
                a("--threads -1", cli("--threads must be >= 0, got -1", "--threads", "-1")),
                a("--threads 100000", cli("--threads must be <= 4096, got 100000", "--threads", "100000")),
                a("--solver rk4", cli("--solver must be one of euler-maruyama, milstein, sra1, exact, got \"rk4\"", "--solver", "rk4")),
                a("--solver Milstein", cli("--solver must be one of euler-maruyama, milstein, sra1, exact, got \"Milstein\" (did you mean milstein?)",
                        "--solver", "Milstein")),
                a("--seed x", cli("Invalid value for option '--seed': 'x' is not a long", "--seed", "x")),
                a("unknown option", cli("Unknown option: '--bogus'", "--bogus")),
                a("misspelt option", cli("(did you mean --paths?)", "--pahts", "3")),
                a("extra positional", cli("Unmatched argument", "other.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelRules")
    void modelRule(String name, Case c) throws IOException {
        assertRejected(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonFinite")
    void nonFiniteValue(String name, Case c) throws IOException {
        assertRejected(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cliRules")
    void cliOption(String name, Case c) throws IOException {
        assertRejected(c);
    }

    /** Runs the case against a destination holding a previous result; asserts exit 2, the message, nothing changed. */
    private String assertRejected(Case c) throws IOException {
        Path model = tmp.resolve("model.yaml");
        Files.writeString(model, c.yaml());
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Files.writeString(tmp.resolve(f.getKey()), f.getValue());
        }
        Path outDir = tmp.resolve("out");
        Path dest = outDir.resolve("run");
        Cli.previousResult(dest);
        Map<String, String> before = Cli.snapshot(outDir);
        List<String> args = new ArrayList<>(List.of("simulate", model.toString(), "--out", dest.toString(), "--quiet"));
        args.addAll(c.args());
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        String line = r.oneLineError(Main.BAD_INPUT);
        assertTrue(line.contains(c.expected()), () -> "expected \"" + c.expected() + "\" in: " + line);
        assertEquals(before, Cli.snapshot(outDir), "destination and its folder must be untouched");
        assertEquals("", r.out());
        return line;
    }

    @Test
    void noOutputFolderIsCreatedOnBadInput() throws IOException {
        Path model = tmp.resolve("model.yaml");
        Files.writeString(model, Cli.BASE.replace("classes: 3", "classes: 1"));
        Path outDir = tmp.resolve("not-yet");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", outDir.resolve("run").toString());
        r.oneLineError(Main.BAD_INPUT);
        assertFalse(Files.exists(outDir));
    }

    @Test
    void modelFileProblems() throws IOException {
        Path outDir = tmp.resolve("out");
        Path dest = outDir.resolve("run");
        Cli.previousResult(dest);
        Map<String, String> before = Cli.snapshot(outDir);
        Path good = tmp.resolve("good.yaml");
        Files.writeString(good, Cli.BASE);
        Path binary = tmp.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Path aFile = tmp.resolve("a-file");
        Files.writeString(aFile, "x");
        String[][] cases = {
            {"model file not found: ", "simulate", tmp.resolve("nope.yaml").toString(), "--out", dest.toString()},
            {"is a folder, not a file", "simulate", tmp.toString(), "--out", dest.toString()},
            {"is not UTF-8 text", "simulate", binary.toString(), "--out", dest.toString()},
            {"Missing required parameter: 'MODEL.yaml'", "simulate"},
            {"--out \"" + aFile + "\" exists and is not a folder", "simulate", good.toString(), "--out", aFile.toString()},
            {"--out must name a folder to create or replace, got \"/\"", "simulate", good.toString(), "--out", "/"},
            {"is a file, not a folder", "simulate", good.toString(), "--out", aFile.resolve("x").toString()},
            {"--out \".\" is the current folder or contains it", "simulate", good.toString(), "--out", "."},
            {"--out \"" + tmp + "\" exists, is not empty and was not written by lesde", "simulate", good.toString(), "--out",
                tmp.toString()},
            {"(did you mean simulate?)", "simulat", good.toString()},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String line = Cli.run(args).oneLineError(Main.BAD_INPUT);
            assertTrue(line.contains(c[0]), () -> "expected \"" + c[0] + "\" in: " + line);
        }
        assertEquals(before, Cli.snapshot(outDir));
        assertEquals("x", Files.readString(aFile));
    }

    /**
     * Solver/noise combinations: with the current noise models Euler–Maruyama and Milstein are
     * valid for every noise type (all are additive or diagonal); the exact sampler needs the mean
     * closure and state-independent noise. The rule is enforced in ModelFile.checkCombination,
     * which every command uses.
     */
    @Test
    void solverInvalidForNoiseType() {
        LeModel base = ModelFile.parse(Cli.BASE, "base", tmp, "base.yaml");
        LeModel exactProportional = base.withNoise(new Noise.Proportional(0.5, false))
                .withSimulation(new LeModel.Simulation(8, Solver.EXACT, 1, 1, 0));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.checkCombination(exactProportional));
        assertEquals("simulation.solver exact needs closure mean or self and state-independent noise, got closure mean"
                + " and noise type proportional", e.getMessage());
        LeModel exactSelf = new LeModel(base.name(), 3, 3, base.impact(), base.transform(), base.noise(), 0.01, Closure.SELF,
                base.init(), base.time(), new LeModel.Simulation(8, Solver.EXACT, 1, 1, 0));
        ModelRules.checkCombination(exactSelf, ModelRules.Fields.MODEL_FILE.withSolver("--solver"));
        LeModel exactEnsemble = new LeModel(base.name(), 3, 3, base.impact(), base.transform(), base.noise(), 0.01,
                Closure.ENSEMBLE, base.init(), base.time(), new LeModel.Simulation(8, Solver.EXACT, 1, 1, 0));
        e = assertThrows(BadInputException.class,
                () -> ModelRules.checkCombination(exactEnsemble, ModelRules.Fields.MODEL_FILE.withSolver("--solver")));
        assertEquals("--solver exact needs closure mean or self and state-independent noise, got closure ensemble and"
                + " noise type additive", e.getMessage());
        // Milstein with diagonal (proportional) and additive noise is valid
        ModelFile.checkCombination(exactProportional.withSimulation(new LeModel.Simulation(8, Solver.MILSTEIN, 1, 1, 0)));
        ModelFile.checkCombination(base.withSimulation(new LeModel.Simulation(8, Solver.MILSTEIN, 1, 1, 0)));
    }
}
