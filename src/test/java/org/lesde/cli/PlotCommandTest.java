package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.io.AtomicOutput;
import org.lesde.report.OutputFigures;

/**
 * {@code lesde plot DIR}: redraws the figures of simulate, fit, sweep and convergence folders from
 * their files alone; {@code --plots} on the drawing commands; bad folders are one line of bad input
 * with nothing written.
 */
class PlotCommandTest {
    @TempDir
    Path tmp;

    static final Set<String> FIGURE_EXTENSIONS = Set.of("png", "svg", "pdf");

    /** A sweep of 2 x 2 tiny cells. */
    static final String SWEEP = Cli.PHASE_SWEEP.replace("horizon: 1000.0, dt: 2.0, outputs: 20", "horizon: 20.0, dt: 1.0, outputs: 5")
            .replace("paths: 120, threads: 0", "paths: 20, threads: 1").replace("[1.0, 2.0, 4.0]", "[1.0, 2.0]");

    private Path model() throws IOException {
        Path m = tmp.resolve("base.yaml");
        Files.writeString(m, Cli.BASE);
        return m;
    }

    private static String ext(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** The figure files (relative paths) under dir, sub-folders included. */
    static Set<String> figures(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> FIGURE_EXTENSIONS.contains(ext(p.getFileName().toString())))
                    .forEach(p -> out.add(dir.relativize(p).toString()));
        }
        return out;
    }

    /** Copies dir to a new folder without its figure files. */
    static Path withoutFigures(Path dir, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!FIGURE_EXTENSIONS.contains(ext(p.getFileName().toString()))) {
                    Files.copy(p, t);
                }
            }
        }
        assertTrue(figures(to).isEmpty());
        return to;
    }

    /** Every figure file's base name is one of the names the kind's list gives ({@code {c}}, {@code {problem}}: any). */
    static void namedInList(Set<String> files, AtomicOutput.Kind kind) {
        for (String f : files) {
            String base = Path.of(f).getFileName().toString().replaceAll("\\.[a-z]+$", "");
            boolean listed = OutputFigures.names(kind).stream()
                    .anyMatch(n -> base.matches(n.replace("{c}", "\\d+").replace("{problem}", "[A-Za-z0-9._-]+")));
            assertTrue(listed, f + " is not in the figure list of " + kind + ": " + OutputFigures.names(kind));
        }
    }

    private static void assertPdf(Path f) throws IOException {
        byte[] head = new byte[5];
        try (InputStream in = Files.newInputStream(f)) {
            assertEquals(5, in.read(head));
        }
        assertEquals("%PDF-", new String(head, StandardCharsets.US_ASCII), f.toString());
    }

    @Test
    void plotOnASimulateFolderWritesTheFiguresSimulateWrote() throws IOException {
        Path a = tmp.resolve("A");
        Cli.Result s = Cli.run("simulate", model().toString(), "--out", a.toString(), "--quiet");
        assertEquals(0, s.code(), s.err());
        Set<String> drawn = figures(a);
        assertEquals(2 * OutputFigures.names(AtomicOutput.Kind.SIMULATE).size(), drawn.size(), drawn.toString());
        namedInList(drawn, AtomicOutput.Kind.SIMULATE);

        Path b = withoutFigures(a, tmp.resolve("B"));
        Cli.Result p = Cli.run("plot", b.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(drawn, figures(b));
        assertEquals(1, p.out().strip().lines().count(), p.out());
        assertTrue(p.out().contains("8 figures") && p.out().contains(b.toString()), p.out());
        // the redrawn PNG is the one simulate drew: figures come from the files alone
        assertEquals(Cli.sha256(a.resolve("trajectories.png")), Cli.sha256(b.resolve("trajectories.png")));
        assertFalse(Files.list(b).anyMatch(f -> f.getFileName().toString().startsWith(".lesde-plot-")), "staging left");

        // --plots pdf: only PDFs appear, and the PNG and SVG already there are kept as they were
        Path c = tmp.resolve("C");
        Files.createDirectories(c);
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.toList()) {
                Files.copy(f, c.resolve(f.getFileName().toString()));
            }
        }
        Map<String, String> kept = Cli.snapshot(c);
        Cli.Result q = Cli.run("plot", c.toString(), "--plots", "pdf", "--width", "640", "--height", "420");
        assertEquals(0, q.code(), q.err());
        Set<String> added = figures(c);
        added.removeAll(drawn);
        assertEquals(OutputFigures.names(AtomicOutput.Kind.SIMULATE).size(), added.size(), added.toString());
        for (String f : added) {
            assertEquals("pdf", ext(f));
            assertPdf(c.resolve(f));
        }
        Map<String, String> after = Cli.snapshot(c);
        after.keySet().removeAll(added);
        assertEquals(kept, after, "figures of other formats and the data files are kept");
    }

    @Test
    void simulatePlotsNoneAndPdf() throws IOException {
        Path none = tmp.resolve("none");
        Cli.Result r = Cli.run("simulate", model().toString(), "--out", none.toString(), "--quiet", "--plots", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(figures(none).isEmpty(), figures(none).toString());
        assertTrue(Files.isRegularFile(none.resolve("ode.csv")));

        Path pdf = tmp.resolve("pdf");
        r = Cli.run("simulate", model().toString(), "--out", pdf.toString(), "--quiet", "--plots", "pdf", "--dpi", "150");
        assertEquals(0, r.code(), r.err());
        Set<String> files = figures(pdf);
        assertEquals(OutputFigures.names(AtomicOutput.Kind.SIMULATE).size(), files.size(), files.toString());
        for (String f : files) {
            assertEquals("pdf", ext(f), f);
            assertPdf(pdf.resolve(f));
        }
    }

    @Test
    void mergeOfSimulateShardsDrawsInTheFormatsAsked() throws IOException {
        String m = model().toString();
        Path s0 = tmp.resolve("s0");
        Path s1 = tmp.resolve("s1");
        assertEquals(0, Cli.run("simulate", m, "--out", s0.toString(), "--quiet", "--shard", "0/2").code());
        assertEquals(0, Cli.run("simulate", m, "--out", s1.toString(), "--quiet", "--shard", "1/2").code());
        assertTrue(figures(s0).isEmpty(), "a shard has no figure");
        Path merged = tmp.resolve("merged");
        assertTrue(Cli.run("merge", s0.toString(), s1.toString(), "--out", merged.toString(), "--plots", "svg,foo")
                .oneLineError(Main.BAD_INPUT).contains("--plots"));
        assertFalse(Files.exists(merged));
        Cli.Result r = Cli.run("merge", s0.toString(), s1.toString(), "--out", merged.toString(), "--plots", "pdf");
        assertEquals(0, r.code(), r.err());
        Set<String> files = figures(merged);
        assertEquals(OutputFigures.names(AtomicOutput.Kind.SIMULATE).size(), files.size(), files.toString());
        assertTrue(files.stream().allMatch(f -> ext(f).equals("pdf")), files.toString());
    }

    @Test
    void badPlotOptionsAreOneLineNamingTheOption() throws IOException {
        Path out = tmp.resolve("never");
        String m = model().toString();
        assertTrue(Cli.run("simulate", m, "--out", out.toString(), "--plots", "foo").oneLineError(Main.BAD_INPUT).contains("--plots"));
        assertTrue(Cli.run("simulate", m, "--out", out.toString(), "--plots", "png,png").oneLineError(Main.BAD_INPUT)
                .contains("--plots"));
        assertTrue(Cli.run("simulate", m, "--out", out.toString(), "--width", "5").oneLineError(Main.BAD_INPUT).contains("--width"));
        assertTrue(Cli.run("simulate", m, "--out", out.toString(), "--dpi", "5000").oneLineError(Main.BAD_INPUT).contains("--dpi"));
        assertTrue(Cli.run("convergence", "--no-plots", "--plots", "png", "--out", out.toString()).oneLineError(Main.BAD_INPUT)
                .contains("--no-plots"));
        assertFalse(Files.exists(out));
        // plot checks its options before it reads the folder
        assertTrue(Cli.run("plot", tmp.toString(), "--plots", "foo").oneLineError(Main.BAD_INPUT).contains("--plots"));
        assertTrue(Cli.run("plot", tmp.toString(), "--threads", "-1").oneLineError(Main.BAD_INPUT)
                .contains("--threads must be >= 0, got -1"));
    }

    @Test
    void badOrForeignFoldersAreOneLineWithNothingWritten() throws IOException {
        Path a = tmp.resolve("run");
        assertEquals(0, Cli.run("simulate", model().toString(), "--out", a.toString(), "--quiet", "--plots", "none").code());
        Path corrupt = withoutFigures(a, tmp.resolve("corrupt"));
        Files.writeString(corrupt.resolve("sde_mean.csv"), "t,x\n0,1\n");
        Path noMarker = withoutFigures(a, tmp.resolve("no-marker"));
        Files.delete(noMarker.resolve(AtomicOutput.MARKER));
        Path unknown = withoutFigures(a, tmp.resolve("unknown"));
        Files.writeString(unknown.resolve(AtomicOutput.MARKER), "Written by lesde\nkind: banana\n");
        Path missingFile = withoutFigures(a, tmp.resolve("missing-file"));
        Files.delete(missingFile.resolve("metrics.csv"));
        Path fitMarked = withoutFigures(a, tmp.resolve("fit-marked"));
        Files.writeString(fitMarked.resolve(AtomicOutput.MARKER), "Written by lesde fit\nkind: fit\n");
        Path shard = tmp.resolve("shard");
        Cli.Result sh = Cli.run("simulate", model().toString(), "--out", shard.toString(), "--quiet", "--shard", "0/2");
        assertEquals(0, sh.code(), sh.err());
        Path file = a.resolve("ode.csv");
        Map<String, String> before = Cli.snapshot(tmp);
        Map<Path, String> cases = Map.of(tmp.resolve("absent"), "absent", file, "ode.csv", noMarker, "no-marker",
                unknown, "banana", corrupt, "sde_mean.csv", missingFile, "metrics.csv", fitMarked, "fit-marked",
                shard, "simulate shard");
        for (Map.Entry<Path, String> e : cases.entrySet()) {
            Cli.Result r = Cli.run("plot", e.getKey().toString());
            String line = r.oneLineError(Main.BAD_INPUT);
            assertTrue(line.contains(e.getValue()), "names " + e.getValue() + ": " + line);
            assertTrue(r.out().isEmpty(), r.out());
        }
        assertEquals(before, Cli.snapshot(tmp), "nothing written");
    }

    @Test
    void plotOnACheckFolderSaysItHoldsNoFigure() throws IOException {
        Path k = tmp.resolve("check");
        Files.createDirectories(k);
        Files.writeString(k.resolve(AtomicOutput.MARKER), "Written by lesde check\nkind: check\n");
        Files.writeString(k.resolve("check.json"), "{\"checks\": []}\n");
        Map<String, String> before = Cli.snapshot(k);
        Cli.Result r = Cli.run("plot", k.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("no figure"), r.out());
        assertEquals(before, Cli.snapshot(k));
    }

    @Test
    void plotOnAFitFolder() throws IOException {
        Path log = tmp.resolve("geomnist_k3_p0.csv.gz");
        try (InputStream in = PlotCommandTest.class.getResourceAsStream("/geomnist/geomnist_k3_p0.csv.gz")) {
            Files.copy(in, log);
        }
        Path fit = tmp.resolve("fit");
        Cli.Result f = Cli.run("fit", log.toString(), "--out", fit.toString(), "--replay", "3", "--plots", "png",
                "--width", "640", "--height", "420");
        assertEquals(0, f.code(), f.err());
        redrawsTheSame(fit, AtomicOutput.Kind.FIT, "png");
    }

    @Test
    void plotOnASweepFolder() throws IOException {
        Path sweepFile = tmp.resolve("sweep.yaml");
        Files.writeString(sweepFile, SWEEP);
        Path sweep = tmp.resolve("sweep");
        Cli.Result s = Cli.run("sweep", sweepFile.toString(), "--out", sweep.toString(), "--quiet", "--plots", "png");
        assertEquals(0, s.code(), s.err());
        redrawsTheSame(sweep, AtomicOutput.Kind.SWEEP, "png");
    }

    @Test
    void plotOnAConvergenceFolder() throws IOException {
        Path conv = tmp.resolve("conv");
        Cli.Result c = Cli.run("convergence", "--out", conv.toString(), "--paths", "40", "--levels", "2", "--threads", "1",
                "--plots", "svg");
        assertEquals(0, c.code(), c.err());
        redrawsTheSame(conv, AtomicOutput.Kind.CONVERGENCE, "svg");
    }

    /** The command drew figures; a copy without them gets the same files from `lesde plot`. */
    private void redrawsTheSame(Path dir, AtomicOutput.Kind kind, String format) throws IOException {
        Set<String> drawn = figures(dir);
        assertFalse(drawn.isEmpty(), dir + " has figures");
        assertTrue(drawn.stream().allMatch(n -> ext(n).equals(format)), drawn.toString());
        namedInList(drawn, kind);
        Path copy = withoutFigures(dir, tmp.resolve(dir.getFileName() + "-copy"));
        Cli.Result p = Cli.run("plot", copy.toString(), "--plots", format, "--width", "640", "--height", "420");
        assertEquals(0, p.code(), p.err());
        assertEquals(drawn, figures(copy), "plot " + copy);
        assertTrue(p.out().contains(kind.key()), p.out());
        // the figures drawn in parallel are the same files, byte for byte, as one after the other
        Path one = withoutFigures(dir, tmp.resolve(dir.getFileName() + "-1"));
        Path three = withoutFigures(dir, tmp.resolve(dir.getFileName() + "-3"));
        assertEquals(0, Cli.run("plot", one.toString(), "--plots", format, "--threads", "1").code());
        Cli.Result t = Cli.run("plot", three.toString(), "--plots", format, "--threads", "3");
        assertEquals(0, t.code(), t.err());
        assertEquals(Cli.snapshot(one), Cli.snapshot(three), "plot --threads 1 and 3 of " + dir);
    }
}
