package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Valid but degenerate models never fail a run: undefined values are empty cells, figures are still drawn. */
class DegenerateModelTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "coincident means, no noise, no spread; 2; 2; identity; [[1, 0], [1, 0]]; 0.0; 0.0; 20",
        "zero means; 3; 3; residual-source; [[0, 0, 0], [0, 0, 0], [0, 0, 0]]; 0.0; 0.0; 8",
        "p = 1; 2; 1; identity; [[1], [-1]]; 0.5; 0.1; 10",
        "two paths, noisy coincident; 2; 2; identity; [[0, 0], [0, 0]]; 1.0; 0.0; 2",
    })
    void simulateSucceeds(String what, int k, int p, String transform, String means, double sigma, double spread, int paths)
            throws IOException {
        Path model = tmp.resolve("m.yaml");
        Files.writeString(model, """
                name: degenerate
                classes: %d
                dim: %d
                impact: {alpha: 1.0, beta: 0.5}
                transform: %s
                noise: {type: additive, sigma: %s}
                stepSize: 0.01
                closure: mean
                init: {means: %s, spread: %s}
                time: {horizon: 0.5, dt: 0.01, outputs: 5}
                simulation: {paths: %d, sgd: {particles: 4}}
                """.formatted(k, p, transform, sigma, means, spread, paths));
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), what + ": " + r.err());
        for (String f : new String[] {"metrics.csv", "comparison.csv", "summary.json", "trajectories.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, what + ": " + f);
        }
    }
}
