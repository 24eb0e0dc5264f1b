package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sde_quantiles.csv (docs/outputs.md#sde_quantilescsv) and the SRA1 solver through simulate. */
class QuantilesOutputTest {
    @TempDir
    Path tmp;

    private Path model(String extra) throws IOException {
        Path m = tmp.resolve("q" + Math.abs(extra.hashCode()) + ".yaml");
        Files.writeString(m, """
                name: q
                classes: 2
                impact: {alpha: 1.0, beta: -0.2}
                transform: residual-target
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.05
                closure: self
                init: {means: [[1.0, 0.2], [0.0, 1.0]], spread: 0.1}
                time: {horizon: 1.0, dt: 0.01, outputs: 10}
                simulation: {paths: 700, seed: 4%s}
                """.formatted(extra));
        return m;
    }

    @Test
    void oneAndTwoThreadsWriteTheSameBytes() throws IOException {
        for (String solver : new String[] {"euler-maruyama", "sra1"}) {
            Path m = model("");
            Path a = tmp.resolve(solver + "-1");
            Path b = tmp.resolve(solver + "-2");
            assertEquals(0, Cli.run("simulate", m.toString(), "--solver", solver, "--threads", "1", "--out", a.toString(),
                    "--quiet").code());
            assertEquals(0, Cli.run("simulate", m.toString(), "--solver", solver, "--threads", "2", "--out", b.toString(),
                    "--quiet").code());
            assertArrayEquals(Files.readAllBytes(a.resolve("sde_quantiles.csv")), Files.readAllBytes(b.resolve("sde_quantiles.csv")),
                    solver);
            assertArrayEquals(Files.readAllBytes(a.resolve("sde_mean.csv")), Files.readAllBytes(b.resolve("sde_mean.csv")), solver);
            List<String> lines = Files.readAllLines(a.resolve("sde_quantiles.csv"));
            assertEquals(12, lines.size());
            assertTrue(lines.get(0).startsWith("t,k0_d0_q05,k0_d0_q25,k0_d0_q50,k0_d0_q75,k0_d0_q95,k0_d1_q05"), lines.get(0));
            // quantiles increase with the level
            String[] v = lines.get(11).split(",");
            for (int j = 1; j < 5; j++) {
                assertTrue(Double.parseDouble(v[j]) <= Double.parseDouble(v[j + 1]), lines.get(11));
            }
        }
    }

    @Test
    void levelsFromTheModelFileAndOff() throws IOException {
        Path out = tmp.resolve("levels");
        assertEquals(0, Cli.run("simulate", model(", quantiles: [0.1, 0.975]").toString(), "--out", out.toString(),
                "--quiet").code());
        assertTrue(Files.readAllLines(out.resolve("sde_quantiles.csv")).get(0).startsWith("t,k0_d0_q10,k0_d0_q97.5,k0_d1_q10"));
        Path off = tmp.resolve("off");
        assertEquals(0, Cli.run("simulate", model(", quantiles: []").toString(), "--out", off.toString(), "--quiet").code());
        assertFalse(Files.exists(off.resolve("sde_quantiles.csv")));
        String err = Cli.run("simulate", model(", quantiles: [0.5, 0.2]").toString(), "--out", tmp.resolve("bad").toString(),
                "--quiet").oneLineError(Main.BAD_INPUT);
        assertTrue(err.contains("simulation.quantiles[1]"), err);
        err = Cli.run("simulate", model(", quantiles: [1.5]").toString(), "--out", tmp.resolve("bad").toString(),
                "--quiet").oneLineError(Main.BAD_INPUT);
        assertTrue(err.contains("simulation.quantiles[0]"), err);
        assertFalse(Files.exists(tmp.resolve("bad")));
    }

    @Test
    void sra1RefusedForProportionalNoise() {
        String err = Cli.run("simulate", "models/multiplicative.yaml", "--solver", "sra1", "--out",
                tmp.resolve("m").toString()).oneLineError(Main.BAD_INPUT);
        assertTrue(err.contains("sra1") && err.contains("euler-maruyama or milstein"), err);
    }
}
