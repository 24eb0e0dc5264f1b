package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.io.Npy;
import org.lesde.io.Npz;
import org.lesde.report.PathsNpy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Python side of the NumPy interfaces (docs/pytorch.md, docs/simulate.md), run only where
 * python3 with numpy is installed (lesde itself never needs Python; scripts/run-doc-commands.sh
 * runs the same documented commands): the recipe's log has the shipped GeoMNIST log's columns
 * and {@code fit} reads it; its .npz is read by {@code metrics}; np.load reads paths.npy and finds
 * sde_mean.csv and sde_paths.csv in it. The Java-side checks of the same files are in NpyTest and
 * SavePathsTest, which need no Python.
 */
class PytorchRecipeTest {
    @TempDir
    Path dir;

    static boolean numpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theRecipeWritesALogFitReadsAndAnNpzMetricsReads() throws Exception {
        assumeTrue(numpy(), "python3 with numpy is not installed");
        Path demo = dir.resolve("demo");
        python("docs/examples/pytorch_recipe.py", "--demo", demo.toString());
        String header = Files.readAllLines(demo.resolve("log.csv")).get(0);
        String shipped;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of("src/test/resources/geomnist/geomnist_k3_p0.csv.gz"))), StandardCharsets.UTF_8))) {
            shipped = r.readLine();
        }
        assertEquals(shipped, header, "the official log's columns, in its order");
        Path fit = dir.resolve("fit");
        Cli.Result f = Cli.run("fit", demo.resolve("log.csv").toString(), "--no-plots", "--out", fit.toString());
        assertEquals(0, f.code(), f.err());
        JsonNode j = new ObjectMapper().readTree(fit.resolve("fit.json").toFile());
        assertEquals(3, j.get("classes").asInt(), j.toString());
        Path json = dir.resolve("m.json");
        Cli.Result m = Cli.run("metrics", demo.resolve("features.npz").toString(), "--out", json.toString());
        assertEquals(0, m.code(), m.err());
        JsonNode mj = new ObjectMapper().readTree(json.toFile());
        assertEquals(180, mj.get("samples").asInt());
        assertEquals(6, mj.get("dim").asInt());
        assertTrue(mj.get("nc4").isNumber() && mj.get("classifier").asText().endsWith("(W, b)"), mj.toString());
        assertEquals("features, labels, W, b", Npz.names(Npz.read(demo.resolve("features.npz"), null)));
    }

    @Test
    void numpyLoadsPathsNpy() throws Exception {
        assumeTrue(numpy(), "python3 with numpy is not installed");
        Path model = dir.resolve("m.yaml");
        Files.writeString(model, SavePathsTest.MODEL.formatted("mean", "euler-maruyama"));
        Path out = dir.resolve("run");
        Cli.Result r = Cli.run("simulate", model.toString(), "--out", out.toString(), "--save-paths", "all", "--quiet");
        assertEquals(0, r.code(), r.err());
        String said = python("scripts/check-paths-npy.py", out.toString());
        assertTrue(said.contains("shape (70, 21, 6), float64; matches sde_mean.csv and sde_paths.csv"), said);
        // and NumPy writes what lesde reads: the same array saved again by np.save has the same bytes
        Path again = dir.resolve("again.npy");
        python("-c", "import numpy as np, sys; np.save(sys.argv[2], np.load(sys.argv[1]))", out.resolve(PathsNpy.FILE).toString(),
                again.toString());
        assertArrayEquals(Files.readAllBytes(out.resolve(PathsNpy.FILE)), Files.readAllBytes(again));
        assertArrayEquals(new long[] {70, 21, 6}, Npy.read(again, null).shape());
    }
}
