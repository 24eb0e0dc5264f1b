package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.fit.FitPlots;
import org.lesde.plot.PlotOptions;

/**
 * The paper's figures from {@code lesde fit}: the Figure 5 rescaling against the official formula,
 * the Figure 1 projection against an independent computation from the log, and the Figure 4
 * summary over label-corrupted copies of the shipped log.
 */
class FitFiguresTest {
    @TempDir
    static Path shared;
    static Path gzLog;
    /** The shipped log's rows: header, then cells. */
    static List<String> header;
    static List<String[]> rows;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixture() throws IOException {
        gzLog = shared.resolve("geomnist_k3_p0.csv.gz");
        try (InputStream in = FitFiguresTest.class.getResourceAsStream("/geomnist/geomnist_k3_p0.csv.gz")) {
            Files.copy(in, gzLog);
        }
        rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzLog)),
                StandardCharsets.UTF_8))) {
            header = List.of(r.readLine().split(","));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                rows.add(l.split(","));
            }
        }
    }

    record Table(List<String> header, List<double[]> rows) {
        double get(int row, String col) {
            return rows.get(row)[header.indexOf(col)];
        }

        double[] col(String col) {
            int c = header.indexOf(col);
            assertTrue(c >= 0, col);
            return rows.stream().mapToDouble(r -> r[c]).toArray();
        }
    }

    static Table table(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        List<double[]> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            out.add(Stream.of(l.split(",", -1)).mapToDouble(s -> s.isEmpty() ? Double.NaN : Double.parseDouble(s)).toArray());
        }
        return new Table(List.of(lines.get(0).split(",")), out);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    /** s_c = mean(last n genuine X^c_a) / mean(last n replay Y^c_a), a = c or --align; every coordinate of class c. */
    private static void assertOfficialRescaling(Path out, Integer align, int n) throws IOException {
        Table g = table(out.resolve("class_means.csv"));
        Table rp = table(out.resolve("replay.csv"));
        Table rs = table(out.resolve("replay_scaled.csv"));
        assertEquals(rp.header(), rs.header());
        JsonNode j = new ObjectMapper().readTree(out.resolve("fit.json").toFile());
        int t = g.rows().size();
        assertEquals(n, j.get("replay_scale_tail").asInt());
        for (int c = 0; c < 3; c++) {
            int a = align == null ? c : align;
            String col = "k" + c + "_d" + a;
            double s = mean(g.col(col), t - n, t) / mean(rp.col(col), t - n, t);
            assertEquals(s, j.get("replay_scale").get(c).asDouble(), 1e-12 * Math.abs(s), "s_" + c);
            assertEquals(a, j.get("replay_scale_align").get(c).asInt());
            double num = 0;
            double den = 0;
            double numS = 0;
            for (int q = 0; q < 3; q++) {
                String name = "k" + c + "_d" + q;
                double[] gv = g.col(name);
                double[] mu = rp.col(name);
                double[] sd = rp.col(name + "_sd");
                double[] smu = rs.col(name);
                double[] ssd = rs.col(name + "_sd");
                for (int m = 0; m < t; m++) {
                    assertEquals(s * mu[m], smu[m], 1e-12 * Math.abs(s * mu[m]) + 1e-300, name + " itr " + m);
                    assertEquals(Math.abs(s) * sd[m], ssd[m], 1e-12 * Math.abs(s * sd[m]) + 1e-300, name + "_sd itr " + m);
                    num += (gv[m] - mu[m]) * (gv[m] - mu[m]);
                    numS += (gv[m] - s * mu[m]) * (gv[m] - s * mu[m]);
                    den += gv[m] * gv[m];
                }
            }
            assertEquals(Math.sqrt(num / den), j.get("replay_fit").get("unscaled").get(c).asDouble(), 1e-12);
            assertEquals(Math.sqrt(numS / den), j.get("replay_fit").get("scaled").get(c).asDouble(), 1e-12);
        }
    }

    @Test
    void replayScaledIsTheOfficialRescalingAndProjectionIsIndependent() throws IOException {
        Path out = dir.resolve("fit");
        Cli.Result r = Cli.run("fit", gzLog.toString(), "--out", out.toString(), "--replay", "10", "--no-plots");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("replay fit"), r.out());
        assertOfficialRescaling(out, null, 1000);

        // Figure 1: u from the log itself (plain means of the last two iterations, classes 0 and 1)
        int cItr = header.indexOf("itr");
        int cY = header.indexOf("y");
        int cTrial = header.indexOf("trial");
        int t = 3000;
        double[][][] sum = new double[2][3][3];
        int[][] cnt = new int[2][3];
        for (String[] row : rows) {
            int it = Integer.parseInt(row[cItr]);
            if (it >= t - 2) {
                int y = Integer.parseInt(row[cY]);
                cnt[it - (t - 2)][y]++;
                for (int q = 0; q < 3; q++) {
                    sum[it - (t - 2)][y][q] += Double.parseDouble(row[header.indexOf("y_logit" + q)]);
                }
            }
        }
        double[] u = new double[3];
        double norm = 0;
        for (int q = 0; q < 3; q++) {
            for (int m = 0; m < 2; m++) {
                u[q] += 0.5 * (sum[m][0][q] / cnt[m][0] - sum[m][1][q] / cnt[m][1]);
            }
            norm += u[q] * u[q];
        }
        for (int q = 0; q < 3; q++) {
            u[q] /= Math.sqrt(norm);
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("fit.json").toFile());
        for (int q = 0; q < 3; q++) {
            assertEquals(u[q], j.get("projection").get("direction").get(q).asDouble(), 1e-12);
        }
        Table g = table(out.resolve("class_means.csv"));
        Table pm = table(out.resolve("projection_means.csv"));
        for (int m : new int[] {0, 1234, 2999}) {
            for (int c = 0; c < 3; c++) {
                double p = 0;
                for (int q = 0; q < 3; q++) {
                    p += g.get(m, "k" + c + "_d" + q) * u[q];
                }
                assertEquals(p, pm.get(m, "k" + c), 1e-12);
            }
        }
        // every sample at the 50 iterations floor(i * 2999 / 49) (and 2999), in log order
        Set<Integer> its = new TreeSet<>();
        for (int i = 0; i < 49; i++) {
            its.add((int) Math.floor(i * 2999.0 / 49.0));
        }
        its.add(2999);
        Table ps = table(out.resolve("projection.csv"));
        int k = 0;
        for (String[] row : rows) {
            int it = Integer.parseInt(row[cItr]);
            if (!its.contains(it)) {
                continue;
            }
            double p = 0;
            for (int q = 0; q < 3; q++) {
                p += Double.parseDouble(row[header.indexOf("y_logit" + q)]) * u[q];
            }
            assertEquals(it, (int) ps.get(k, "itr"));
            assertEquals(Integer.parseInt(row[cTrial]), (int) ps.get(k, "trial"));
            assertEquals(Integer.parseInt(row[cY]), (int) ps.get(k, "y"));
            assertEquals(p, ps.get(k, "proj"), 1e-12);
            k++;
        }
        assertEquals(50 * 40, k);
        assertEquals(k, ps.rows().size());

        // --align and --tail change the matched coordinate and the tail
        Path out2 = dir.resolve("fit2");
        Cli.Result r2 = Cli.run("fit", gzLog.toString(), "--out", out2.toString(), "--replay", "10", "--align", "2",
                "--tail", "300", "--no-plots");
        assertEquals(0, r2.code(), r2.err());
        assertOfficialRescaling(out2, 2, 300);
    }

    /** A subset of the shipped log (trials < 8, itr < 300), labels corrupted with probability p from itr 1 on. */
    private Path corrupted(double p, long seed) throws IOException {
        Random rnd = new Random(seed);
        int cItr = header.indexOf("itr");
        int cY = header.indexOf("y");
        int cTrial = header.indexOf("trial");
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (String[] row : rows) {
            if (Integer.parseInt(row[cTrial]) >= 8 || Integer.parseInt(row[cItr]) >= 300) {
                continue;
            }
            String[] cells = row.clone();
            if (Integer.parseInt(row[cItr]) > 0 && rnd.nextDouble() < p) {
                cells[cY] = Integer.toString((Integer.parseInt(row[cY]) + 1 + rnd.nextInt(2)) % 3);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        Path f = dir.resolve("log_p" + p + ".csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void severalLabelledLogsGiveOneSummaryRowEachAndFigure4() throws IOException {
        double[] ps = {0.0, 0.3, 0.6};
        List<String> args = new ArrayList<>(List.of("fit"));
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < ps.length; i++) {
            logs.add(corrupted(ps[i], 11 + i));
            args.add(logs.get(i).toString());
        }
        for (double p : ps) {
            args.add("--label");
            args.add("p=" + p);
        }
        Path out = dir.resolve("summary");
        args.addAll(List.of("--out", out.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Path csv = out.resolve("fit_summary.csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("label,label_name,label_value,log,folder,trials,iterations,tail_A_I,tail_B_I,tail_A_L,tail_B_L,"
                + "val_itr,val_loss,val_acc", lines.get(0));
        assertEquals(ps.length + 1, lines.size());
        for (int i = 0; i < ps.length; i++) {
            String[] c = lines.get(i + 1).split(",", -1);
            assertEquals("p=" + ps[i], c[0]);
            assertEquals("p", c[1]);
            assertEquals(ps[i], Double.parseDouble(c[2]), 0);
            assertEquals(logs.get(i).getFileName().toString(), c[3]);
            Path sub = out.resolve(c[4]);
            JsonNode j = new ObjectMapper().readTree(sub.resolve("fit.json").toFile());
            assertEquals("8", c[5]);
            assertEquals("300", c[6]);
            String[] keys = {"tail_A_I", "tail_B_I", "tail_A_L", "tail_B_L"};
            for (int q = 0; q < 4; q++) {
                assertEquals(j.get(keys[q]).asDouble(), Double.parseDouble(c[7 + q]), 0, keys[q]);
            }
            // validation of the last validated iteration, computed from the fixture itself
            List<String> log = Files.readAllLines(logs.get(i));
            int cItr = header.indexOf("itr");
            int lastItr = -1;
            for (String l : log.subList(1, log.size())) {
                String[] cells = l.split(",");
                if (!cells[header.indexOf("val_loss")].equalsIgnoreCase("nan")) {
                    lastItr = Math.max(lastItr, Integer.parseInt(cells[cItr]));
                }
            }
            double loss = 0;
            double acc = 0;
            int n = 0;
            for (String l : log.subList(1, log.size())) {
                String[] cells = l.split(",");
                if (Integer.parseInt(cells[cItr]) == lastItr) {
                    loss += Double.parseDouble(cells[header.indexOf("val_loss")]);
                    acc += Double.parseDouble(cells[header.indexOf("val_acc")]);
                    n++;
                }
            }
            assertEquals(lastItr, Integer.parseInt(c[11]));
            assertEquals(loss / n, Double.parseDouble(c[12]), 1e-12);
            assertEquals(acc / n, Double.parseDouble(c[13]), 1e-12);
            assertTrue(Files.isRegularFile(sub.resolve("validation.csv")));
            assertTrue(Files.isRegularFile(sub.resolve("fig1_separation.png")), "each fit folder has its figures");
        }
        // corrupting labels changes the fit: the rows differ
        assertTrue(!lines.get(1).split(",")[7].equals(lines.get(3).split(",")[7]));
        for (String f : List.of("fig4_tail", "fig4_val_loss", "fig4_val_acc")) {
            assertTrue(Files.isRegularFile(out.resolve(f + ".png")), f);
        }
        // the figures are remade from the files alone: same set of files
        Set<String> before = figures(out);
        deleteFigures(out);
        assertTrue(figures(out).isEmpty());
        List<Path> serial = FitPlots.redraw(out, PlotOptions.DEFAULT);
        assertEquals(before, figures(out));
        // the summary's and every sub-folder's figures drawn on three threads: the same files, in
        // the same order, byte for byte
        java.util.Map<String, String> bytes = Cli.snapshot(out);
        assertEquals(serial, FitPlots.redraw(out, PlotOptions.DEFAULT, 3));
        assertEquals(bytes, Cli.snapshot(out));
    }

    @Test
    void labelsMustMatchTheLogs() throws IOException {
        Path a = corrupted(0.0, 1);
        Cli.Result r = Cli.run("fit", a.toString(), a.toString(), "--label", "p=0", "--out", dir.resolve("x").toString());
        assertTrue(r.oneLineError(Main.BAD_INPUT).contains("--label"), r.err());
        r = Cli.run("fit", a.toString(), a.toString(), "--out", dir.resolve("x").toString());
        assertTrue(r.oneLineError(Main.BAD_INPUT).contains("--label"), r.err());
        r = Cli.run("fit", a.toString(), "--label", "p:0", "--out", dir.resolve("x").toString());
        assertTrue(r.oneLineError(Main.BAD_INPUT).contains("NAME=VALUE"), r.err());
        r = Cli.run("fit", a.toString(), "--proj-classes", "1,1", "--out", dir.resolve("x").toString());
        assertTrue(r.oneLineError(Main.BAD_INPUT).contains("--proj-classes"), r.err());
        r = Cli.run("fit", a.toString(), "--replay", "2", "--align", "3", "--out", dir.resolve("x").toString());
        assertTrue(r.oneLineError(Main.BAD_INPUT).contains("--align"), r.err());
        assertTrue(!Files.exists(dir.resolve("x")));
    }

    private static Set<String> figures(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".svg"))
                    .map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void deleteFigures(Path root) throws IOException {
        for (String f : figures(root)) {
            Files.delete(root.resolve(f));
        }
    }
}
