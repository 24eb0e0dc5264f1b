package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesde.io.Json;
import org.lesde.report.EnsembleShards;

/**
 * {@code simulate --shard i/n} + {@code merge} writes exactly the files of the unsharded run
 * (every CSV and figure byte for byte, summary.json apart from the command, the timing and the
 * thread count), for every solver and with LE-SGD; merge refuses incomplete, repeated and foreign
 * sets of shards with a one-line error naming the shard folder, and writes nothing.
 */
class ShardMergeTest {
    @TempDir
    Path tmp;

    /** Additive noise (Euler–Maruyama, exact) and diagonal multiplicative noise (Milstein), with SGD particles. */
    static final String PROPORTIONAL = Cli.BASE.replace("noise: {type: additive, sigma: 1.0}", "noise: {type: proportional, sigma: 0.8}")
            .replace("closure: mean", "closure: self");

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("euler-maruyama", Cli.BASE, 700, 3),
                Arguments.of("milstein", PROPORTIONAL, 700, 4),
                Arguments.of("exact", Cli.BASE, 700, 3),
                // more shards than chunks: shard 3 of 4 runs no chunk at all
                Arguments.of("euler-maruyama", Cli.BASE, 3, 4),
                // one shard is a valid shard set too
                Arguments.of("exact", Cli.BASE, 100, 1));
    }

    Path model(String text) throws IOException {
        Path f = tmp.resolve("model.yaml");
        Files.writeString(f, text);
        return f;
    }

    List<Path> shards(Path model, int n, String... extra) {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path d = tmp.resolve("s" + i);
            List<String> args = new ArrayList<>(List.of("simulate", model.toString(), "--shard", i + "/" + n, "--out", d.toString(),
                    "--quiet", "--threads", Integer.toString(1 + i % 2)));
            args.addAll(List.of(extra));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            dirs.add(d);
        }
        return dirs;
    }

    static String[] mergeArgs(Path out, List<Path> dirs) {
        List<String> a = new ArrayList<>(List.of("merge", "--out", out.toString()));
        for (Path d : dirs) {
            a.add(d.toString());
        }
        return a.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> summaryWithoutRunDetails(Path f) {
        Map<String, Object> s = (Map<String, Object>) Json.read(f, "summary");
        s.remove("command");
        s.remove("wall_seconds");
        s.remove("timings");
        s.remove("threads");
        ((Map<String, Object>) ((Map<String, Object>) s.get("model")).get("simulation")).remove("threads");
        return s;
    }

    @ParameterizedTest(name = "{0}, {2} paths, {3} shards")
    @MethodSource("runs")
    void shardsMergeIntoExactlyTheUnshardedRun(String solver, String text, int paths, int n) throws IOException {
        Path m = model(text);
        Path all = tmp.resolve("all");
        Cli.Result whole = Cli.run("simulate", m.toString(), "--solver", solver, "--paths", Integer.toString(paths), "--out",
                all.toString(), "--quiet");
        assertEquals(0, whole.code(), whole.err());
        List<Path> dirs = shards(m, n, "--solver", solver, "--paths", Integer.toString(paths));
        // shard 0 holds LE-SGD, the others do not
        assertTrue(Files.exists(dirs.get(0).resolve(EnsembleShards.SGD)));
        for (int i = 1; i < n; i++) {
            assertFalse(Files.exists(dirs.get(i).resolve(EnsembleShards.SGD)));
        }
        List<Path> shuffled = new ArrayList<>(dirs);
        java.util.Collections.reverse(shuffled);
        Path merged = tmp.resolve("merged");
        Cli.Result r = Cli.run(mergeArgs(merged, shuffled));
        assertEquals(0, r.code(), r.err());

        TreeSet<String> expected = new TreeSet<>();
        try (Stream<Path> s = Files.list(all)) {
            s.forEach(p -> expected.add(p.getFileName().toString()));
        }
        TreeSet<String> got = new TreeSet<>();
        try (Stream<Path> s = Files.list(merged)) {
            s.forEach(p -> got.add(p.getFileName().toString()));
        }
        assertEquals(expected, got);
        assertTrue(expected.contains("sgd.csv") && expected.contains("sde_mean.csv") && expected.contains("metrics.csv"));
        for (String f : expected) {
            if (f.equals("summary.json")) {
                continue;
            }
            assertArrayEquals(Files.readAllBytes(all.resolve(f)), Files.readAllBytes(merged.resolve(f)), f + " differs");
        }
        assertEquals(summaryWithoutRunDetails(all.resolve("summary.json")), summaryWithoutRunDetails(merged.resolve("summary.json")));
        if (n == 1) {
            // the one shard ran with the unsharded run's thread count: only the command and the time differ
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) Json.read(all.resolve("summary.json"), "a");
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) Json.read(merged.resolve("summary.json"), "b");
            for (Map<String, Object> x : List.of(a, b)) {
                x.remove("command");
                x.remove("wall_seconds");
                x.remove("timings");
            }
            assertEquals(a, b);
        }
    }

    /** Runs a merge expected to fail: one line, exit 2, naming {@code named}, nothing written. */
    void refused(List<Path> dirs, String named) {
        Path dest = tmp.resolve("refused");
        Cli.Result r = Cli.run(mergeArgs(dest, dirs));
        String line = r.oneLineError(2);
        assertTrue(line.contains(named), () -> "expected the message to name " + named + ": " + line);
        assertFalse(Files.exists(dest), "merge wrote its destination although it refused");
    }

    @Test
    void mergeRefusesMissingRepeatedAndForeignShards() throws IOException {
        Path m = model(Cli.BASE);
        List<Path> dirs = shards(m, 3);
        // missing
        refused(List.of(dirs.get(0), dirs.get(2)), "shard 1/3");
        // repeated: the same folder twice, and a copy under another name
        refused(List.of(dirs.get(0), dirs.get(1), dirs.get(2), dirs.get(1)), dirs.get(1).toString());
        Path copy = tmp.resolve("copy-of-s2");
        copyFolder(dirs.get(2), copy);
        refused(List.of(dirs.get(0), dirs.get(1), dirs.get(2), copy), copy.toString());
        // foreign seed, foreign model, different n
        Path seed = run(m, "1/3", "seed7", "--seed", "7");
        refused(List.of(dirs.get(0), seed, dirs.get(2)), seed.toString());
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, Cli.BASE.replace("sigma: 1.0", "sigma: 0.9"));
        Path foreign = run(other, "1/3", "foreign");
        refused(List.of(dirs.get(0), foreign, dirs.get(2)), foreign.toString());
        Path paths = run(m, "1/3", "paths", "--paths", "41");
        refused(List.of(dirs.get(0), paths, dirs.get(2)), paths.toString());
        Path four = run(m, "1/4", "four");
        refused(List.of(dirs.get(0), four, dirs.get(2)), four.toString());
        // foreign lesde version
        Path version = tmp.resolve("version");
        copyFolder(dirs.get(1), version);
        Path mf = version.resolve(EnsembleShards.MANIFEST);
        Files.writeString(mf, Files.readString(mf).replaceFirst("\"lesde_version\" : \"[^\"]*\"", "\"lesde_version\" : \"0.0.1\""));
        refused(List.of(dirs.get(0), version, dirs.get(2)), version.toString());
        // damaged state: truncated, and one flipped byte (the checksum)
        Path cut = tmp.resolve("cut");
        copyFolder(dirs.get(1), cut);
        byte[] b = Files.readAllBytes(cut.resolve(EnsembleShards.CHUNKS));
        Files.write(cut.resolve(EnsembleShards.CHUNKS), java.util.Arrays.copyOf(b, b.length - 100));
        refused(List.of(dirs.get(0), cut, dirs.get(2)), cut.toString());
        Path flip = tmp.resolve("flip");
        copyFolder(dirs.get(1), flip);
        b[b.length - 3] ^= 1;
        Files.write(flip.resolve(EnsembleShards.CHUNKS), b);
        refused(List.of(dirs.get(0), flip, dirs.get(2)), flip.toString());
        // a sweep shard and a simulate shard together, and a folder that is no shard
        Path sweep = tmp.resolve("sweep-shard");
        Files.createDirectories(sweep);
        Files.writeString(sweep.resolve("sweep.json"), "{}");
        Files.writeString(sweep.resolve("sweep.csv"), "cell\n");
        refused(List.of(dirs.get(0), sweep), sweep.toString());
        refused(List.of(dirs.get(0), tmp), tmp.toString());
        // a destination that is, holds or lies inside a shard folder would destroy a shard
        for (Path dest : List.of(dirs.get(1), tmp, dirs.get(2).resolve("inside"))) {
            Cli.Result r = Cli.run(mergeArgs(dest, dirs));
            assertTrue(r.oneLineError(2).contains("--out"), r.err());
        }
        assertTrue(Files.exists(dirs.get(1).resolve(EnsembleShards.CHUNKS)));
        assertFalse(Files.exists(dirs.get(2).resolve("inside")));
        // the complete set still merges
        assertEquals(0, Cli.run(mergeArgs(tmp.resolve("ok"), dirs)).code());
    }

    @Test
    void shardOptionsAreValidated() throws IOException {
        Path m = model(Cli.BASE);
        Path dest = tmp.resolve("x");
        assertTrue(Cli.run("simulate", m.toString(), "--shard", "3/3", "--out", dest.toString()).oneLineError(2).contains("--shard"));
        assertTrue(Cli.run("simulate", m.toString(), "--shard", "a/b", "--out", dest.toString()).oneLineError(2).contains("\"a/b\""));
        assertTrue(Cli.run("simulate", m.toString(), "--shard", "0/2", "--shard-from-env", "--out", dest.toString())
                .oneLineError(2).contains("--shard-from-env"));
        Files.writeString(m, Cli.BASE.replace("closure: mean", "closure: ensemble"));
        assertTrue(Cli.run("simulate", m.toString(), "--shard", "0/2", "--out", dest.toString()).oneLineError(2).contains("ensemble"));
        assertFalse(Files.exists(dest));
    }

    Path run(Path model, String shard, String name, String... extra) {
        Path d = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("simulate", model.toString(), "--shard", shard, "--out", d.toString(), "--quiet"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return d;
    }

    static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
