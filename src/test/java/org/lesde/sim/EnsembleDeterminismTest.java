package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/**
 * The ensemble statistics (mean, variance, kept sample paths) of a multi-threaded run are equal,
 * bit for bit, to the single-threaded ones: mean and self closures, Euler–Maruyama and Milstein,
 * small ensembles (one path per chunk) and large ones (chunks of 32).
 */
class EnsembleDeterminismTest {

    static LeModel model(String closure, String noise, String solver, int paths, int threads) {
        return model(3, 4, closure, noise, solver, paths, threads);
    }

    static LeModel model(int classes, int dim, String closure, String noise, String solver, int paths, int threads) {
        String yaml = """
                name: det
                classes: %d
                dim: %d
                impact: {alpha: 2.0, beta: -0.5}
                transform: residual-source
                noise: %s
                stepSize: 0.01
                closure: %s
                init: {random: {scale: 1.0}, spread: 0.1}
                time: {horizon: 1.0, dt: 0.01, outputs: 20}
                simulation: {paths: %d, solver: %s, seed: 17, threads: %d}
                """.formatted(classes, dim, noise, closure, paths, solver, threads);
        return ModelFile.parse(yaml, "det", null, "test");
    }

    static void assertSameBits(Simulation.Result a, Simulation.Result b, String what) {
        Moments ma = a.sde();
        Moments mb = b.sde();
        int n = a.model().stateDim();
        assertEquals(ma.rows(), mb.rows());
        for (int r = 0; r < ma.rows(); r++) {
            assertEquals(ma.count(r), mb.count(r));
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(ma.mean(r, i)), Double.doubleToRawLongBits(mb.mean(r, i)),
                        what + " mean row " + r + " coord " + i);
                assertEquals(Double.doubleToRawLongBits(ma.variance(r, i)), Double.doubleToRawLongBits(mb.variance(r, i)),
                        what + " variance row " + r + " coord " + i);
            }
        }
        List<Map.Entry<Long, double[][]>> pa = a.samples().paths();
        List<Map.Entry<Long, double[][]>> pb = b.samples().paths();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).getKey(), pb.get(i).getKey());
            assertTrue(java.util.Arrays.deepEquals(pa.get(i).getValue(), pb.get(i).getValue()), what + " sample path " + i);
        }
    }

    @ParameterizedTest(name = "{0} closure, {1}, {2}, {3} paths")
    @CsvSource({
        "mean, additive, euler-maruyama, 10",
        "mean, additive, euler-maruyama, 200",
        "mean, additive, euler-maruyama, 2500",
        "self, additive, euler-maruyama, 200",
        "self, proportional, euler-maruyama, 150",
        "self, proportional, milstein, 10",
        "self, proportional, milstein, 300",
        "mean, centred, milstein, 300",
        "mean, additive, milstein, 100",
    })
    void multiThreadedEqualsSingleThreaded(String closure, String noise, String solver, int paths) {
        String n = switch (noise) {
            case "additive" -> "{type: additive, sigma: 1.0}";
            case "proportional" -> "{type: proportional, sigma: 1.0}";
            default -> "{type: proportional, sigma: 1.0, centred: true}";
        };
        Simulation.Result one = Simulation.run(model(closure, n, solver, paths, 1), Simulation.Config.defaults());
        for (int threads : new int[] {2, 3}) {
            Simulation.Result many = Simulation.run(model(closure, n, solver, paths, threads), Simulation.Config.defaults());
            assertSameBits(one, many, closure + "/" + noise + "/" + solver + "/" + paths + " paths/" + threads + " threads");
        }
    }

    /** K = p = 40 (lockstep blocks of 8 paths inside chunks of 1): still bit-identical. */
    @Test
    void largeStatesWithPathBlocksToo() {
        for (String closure : new String[] {"mean", "self"}) {
            LeModel m1 = model(40, 40, closure, "{type: additive, sigma: 1.0}", "euler-maruyama", 21, 1);
            Simulation.Result one = Simulation.run(m1, Simulation.Config.defaults());
            Simulation.Result two = Simulation.run(model(40, 40, closure, "{type: additive, sigma: 1.0}", "euler-maruyama",
                    21, 2), Simulation.Config.defaults());
            assertSameBits(one, two, closure + " K=p=40");
        }
    }

    /**
     * K = 50, p = 100 (n = 5000 > 1024: the affine driver steps the state tile by tile, two
     * members per lockstep block in chunks of 2): 1, 2 and 3 threads give the bits of the chunks
     * folded by hand in chunk order, and the same chunks folded in reverse order do not (so the
     * test sees a change of the fold order).
     */
    @Test
    void tiledLargeStatesFoldInChunkOrderForAnyThreadCount() {
        String additive = "{type: additive, sigma: 1.0}";
        LeModel m1 = model(50, 100, "mean", additive, "euler-maruyama", 40, 1);
        int n = m1.stateDim();
        Assembly a = Assembly.of(m1);
        int rows = a.grid().outputs();
        List<Supplier<ChunkAccumulator>> stats = List.of(() -> new Moments(rows, n));
        List<Moments> chunks = new java.util.ArrayList<>();
        List<Moments> again = new java.util.ArrayList<>(); // the same chunks, for the second fold
        Simulation.sdeChunks(a, stats, Progress.NONE, org.lesde.Shard.ALL, (c, acc) -> chunks.add((Moments) acc.get(0)));
        Simulation.sdeChunks(a, stats, Progress.NONE, org.lesde.Shard.ALL, (c, acc) -> again.add((Moments) acc.get(0)));
        int count = EnsembleRunner.chunks(40);
        assertEquals(count, chunks.size());
        Moments forward = chunks.get(0); // as EnsembleRunner.Fold: the first chunk is the result
        Moments backward = again.get(count - 1);
        for (int c = 1; c < count; c++) {
            forward.mergeFrom(chunks.get(c));
            backward.mergeFrom(again.get(count - 1 - c));
        }
        boolean differs = false;
        for (int threads : new int[] {1, 2, 3}) {
            Moments got = Simulation.run(model(50, 100, "mean", additive, "euler-maruyama", 40, threads),
                    Simulation.Config.defaults()).sde();
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(forward.mean(r, i)), Double.doubleToRawLongBits(got.mean(r, i)),
                            threads + " threads, mean row " + r + " coord " + i);
                    assertEquals(Double.doubleToRawLongBits(forward.variance(r, i)),
                            Double.doubleToRawLongBits(got.variance(r, i)), threads + " threads, variance row " + r + " coord " + i);
                    differs |= Double.doubleToRawLongBits(backward.mean(r, i)) != Double.doubleToRawLongBits(got.mean(r, i))
                            || Double.doubleToRawLongBits(backward.variance(r, i)) != Double.doubleToRawLongBits(got.variance(r, i));
                }
            }
        }
        assertTrue(differs, "the reverse fold gives other bits");
    }

    @Test
    void chunkSizeDependsOnThePathCountOnly() {
        assertEquals(1, EnsembleRunner.chunkSize(1));
        assertEquals(1, EnsembleRunner.chunkSize(32));
        assertEquals(2, EnsembleRunner.chunkSize(33));
        assertEquals(8, EnsembleRunner.chunkSize(256));
        assertEquals(32, EnsembleRunner.chunkSize(1000));
        assertEquals(32, EnsembleRunner.chunkSize(1_000_000));
    }
}
