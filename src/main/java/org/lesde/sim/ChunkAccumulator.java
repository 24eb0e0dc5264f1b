package org.lesde.sim;

/**
 * A statistic of an ensemble, accumulated over one fixed chunk of paths (paths observed in
 * increasing index order) and merged with the next chunk's accumulator. The runner merges chunks
 * in chunk order, so results never depend on the number of threads.
 */
public interface ChunkAccumulator {

    /** The state of path {@code path} at output row {@code outputIndex} (the array is reused). */
    void observe(long path, int outputIndex, double t, double[] x);

    /** Folds the accumulator of the next chunk into this one. */
    void mergeFrom(ChunkAccumulator later);
}
