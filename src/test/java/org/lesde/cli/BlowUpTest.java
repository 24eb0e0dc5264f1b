package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Run-time failures: a state that becomes NaN/Inf stops the run with exit code 1 and the
 * documented one-line message (dynamics, time, class, hint), and leaves the previous result of
 * the destination byte-identical with no partial files.
 */
class BlowUpTest {
    @TempDir
    Path tmp;

    /** α = β = −300 is stable for the exact dynamics but not for Euler–Maruyama with dt = 0.01 (|1 − 300·dt| > 1). */
    static final String STIFF = """
            name: stiff
            classes: 3
            impact: {alpha: -300.0, beta: -300.0}
            transform: identity
            noise: {type: additive, sigma: 0.1}
            stepSize: 0.01
            closure: CLOSURE
            init: {means: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], spread: 0.1}
            time: {horizon: 20.0, dt: 0.01, outputs: 10}
            simulation: {paths: 64, seed: 1, threads: THREADS}
            """;

    /** The LE-ODE itself overflows: growth rate (α + (K−1)β)/K = 333 per unit time. */
    static final String ODE = """
            name: ode-overflow
            classes: 3
            impact: {alpha: 1000.0, beta: 0.0}
            transform: identity
            noise: {type: additive, sigma: 0.1}
            stepSize: 0.01
            init: {means: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], spread: 0.1}
            time: {horizon: 10.0, dt: 0.01, outputs: 10}
            simulation: {paths: 8, seed: 1}
            """;

    /** LE-SGD with learning rate 10 on α = β = −1: each draw multiplies by about −9 (the LE-ODE decays). */
    static final String SGD = """
            name: sgd-blowup
            classes: 3
            impact: {alpha: -1.0, beta: -1.0}
            transform: identity
            noise: {type: additive, sigma: 0.1}
            stepSize: 10.0
            init: {means: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], spread: 0.1}
            time: {horizon: 30000.0, dt: 10.0, outputs: 10}
            simulation: {paths: 8, seed: 1, sgd: {particles: 5}}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LE-SDE self closure, 1 thread    | sde-self-1
            LE-SDE self closure, 2 threads   | sde-self-2
            LE-SDE ensemble closure          | sde-ensemble
            LE-ODE overflow (DP853)          | ode
            LE-SGD                           | sgd
            """)
    void blowUpEndsWithExitCode1AndLeavesPreviousResult(String name, String kind) throws IOException {
        String yaml;
        Pattern expected;
        String sdeHint = "the step is too large for the dynamics; reduce time\\.dt \\(or alpha, beta, sigma\\)";
        switch (kind) {
            case "sde-self-1", "sde-self-2" -> {
                yaml = STIFF.replace("CLOSURE", "self").replace("THREADS", kind.endsWith("1") ? "1" : "2");
                expected = Pattern.compile("lesde: run failed: LE-SDE state became (NaN|-?Infinity) at t = \\d+\\.\\d+ "
                        + "in class [0-2] \\(coordinate [0-2]\\): " + sdeHint);
            }
            case "sde-ensemble" -> {
                yaml = STIFF.replace("CLOSURE", "ensemble").replace("THREADS", "1");
                expected = Pattern.compile("lesde: run failed: LE-SDE state became (NaN|-?Infinity) at t = \\d+\\.\\d+ "
                        + "in class [0-2] \\(coordinate [0-2]\\) \\(path \\d+\\): " + sdeHint);
            }
            case "ode" -> {
                yaml = ODE;
                expected = Pattern.compile("lesde: run failed: LE-ODE class means overflowed near t = 2\\.\\d+ in class [0-2] "
                        + "\\(coordinate [0-2]\\): the impacts make the means grow beyond the double range before time\\.horizon; "
                        + "shorten time\\.horizon or reduce alpha/beta \\(the DP853 step is adaptive, so a smaller dt does not help\\)");
            }
            default -> {
                yaml = SGD;
                expected = Pattern.compile("lesde: run failed: LE-SGD state became (NaN|-?Infinity) at t = \\d+\\.?\\d* "
                        + "in class [0-2] \\(coordinate [0-2]\\) \\(particle \\d+\\): the learning rate is too large for the "
                        + "dynamics; reduce stepSize \\(or alpha, beta, sigma\\)");
            }
        }
        Path model = tmp.resolve("model.yaml");
        Files.writeString(model, yaml);
        Path outDir = tmp.resolve("out");
        Path dest = outDir.resolve("run");
        Cli.previousResult(dest);
        Map<String, String> before = Cli.snapshot(outDir);
        long start = System.nanoTime();
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", dest.toString(), "--quiet");
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = r.oneLineError(Main.FAILED);
        assertTrue(expected.matcher(line).matches(), () -> "unexpected message: " + line);
        assertEquals(before, Cli.snapshot(outDir), "previous result intact, no staging folder left");
        assertTrue(seconds < 10, "stops promptly, took " + seconds + " s");
    }
}
