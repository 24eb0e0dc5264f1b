package org.lesde.sim;

/**
 * A statistic of an ensemble, accumulated over one fixed chunk of paths and merged with the next
 * chunk's accumulator. Within a chunk, the rows of one path arrive in increasing order and, for
 * every output row, the paths arrive in increasing index order; rows of different paths may
 * interleave (workers advance paths in lockstep blocks, the ensemble closure all of them). The
 * runner merges chunks in chunk order, so results never depend on the number of threads.
 */
public interface ChunkAccumulator {

    /** The state of path {@code path} at output row {@code outputIndex} (the array is reused). */
    void observe(long path, int outputIndex, double t, double[] x);

    /** Folds the accumulator of the next chunk into this one. */
    void mergeFrom(ChunkAccumulator later);
}
