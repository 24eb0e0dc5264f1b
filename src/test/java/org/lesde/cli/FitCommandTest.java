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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lesde fit} end to end through {@link Main#run}: outputs, determinism, exit codes. */
class FitCommandTest {
    @TempDir
    static Path shared;
    static Path gzLog;

    @TempDir
    Path dir;

    @BeforeAll
    static void copyFixture() throws IOException {
        gzLog = shared.resolve("geomnist_k3_p0.csv.gz");
        try (InputStream in = FitCommandTest.class.getResourceAsStream("/geomnist/geomnist_k3_p0.csv.gz")) {
            Files.copy(in, gzLog);
        }
    }

    private static JsonNode oracle() throws IOException {
        try (InputStream in = FitCommandTest.class.getResourceAsStream("/geomnist/geomnist_k3_p0.oracle.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<double[]> readCsv(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f)) {
            return lines.skip(1).map(l -> Stream.of(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        }
    }

    /** The GeoMNIST log through the CLI with the stored initial states: every file, oracle values. */
    @Test
    void fitsTheGeomnistLogAndReplaysFromStoredStates() throws IOException {
        JsonNode oracle = oracle();
        // INIT.csv from leode_sim.initial_states
        StringBuilder init = new StringBuilder("k0_d0,k0_d1,k0_d2,k1_d0,k1_d1,k1_d2,k2_d0,k2_d1,k2_d2\n");
        for (JsonNode trial : oracle.get("leode_sim").get("initial_states")) {
            StringBuilder row = new StringBuilder();
            for (JsonNode cls : trial) {
                for (JsonNode v : cls) {
                    row.append(row.length() > 0 ? "," : "").append(v.asText());
                }
            }
            init.append(row).append('\n');
        }
        Path initFile = dir.resolve("init.csv");
        Files.writeString(initFile, init);
        Path out = dir.resolve("fit-out");
        Cli.Result r = Cli.run("fit", gzLog.toString(), "--out", out.toString(), "--replay-init", initFile.toString(), "--no-plots");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("K = 3 classes") && r.out().contains("T = 3000"), r.out());
        for (String f : List.of("class_means.csv", "fit.csv", "fit.json", "fit_metrics.csv", "replay.csv", "replay_coef.csv",
                "replay_init.csv", "replay_final.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".png")), "--no-plots");
        }
        List<String> nc = Files.readAllLines(out.resolve("fit_metrics.csv"));
        assertEquals("itr,samples,nc1,nc2_equinorm,nc2_equiangularity,nc2_etf_distance,nc3,nc4,residual_cos_mean", nc.get(0));
        assertEquals(3001, nc.size());
        assertTrue(nc.get(3000).startsWith("2999,40,"), nc.get(3000));
        assertEquals("itr,A_I,B_I,A_L,B_L,alpha_I,beta_I,alpha_L,beta_L", Files.readAllLines(out.resolve("fit.csv")).get(0));
        assertTrue(Files.readAllLines(out.resolve("replay.csv")).get(0).endsWith(",k2_d1_sd,k2_d2_sd"));

        JsonNode fit = new ObjectMapper().readTree(out.resolve("fit.json").toFile());
        assertEquals(3, fit.get("classes").asInt());
        assertEquals(3000, fit.get("iterations").asInt());
        assertEquals(151, fit.get("window").asInt());
        JsonNode ti = oracle.get("tail_index");
        assertEquals(ti.get("I").get("r_A").asDouble(), fit.get("tail_A_I").asDouble(), 1e-9);
        assertEquals(ti.get("I").get("r_B").asDouble(), fit.get("tail_B_I").asDouble(), 1e-9);
        assertEquals(ti.get("L").get("r_A").asDouble(), fit.get("tail_A_L").asDouble(), 1e-9);
        assertEquals(ti.get("L").get("r_B").asDouble(), fit.get("tail_B_L").asDouble(), 1e-9);
        assertTrue(fit.get("tail_sign_flipped").get("B_L").asBoolean());
        assertEquals(127, fit.get("tail_entries_ignored").get("B_L").asInt());
        assertEquals(Main.version(), fit.get("lesde_version").asText());

        List<double[]> fitRows = readCsv(out.resolve("fit.csv"));
        assertEquals(3000, fitRows.size());
        assertEquals(oracle.get("A_hat_last").get("I").asDouble(), fitRows.get(2999)[1], 1e-8);
        assertEquals(oracle.get("B_hat_last").get("L").asDouble(), fitRows.get(2999)[4], 1e-8);
        List<double[]> cm = readCsv(out.resolve("class_means.csv"));
        JsonNode last = oracle.get("class_mean_logits_last");
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(last.get(c).get(j).asDouble(), cm.get(2999)[1 + 3 * c + j], 1e-8);
            }
        }
        List<double[]> fin = readCsv(out.resolve("replay_final.csv"));
        JsonNode ofin = oracle.get("leode_sim").get("final_states");
        assertEquals(50, fin.size());
        for (int i = 0; i < 50; i++) {
            for (int s = 0; s < 9; s++) {
                double want = ofin.get(i).get(s / 3).get(s % 3).asDouble();
                assertEquals(want, fin.get(i)[s], 1e-10 * Math.abs(want));
            }
        }
        List<double[]> replay = readCsv(out.resolve("replay.csv"));
        JsonNode fm = oracle.get("leode_sim").get("final_mean");
        JsonNode fs = oracle.get("leode_sim").get("final_std");
        for (int s = 0; s < 9; s++) {
            assertEquals(fm.get(s / 3).get(s % 3).asDouble(), replay.get(2999)[1 + s], 1e-10);
            assertEquals(fs.get(s / 3).get(s % 3).asDouble(), replay.get(2999)[10 + s], 1e-10);
        }
        // the written initial states round-trip exactly
        List<double[]> ri = readCsv(out.resolve("replay_init.csv"));
        List<double[]> wi = readCsv(initFile);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(wi.get(i), ri.get(i));
        }
    }

    /** Gaussian replay with noise: same seed, same bytes; another seed, other numbers. */
    @Test
    void gaussianReplayIsReproducibleFromTheSeed() throws IOException {
        Path log = smallLog(dir, 3, 60, 6);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        String[] common = {"fit", log.toString(), "--window", "11", "--tail", "20", "--replay", "7", "--replay-window", "9",
            "--replay-noise", "0.01"};
        assertEquals(0, Cli.run(concat(common, "--out", a.toString(), "--seed", "5")).code());
        assertEquals(0, Cli.run(concat(common, "--out", b.toString(), "--seed", "5")).code());
        assertEquals(0, Cli.run(concat(common, "--out", c.toString(), "--seed", "6")).code());
        for (String f : List.of("replay.csv", "replay_init.csv", "replay_final.csv", "fit.csv", "class_means.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertFalse(Files.readString(a.resolve("replay.csv")).equals(Files.readString(c.resolve("replay.csv"))));
        assertEquals(7, readCsv(a.resolve("replay_init.csv")).size());
        JsonNode j = new ObjectMapper().readTree(a.resolve("fit.json").toFile());
        for (String chart : List.of("fit_AB", "fit_alpha_beta", "fit_nc", "fit_nc1", "replay_vs_genuine_k0",
                "replay_vs_genuine_k1", "replay_vs_genuine_k2")) {
            assertTrue(Files.size(a.resolve(chart + ".png")) > 1000, chart);
            assertTrue(Files.size(a.resolve(chart + ".svg")) > 1000, chart);
        }
        assertEquals(5, j.get("seed").asLong());
        assertEquals(0.01, j.get("replay").get("noise_sigma").asDouble());
        assertEquals(20, j.get("tail").asInt());
    }

    @Test
    void defaultOutputFolderIsNamedAfterTheLog() {
        assertEquals("geomnist_k3_p0", FitCommand.stem(Path.of("x/geomnist_k3_p0.csv.gz")));
        assertEquals("run", FitCommand.stem(Path.of("run.csv")));
    }

    // ------------------------------------------------------------------ bad input: exit 2, nothing written

    @Test
    void missingColumnExits2AndWritesNothing() throws IOException {
        Path log = dir.resolve("log.csv");
        Files.writeString(log, "trial,itr,smp,y_logit0,y_logit1\n0,0,0,1,2\n");
        assertBadInput(new String[] {"fit", log.toString()}, "missing column y");
    }

    @Test
    void nonNumericCellExits2AndWritesNothing() throws IOException {
        Path log = smallLog(dir, 3, 20, 4);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        String[] cells = lines.get(5).split(",");
        cells[5] = "oops"; // y_logit1
        lines.set(5, String.join(",", cells));
        Files.write(log, lines);
        assertBadInput(new String[] {"fit", log.toString()}, "log.csv:6", "y_logit1", "\"oops\"");
    }

    @Test
    void evenWindowExits2() throws IOException {
        Path log = smallLog(dir, 3, 40, 4);
        assertBadInput(new String[] {"fit", log.toString(), "--window", "20"}, "--window", "20");
    }

    @Test
    void windowLargerThanTheLogExits2() throws IOException {
        Path log = smallLog(dir, 3, 40, 4);
        assertBadInput(new String[] {"fit", log.toString(), "--window", "41"}, "--window", "41", "40");
        assertBadInput(new String[] {"fit", log.toString()}, "--window", "151");
    }

    @Test
    void otherBadOptionsExit2() throws IOException {
        Path log = smallLog(dir, 3, 40, 4);
        assertBadInput(new String[] {"fit", log.toString(), "--window", "11", "--tail", "40"}, "--tail", "40");
        assertBadInput(new String[] {"fit", log.toString(), "--window", "11", "--replay", "0"}, "--replay", "0");
        assertBadInput(new String[] {"fit", log.toString(), "--window", "11", "--replay-noise", "0.1"}, "--replay-noise");
        assertBadInput(new String[] {"fit", log.toString(), "--window", "11", "--replay", "3", "--replay-noise", "-1"},
                "--replay-noise");
        assertBadInput(new String[] {"fit", log.toString(), "--window", "abc"}, "abc");
        assertBadInput(new String[] {"fit", dir.resolve("nope.csv").toString()}, "nope.csv", "does not exist");
        Path init = dir.resolve("init.csv");
        Files.writeString(init, "k0_d0,k0_d1\n1,2\n");
        assertBadInput(new String[] {"fit", log.toString(), "--window", "11", "--replay-init", init.toString()}, "init.csv",
                "missing columns");
        Files.writeString(init, String.join(",", org.lesde.fit.InitialStates.header(3)) + "\n1,2,3,4,5,6,7,8,x\n");
        assertBadInput(new String[] {"fit", log.toString(), "--window", "11", "--replay-init", init.toString()}, "init.csv:2",
                "k2_d2", "\"x\"");
    }

    private void assertBadInput(String[] args, String... mustContain) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        String[] full = concat(args, "--out", out.toString());
        Cli.Result r = Cli.run(full);
        assertEquals(2, r.code(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
        for (String s : mustContain) {
            assertTrue(r.err().contains(s), "stderr should name '" + s + "': " + r.err());
        }
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("lesde")).count(), r.err());
        assertFalse(Files.exists(out), "no output folder on bad input");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".out-")), "no staging folder left");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A synthetic log: K classes, T iterations, n trials, logits drifting apart by class. */
    static Path smallLog(Path dir, int k, int t, int trials) throws IOException {
        java.util.Random rnd = new java.util.Random(42);
        StringBuilder sb = new StringBuilder("trial,itr,smp,y");
        for (int j = 0; j < k; j++) {
            sb.append(",y_logit").append(j);
        }
        sb.append(",tr_loss,val_loss,val_acc\n");
        for (int tr = 0; tr < trials; tr++) {
            for (int m = 0; m < t; m++) {
                int y = (tr + m) % k;
                sb.append(tr).append(',').append(m).append(',').append(rnd.nextInt(100)).append(',').append(y);
                for (int j = 0; j < k; j++) {
                    double v = 0.1 * rnd.nextGaussian() + (j == y ? 0.05 * m : -0.02 * m) + 0.3 * j;
                    sb.append(',').append(v);
                }
                sb.append(",1.0,NaN,NaN\n");
            }
        }
        Path f = dir.resolve("log.csv");
        Files.writeString(f, sb);
        return f;
    }
}
