package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Routes observations of many paths, made in lockstep (all paths at row 0, then row 1, ...), to
 * per-chunk accumulators (chunks of {@link EnsembleRunner#CHUNK} paths), and merges them in
 * chunk order: the ensemble closure and LE-SGD particles are summarised exactly like
 * independent paths.
 */
final class ChunkedObservation {
    private final List<List<ChunkAccumulator>> chunks = new ArrayList<>();
    private final int chunk;

    ChunkedObservation(long paths, List<Supplier<ChunkAccumulator>> statistics) {
        // all chunks are alive for the whole run here (every path is observed at every row), so
        // keep them few: chunks of CHUNK paths (no parallelism to gain from smaller ones)
        this.chunk = EnsembleRunner.CHUNK;
        int n = (int) ((paths + chunk - 1) / chunk);
        for (int c = 0; c < n; c++) {
            List<ChunkAccumulator> acc = new ArrayList<>();
            for (Supplier<ChunkAccumulator> s : statistics) {
                acc.add(s.get());
            }
            chunks.add(acc);
        }
    }

    /** Observes path p's state x (length n, starting at offset) at an output row. */
    void observe(long p, int row, double t, double[] x) {
        for (ChunkAccumulator a : chunks.get((int) (p / chunk))) {
            a.observe(p, row, t, x);
        }
    }

    List<ChunkAccumulator> merged() {
        List<ChunkAccumulator> merged = null;
        for (List<ChunkAccumulator> c : chunks) {
            merged = EnsembleRunner.merge(merged, c);
        }
        return merged;
    }
}
