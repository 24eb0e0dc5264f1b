package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.io.Json;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.PlotOptions;
import org.lesde.report.SimulationPlots;

/**
 * The {@code timings} object of summary.json (simulate and the merge of simulate shards), fit.json
 * and sweep.json (docs/outputs.md#timings): every phase present, non-negative, adding up to
 * total_seconds; the console line reports them; and the figures drawn in parallel are the same
 * bytes as drawn one after the other.
 */
class RunTimingsTest {
    static final List<String> PHASES = List.of("ode_seconds", "dynamics_seconds", "monitor_seconds", "write_seconds",
            "plot_seconds");

    @TempDir
    Path tmp;

    static final String MODEL = Cli.BASE.replace("name: base", "name: timings-small")
            .replace("time: {horizon: 0.5, dt: 0.05, outputs: 5}", "time: {horizon: 2.0, dt: 0.01, outputs: 40}")
            .replace("paths: 40, solver: euler-maruyama, seed: 42, threads: 1, sgd: {particles: 4}",
                    "paths: 200, solver: euler-maruyama, seed: 7, threads: 2, sgd: {particles: 20}");

    /** The shared reduced phase sweep, shorter (a 2 x 3 grid of 40 paths to t = 20). */
    static final String SWEEP = Cli.PHASE_SWEEP.replace("horizon: 1000.0, dt: 2.0, outputs: 20", "horizon: 20.0, dt: 1.0, outputs: 10")
            .replace("paths: 120, threads: 0", "paths: 40, threads: 1");

    @SuppressWarnings("unchecked")
    static Map<String, Object> timings(Path json) {
        Map<String, Object> j = (Map<String, Object>) Json.read(json, json.toString());
        assertTrue(j.containsKey("timings"), json + " has a timings object");
        return (Map<String, Object>) j.get("timings");
    }

    /** Every phase and the total present and non-negative; the phases add up to the total within rounding. */
    static void assertTimings(Path json) {
        Map<String, Object> t = timings(json);
        double sum = 0;
        for (String p : PHASES) {
            assertTrue(t.get(p) instanceof Number, json + " timings." + p);
            double v = ((Number) t.get(p)).doubleValue();
            assertTrue(v >= 0 && Double.isFinite(v), json + " timings." + p + " = " + v);
            sum += v;
        }
        double total = ((Number) t.get("total_seconds")).doubleValue();
        assertTrue(total > 0, json + " total_seconds = " + total);
        assertEquals(total, sum, 1e-6, json + ": the phases add up to total_seconds");
        assertEquals(PHASES.size() + 1, t.size(), json + ": only the phases and the total");
    }

    private Path model() throws IOException {
        Path m = tmp.resolve("timings-small.yaml");
        Files.writeString(m, MODEL);
        return m;
    }

