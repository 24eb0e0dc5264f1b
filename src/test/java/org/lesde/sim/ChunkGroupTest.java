package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.Shard;
import org.lesde.model.LeModel;
import org.lesde.sde.PathObserver;

/**
 * Runs of consecutive chunks handed to a worker that advances several paths in lockstep
 * ({@link EnsembleRunner.PathWorker#lockstep()}): the worker gets whole runs of chunks (so a
 * K = p = 1000 ensemble of one path per chunk still steps in blocks), every chunk's accumulators
 * see its own paths only, in the order they would alone, and the chunks reach the sink in chunk
 * order for any thread count; the bits of a real model equal the chunks of a sharded run (which
 * are never grouped) folded in chunk order.
 */
class ChunkGroupTest {
    /** A worker reporting rows 0..2 of its paths in lockstep (per row, paths increasing) and recording its calls. */
    static final class Lockstep implements EnsembleRunner.PathWorker {
        final int lockstep;
        final List<long[]> calls = Collections.synchronizedList(new ArrayList<>());

        Lockstep(int lockstep) {
            this.lockstep = lockstep;
        }

        @Override
        public void runPath(long path, PathObserver observer) {
            runPaths(path, path + 1, (p, row, t, x) -> observer.observe(row, t, x), () -> false);
        }

        @Override
        public void runPaths(long from, long to, EnsembleRunner.PathsObserver observer, BooleanSupplier cancelled) {
            calls.add(new long[] {from, to});
            for (int row = 0; row < 3; row++) {
                for (long p = from; p < to; p++) {
                    observer.observe(p, row, row, new double[] {p * 10 + row});
                }
            }
        }

        @Override
        public int lockstep() {
            return lockstep;
        }
    }

    /** Records every observation of its chunk as "path:row". */
    static final class Seen implements ChunkAccumulator {
        final List<String> seen = new ArrayList<>();

        @Override
        public void observe(long path, int outputIndex, double t, double[] x) {
            assertEquals(path * 10 + outputIndex, x[0]);
            seen.add(path + ":" + outputIndex);
        }

        @Override
        public void mergeFrom(ChunkAccumulator later) {
            seen.addAll(((Seen) later).seen);
        }
    }

