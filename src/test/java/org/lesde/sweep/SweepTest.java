package org.lesde.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.Shard;
import org.lesde.cli.Cli;
import org.lesde.report.SweepEvaluator;

class SweepTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> withoutTimings(Path json) {
        java.util.Map<String, Object> j = (java.util.Map<String, Object>) org.lesde.io.Json.read(json, json.toString());
        assertTrue(j.remove("timings") instanceof java.util.Map, json + " has its timings");
        return j;
    }

    Path sweepFile() throws IOException {
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, Cli.PHASE_SWEEP);
        return f;
    }

    /** The exit code; stderr is shown when the command fails. */
    static int run(String... args) {
        Cli.Result r = Cli.run(args);
        if (r.code() != 0) {
            System.err.println(r.err());
        }
        return r.code();
    }

    @Test
    void shardsMergeIntoExactlyTheUnshardedResult() throws IOException {
        Path f = sweepFile();
        Path all = tmp.resolve("all");
        assertEquals(0, run("sweep", f.toString(), "--out", all.toString(), "--quiet"));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, run("sweep", f.toString(), "--shard", i + "/3", "--out", tmp.resolve("s" + i).toString(), "--quiet"));
        }
        Path merged = tmp.resolve("merged");
        assertEquals(0, run("merge", tmp.resolve("s2").toString(), tmp.resolve("s0").toString(), tmp.resolve("s1").toString(),
                "--out", merged.toString()));
        assertArrayEquals(Files.readAllBytes(all.resolve("sweep.csv")), Files.readAllBytes(merged.resolve("sweep.csv")));
        // sweep.json is the same apart from the timings of the run that wrote it
        assertEquals(withoutTimings(all.resolve("sweep.json")), withoutTimings(merged.resolve("sweep.json")));
        assertTrue(Files.size(merged.resolve("sweep_sep_prob_min.png")) > 0);
        // an incomplete set of shards is refused
        assertEquals(2, run("merge", tmp.resolve("s0").toString(), "--out", tmp.resolve("bad").toString()));
        assertTrue(!Files.exists(tmp.resolve("bad")));
    }

    @Test
    void resumedSweepEqualsUninterruptedAndSkipsFinishedCells() throws IOException {
        SweepSpec spec = SweepSpec.read(sweepFile());
        Path dest = tmp.resolve("resume");
        SweepEvaluator real = new SweepEvaluator();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> SweepRunner.run(spec, Shard.ALL, dest, (m, th) -> {
            if (calls.incrementAndGet() > 4) {
                throw new IllegalStateException("interrupted");
            }
            return real.evaluate(m, th);
        }, d -> { }, new int[1]));
        AtomicInteger second = new AtomicInteger();
        int[] resumed = {0};
        List<String> rows = SweepRunner.run(spec, Shard.ALL, dest, (m, th) -> {
            second.incrementAndGet();
            return real.evaluate(m, th);
        }, d -> { }, resumed);
        assertEquals(4, resumed[0]);
        assertEquals(spec.cells() - 4, second.get());
        List<String> fresh = SweepRunner.run(spec, Shard.ALL, tmp.resolve("fresh"), real, d -> { }, new int[1]);
        assertEquals(fresh, rows);
    }

    @Test
    void phaseTransitionSeparatesBelowROneAndNotAbove() throws IOException {
        Path out = tmp.resolve("phase");
        assertEquals(0, run("sweep", sweepFile().toString(), "--out", out.toString(), "--quiet"));
        List<String> lines = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals("cell,impact.alpha.powerlaw.r,impact.alpha.powerlaw.c,seed,sep_prob_min,sep_prob_mean,etf_distance,nc1,t_sep",
                lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double r = Double.parseDouble(c[1]);
            double sep = Double.parseDouble(c[4]);
            if (r < 1) {
                assertTrue(sep > 0.99, "r=" + r + " should separate: " + line);
            } else {
                assertTrue(sep < 0.9, "r=" + r + " should not separate: " + line);
            }
        }
    }

    /** A merge that must be refused: exit 2, one line naming {@code named}, no destination written. */
    void refusedMerge(String named, Path... dirs) {
        Path dest = tmp.resolve("refused");
        java.util.List<String> a = new java.util.ArrayList<>(List.of("merge", "--out", dest.toString()));
        for (Path d : dirs) {
            a.add(d.toString());
        }
        String line = Cli.run(a.toArray(String[]::new)).oneLineError(2);
        assertTrue(line.contains(named), () -> "expected the message to name " + named + ": " + line);
        assertTrue(!Files.exists(dest), "merge wrote although it refused");
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    @Test
    void mergeRefusesRowsOutsideTheSweepRepeatedCellsAndRepeatedShards() throws IOException {
        Path f = sweepFile();
        Path[] s = new Path[3];
        for (int i = 0; i < 3; i++) {
            s[i] = tmp.resolve("s" + i);
            assertEquals(0, run("sweep", f.toString(), "--shard", i + "/3", "--out", s[i].toString(), "--quiet"));
        }
        // a repeated shard: the same folder twice, or a copy of it
        refusedMerge("repeats shard 1/3", s[0], s[1], s[2], s[1]);
        Path copy = tmp.resolve("copy");
        copy(s[2], copy);
        refusedMerge(copy.toString(), s[0], s[1], s[2], copy);
        // a missing shard, named
        refusedMerge("shard 1/3", s[0], s[2]);
        // shards of another n
        Path half = tmp.resolve("half");
        assertEquals(0, run("sweep", f.toString(), "--shard", "1/2", "--out", half.toString(), "--quiet"));
        refusedMerge(half.toString(), s[0], half, s[2]);
        // rows for cells outside the sweep (6 cells: 0..5), far and near
        for (String cell : new String[] {"99", "6", "-3"}) {
            Path bad = tmp.resolve("outside" + cell);
            copy(s[0], bad);
            List<String> lines = Files.readAllLines(bad.resolve("sweep.csv"));
            lines.add(cell + lines.get(1).substring(lines.get(1).indexOf(',')));
            Files.write(bad.resolve("sweep.csv"), lines);
            refusedMerge(bad.resolve("sweep.csv").toString(), bad, s[1], s[2]);
        }
        // a repeated cell (identical row twice), and a cell of another shard
        Path twice = tmp.resolve("twice");
        copy(s[1], twice);
        List<String> lines = Files.readAllLines(twice.resolve("sweep.csv"));
        lines.add(lines.get(1));
        Files.write(twice.resolve("sweep.csv"), lines);
        refusedMerge("appears twice", s[0], twice, s[2]);
        Path stray = tmp.resolve("stray");
        copy(s[1], stray);
        lines = Files.readAllLines(stray.resolve("sweep.csv"));
        lines.add(Files.readAllLines(s[0].resolve("sweep.csv")).get(1));
        Files.write(stray.resolve("sweep.csv"), lines);
        refusedMerge("not a cell of shard 1/3", s[0], stray, s[2]);
        // the complete set merges
        assertEquals(0, run("merge", s[0].toString(), s[1].toString(), s[2].toString(), "--out", tmp.resolve("ok").toString()));
    }

    @Test
    void badSweepFilesAreOneLineErrors() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, Cli.PHASE_SWEEP.replace("impact.alpha.powerlaw.r, values", "impact.alpha.powerlaw.r, valuez"));
        assertEquals(2, run("sweep", f.toString(), "--out", tmp.resolve("x").toString()));
        Files.writeString(f, Cli.PHASE_SWEEP.replace("values: [0.5, 1.5]", "values: [0.5, .nan]"));
        assertEquals(2, run("sweep", f.toString(), "--out", tmp.resolve("x").toString()));
        Files.writeString(f, Cli.PHASE_SWEEP.replace("key: impact.alpha.powerlaw.c", "key: classes").replace("[1.0, 2.0, 4.0]", "[1, 3]"));
        assertEquals(2, run("sweep", f.toString(), "--out", tmp.resolve("x").toString()));
        assertEquals(2, run("sweep", sweepFile().toString(), "--shard", "3/3", "--out", tmp.resolve("x").toString()));
        assertTrue(!Files.exists(tmp.resolve("x")));
    }
}