    @Test
    void simulateReportsThePhasesInSummaryJsonAndOnTheConsole() throws IOException {
        Path out = tmp.resolve("sim");
        Cli.Result r = Cli.run("simulate", model().toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTimings(out.resolve("summary.json"));
        assertTrue(timings(out.resolve("summary.json")).get("plot_seconds") instanceof Number);
        assertTrue(r.out().matches("(?s).* in [0-9.]+ s \\(ode [0-9.]+, dynamics [0-9.]+, monitor [0-9.]+, write [0-9.]+, "
                + "plots [0-9.]+\\) -> .*"), r.out());
        // wall_seconds (the simulation itself) stays, and lies within the total
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) Json.read(out.resolve("summary.json"), "summary");
        double wall = ((Number) s.get("wall_seconds")).doubleValue();
        assertTrue(wall > 0 && wall <= ((Number) timings(out.resolve("summary.json")).get("total_seconds")).doubleValue());

        // --plots none: no figure, plot time (almost) nothing
        Path none = tmp.resolve("none");
        assertEquals(0, Cli.run("simulate", model().toString(), "--out", none.toString(), "--quiet", "--plots", "none").code());
        assertTimings(none.resolve("summary.json"));
        try (Stream<Path> files = Files.list(none)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".png") || p.toString().endsWith(".svg")));
        }
        // the numbers of a run do not depend on the figures
        for (String csv : List.of("ode.csv", "sde_mean.csv", "sde_paths.csv", "sgd.csv", "metrics.csv", "comparison.csv")) {
            assertArrayEquals(Files.readAllBytes(out.resolve(csv)), Files.readAllBytes(none.resolve(csv)), csv);
        }
    }

    @Test
    void theMonitorIsTimedWhenEveryChunkHoldsFewObservations() throws IOException {
        // 8 paths: one path per chunk, 4 output rows: 5 observations per chunk, fewer than the
        // one-in-16 sample of the clock; K = p = 40 makes each observation cost (O(K²p))
        Path m = tmp.resolve("few.yaml");
        Files.writeString(m, MODEL.replace("name: timings-small", "name: few").replace("classes: 3", "classes: 40")
                .replace("dim: 3", "dim: 40")
                .replace("init:\n  means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]]\n  spread: 0.05",
                        "init: {random: {scale: 1.0}, spread: 0.05}")
                .replace("time: {horizon: 2.0, dt: 0.01, outputs: 40}", "time: {horizon: 0.2, dt: 0.01, outputs: 4}")
                .replace("paths: 200, solver: euler-maruyama, seed: 7, threads: 2, sgd: {particles: 20}",
                        "paths: 8, solver: euler-maruyama, seed: 7, threads: 1"));
        Path out = tmp.resolve("few");
        Cli.Result r = Cli.run("simulate", m.toString(), "--out", out.toString(), "--quiet", "--plots", "none");
        assertEquals(0, r.code(), r.err());
        assertTimings(out.resolve("summary.json"));
        assertTrue(((Number) timings(out.resolve("summary.json")).get("monitor_seconds")).doubleValue() > 0, r.out());
    }

    @Test
    void theMergeOfSimulateShardsReportsItsPhases() throws IOException {
        Path m = model();
        for (int i = 0; i < 2; i++) {
            assertEquals(0, Cli.run("simulate", m.toString(), "--shard", i + "/2", "--out", tmp.resolve("s" + i).toString(),
                    "--quiet").code());
        }
        Path merged = tmp.resolve("merged");
        Cli.Result r = Cli.run("merge", tmp.resolve("s0").toString(), tmp.resolve("s1").toString(), "--out", merged.toString());
        assertEquals(0, r.code(), r.err());
        assertTimings(merged.resolve("summary.json"));
        assertTrue(r.out().contains("(ode "), r.out());
    }

    @Test
    void sweepAndItsMergeReportThePhasesInSweepJson() throws IOException {
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, SWEEP);
        Path out = tmp.resolve("sweep");
        Cli.Result r = Cli.run("sweep", f.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTimings(out.resolve("sweep.json"));
        assertTrue(r.out().contains("(ode "), r.out());
        for (int i = 0; i < 2; i++) {
            assertEquals(0, Cli.run("sweep", f.toString(), "--shard", i + "/2", "--out", tmp.resolve("w" + i).toString(),
                    "--quiet").code());
            assertTimings(tmp.resolve("w" + i).resolve("sweep.json"));
        }
        Path merged = tmp.resolve("wm");
        assertEquals(0, Cli.run("merge", tmp.resolve("w0").toString(), tmp.resolve("w1").toString(), "--out",
                merged.toString()).code());
        assertTimings(merged.resolve("sweep.json"));
    }

    @Test
    void fitReportsThePhasesInFitJson() throws IOException {
        Path log = tmp.resolve("geomnist_k3_p0.csv.gz");
        try (InputStream in = RunTimingsTest.class.getResourceAsStream("/geomnist/geomnist_k3_p0.csv.gz")) {
            Files.copy(in, log);
        }
        Path out = tmp.resolve("fit");
        Cli.Result r = Cli.run("fit", log.toString(), "--out", out.toString(), "--no-plots");
        assertEquals(0, r.code(), r.err());
        assertTimings(out.resolve("fit.json"));
        assertTrue(((Number) timings(out.resolve("fit.json")).get("monitor_seconds")).doubleValue() > 0,
                "the NC metrics of the logged logits are the fit's monitor");
        assertTrue(r.out().contains("(ode "), r.out());
    }

    @Test
    void figuresDrawnInParallelAreTheSameBytesAsOneAfterTheOther() throws IOException {
        Path out = tmp.resolve("sim");
        assertEquals(0, Cli.run("simulate", model().toString(), "--out", out.toString(), "--quiet").code());
        Map<String, byte[]> two = figures(out);
        for (String f : two.keySet()) {
            Files.delete(out.resolve(f));
        }
        int[] seen = {0};
        List<Path> written = SimulationPlots.redraw(out, PlotOptions.DEFAULT, 1, (done, total) -> seen[0] = done);
        Map<String, byte[]> one = figures(out);
        assertEquals(two.keySet(), one.keySet());
        assertEquals(one.size(), written.size());
        assertEquals(SimulationPlots.names(3).size(), seen[0], "progress told after every figure");
        for (String f : one.keySet()) {
            assertArrayEquals(one.get(f), two.get(f), f + ": 1 thread vs 2 threads");
        }
        // and with more threads than figures
        SimulationPlots.redraw(out, PlotOptions.DEFAULT, 16, FigureBatch.Progress.NONE);
        Map<String, byte[]> many = figures(out);
        for (String f : one.keySet()) {
            assertArrayEquals(one.get(f), many.get(f), f + ": 1 thread vs 16 threads");
        }
    }

    private static Map<String, byte[]> figures(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".png") || x.toString().endsWith(".svg")).toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