    @ParameterizedTest(name = "{0} paths, lockstep {1}, {2} threads: calls of {3} paths")
    @CsvSource({
        "8, 4, 1, 4",   // chunks of one path: two runs of four
        "8, 4, 2, 4",
        "8, 4, 3, 3",   // an even share per thread: 3 + 3 + 2
        "8, 1, 2, 1",   // a worker of one path at a time gets single chunks
        "40, 8, 1, 8",  // chunks of two paths, four per run
        "40, 8, 4, 8",
        "200, 8, 2, 7", // chunks of seven paths: one per run
        "5, 4, 2, 3",   // 5 chunks over 2 threads: 3 + 2
    })
    void workersGetRunsOfWholeChunksAndEveryChunkSeesItsOwnPathsInOrder(int paths, int lockstep, int threads, int perCall) {
        List<Lockstep> made = Collections.synchronizedList(new ArrayList<>());
        Supplier<EnsembleRunner.PathWorker> workers = () -> {
            Lockstep w = new Lockstep(lockstep);
            made.add(w);
            return w;
        };
        TreeMap<Integer, List<String>> byChunk = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        EnsembleRunner.run(paths, threads, workers, List.of(Seen::new), Progress.NONE, Shard.ALL, (c, acc) -> {
            order.add(c);
            byChunk.put(c, ((Seen) acc.get(0)).seen);
        });
        int chunk = EnsembleRunner.chunkSize(paths);
        int chunks = EnsembleRunner.chunks(paths);
        List<Integer> expectedOrder = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            expectedOrder.add(c);
            List<String> expected = new ArrayList<>();
            for (int row = 0; row < 3; row++) {
                for (long p = (long) c * chunk; p < Math.min(paths, (long) (c + 1) * chunk); p++) {
                    expected.add(p + ":" + row);
                }
            }
            assertEquals(expected, byChunk.get(c), "chunk " + c);
        }
        assertEquals(expectedOrder, order);
        List<long[]> calls = new ArrayList<>();
        made.forEach(w -> calls.addAll(w.calls));
        calls.sort((a, b) -> Long.compare(a[0], b[0]));
        long next = 0;
        for (long[] call : calls) {
            assertEquals(next, call[0], "runs cover the paths once, in whole chunks");
            assertEquals(0, call[0] % chunk);
            assertTrue(call[1] - call[0] <= perCall);
            next = call[1];
        }
        assertEquals(paths, next);
        assertEquals(perCall, calls.get(0)[1] - calls.get(0)[0], "the first run's paths");
        assertTrue(made.size() <= Math.max(1, Math.min(threads, chunks)), "one worker per thread: " + made.size());
    }

    @Test
    void aShardOfSeveralIsRunChunkByChunk() {
        Lockstep w = new Lockstep(4);
        List<Integer> order = new ArrayList<>();
        EnsembleRunner.run(8, 1, () -> w, List.of(Seen::new), Progress.NONE, new Shard(1, 2), (c, acc) -> order.add(c));
        assertEquals(List.of(1, 3, 5, 7), order);
        for (long[] call : w.calls) {
            assertEquals(1, call[1] - call[0]);
        }
    }

    @Test
    void chunksInFlightBoundTheSummariesTheEstimateCounts() {
        assertEquals(2, EnsembleRunner.chunksInFlight(8, 1, 1));      // one chunk and the merged one
        assertEquals(5, EnsembleRunner.chunksInFlight(8, 2, 1));      // 2 per thread, as before
        assertEquals(5, EnsembleRunner.chunksInFlight(8, 1, 4));      // a run of four and the merged one
        assertEquals(9, EnsembleRunner.chunksInFlight(8, 2, 4));      // all eight and the merged one
        assertEquals(4, EnsembleRunner.group(4, 1, 8, 2));
        assertEquals(3, EnsembleRunner.group(4, 1, 8, 3));
        assertEquals(1, EnsembleRunner.group(4, 8, 32, 2));
    }

    /**
     * K = p = 400 (n = 160 000, lockstep blocks of four, chunks of one path) and K = 50, p = 100
     * (blocks of eight, chunks of two): 1, 2 and 3 threads give the bits of the chunks of two
     * shards (run chunk by chunk) folded in chunk order.
     */
    @ParameterizedTest(name = "K={0}, p={1}, {2} paths")
    @CsvSource({"400, 400, 9", "50, 100, 40"})
    void groupedRunsEqualTheChunksRunOneByOne(int k, int p, int paths) {
        String additive = "{type: additive, sigma: 1.0}";
        LeModel m1 = EnsembleDeterminismTest.model(k, p, "mean", additive, "euler-maruyama", paths, 1)
                .withTime(new LeModel.Time(0.1, 0.01, 2));
        assertTrue(LePathWorker.affineBlockSize(k * p) > EnsembleRunner.chunkSize(paths), "the test groups chunks");
        Assembly a = Assembly.of(m1);
        int rows = a.grid().outputs();
        int n = m1.stateDim();
        List<Supplier<ChunkAccumulator>> stats = List.of(() -> new Moments(rows, n));
        TreeMap<Integer, Moments> chunks = new TreeMap<>();
        for (int s = 0; s < 2; s++) {
            Simulation.sdeChunks(a, stats, Progress.NONE, new Shard(s, 2), (c, acc) -> chunks.put(c, (Moments) acc.get(0)));
        }
        assertEquals(EnsembleRunner.chunks(paths), chunks.size());
        EnsembleRunner.Fold fold = new EnsembleRunner.Fold();
        chunks.forEach((c, m) -> fold.accept(c, List.of(m)));
        Moments ref = (Moments) fold.result().get(0);
        for (int threads : new int[] {1, 2, 3}) {
            LeModel m = m1.withSimulation(m1.simulation().withThreads(threads));
            Moments got = Simulation.run(m, Simulation.Config.defaults()).sde();
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(ref.mean(r, i)), Double.doubleToRawLongBits(got.mean(r, i)),
                            threads + " threads, mean row " + r + " coord " + i);
                    assertEquals(Double.doubleToRawLongBits(ref.variance(r, i)), Double.doubleToRawLongBits(got.variance(r, i)),
                            threads + " threads, variance row " + r + " coord " + i);
                }
            }
        }
    }
}
