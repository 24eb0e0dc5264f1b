package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.lesde.RunFailedException;
import org.lesde.sde.PathObserver;

/**
 * Runs independent paths on a fixed number of threads. Paths are grouped in fixed chunks of
 * {@link #CHUNK} (independent of the thread count); each chunk gets fresh accumulators, and the
 * chunk results are merged strictly in chunk order. Since every path draws only from its own
 * random stream, the merged statistics are bit-identical for any thread count.
 */
public final class EnsembleRunner {
    /** Paths per chunk. */
    public static final int CHUNK = 32;

    /** One thread's path simulator (owns its work buffers; created once per thread). */
    public interface PathWorker {
        /** Simulates path {@code path}, reporting each output row to the observer. */
        void runPath(long path, PathObserver observer);
    }

    private EnsembleRunner() {
    }

    /** Number of worker threads for a requested count (0 = all available processors). */
    public static int threads(int requested) {
        return requested <= 0 ? Runtime.getRuntime().availableProcessors() : requested;
    }

    /**
     * Runs {@code paths} paths and returns one merged accumulator per factory.
     *
     * @param workers creates one worker per thread
     */
    public static List<ChunkAccumulator> run(long paths, int threads, Supplier<PathWorker> workers,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress) {
        int chunks = (int) ((paths + CHUNK - 1) / CHUNK);
        int nThreads = Math.max(1, Math.min(threads(threads), chunks));
        AtomicLong done = new AtomicLong();
        if (nThreads == 1) {
            PathWorker w = workers.get();
            List<ChunkAccumulator> merged = null;
            for (int c = 0; c < chunks; c++) {
                List<ChunkAccumulator> acc = runChunk(c, paths, w, statistics);
                merged = merge(merged, acc);
                progress.update(done.addAndGet(Math.min(CHUNK, paths - (long) c * CHUNK)), paths);
            }
            return merged;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "lesde-worker");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<PathWorker> local = ThreadLocal.withInitial(workers);
        // the first failure of any chunk (e.g. a blow-up) stops the whole run promptly: the other
        // workers stop at their next path and the merging thread does not wait for earlier chunks
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            int window = 4 * nThreads;
            List<Future<List<ChunkAccumulator>>> futures = new ArrayList<>();
            List<ChunkAccumulator> merged = null;
            int submitted = 0;
            for (int c = 0; c < chunks; c++) {
                while (submitted < chunks && submitted < c + window) {
                    final int chunk = submitted++;
                    futures.add(pool.submit(() -> {
                        try {
                            List<ChunkAccumulator> r = runChunk(chunk, paths, local.get(), statistics, failure);
                            progress.update(done.addAndGet(Math.min(CHUNK, paths - (long) chunk * CHUNK)), paths);
                            return r;
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                            throw t;
                        }
                    }));
                }
                List<ChunkAccumulator> acc = null;
                while (acc == null) {
                    try {
                        acc = futures.get(c).get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (failure.get() != null) {
                            throw new ExecutionException(failure.get());
                        }
                    }
                }
                futures.set(c, null);
                merged = merge(merged, acc);
            }
            return merged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = failure.get() != null ? failure.get() : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new RunFailedException(String.valueOf(cause), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ChunkAccumulator> runChunk(int chunk, long paths, PathWorker w,
            List<Supplier<ChunkAccumulator>> statistics) {
        return runChunk(chunk, paths, w, statistics, null);
    }

    /** Runs one chunk; stops between paths once {@code failure} holds another chunk's error. */
    private static List<ChunkAccumulator> runChunk(int chunk, long paths, PathWorker w,
            List<Supplier<ChunkAccumulator>> statistics, AtomicReference<Throwable> failure) {
        List<ChunkAccumulator> acc = new ArrayList<>(statistics.size());
        for (Supplier<ChunkAccumulator> s : statistics) {
            acc.add(s.get());
        }
        long from = (long) chunk * CHUNK;
        long to = Math.min(paths, from + CHUNK);
        for (long p = from; p < to; p++) {
            if (failure != null && failure.get() != null) {
                throw new CancellationException("stopped after a failure in another chunk");
            }
            final long path = p;
            w.runPath(path, (row, t, x) -> {
                for (ChunkAccumulator a : acc) {
                    a.observe(path, row, t, x);
                }
            });
        }
        return acc;
    }

    /** Merges {@code next} (a later chunk) into {@code merged} in order. */
    static List<ChunkAccumulator> merge(List<ChunkAccumulator> merged, List<ChunkAccumulator> next) {
        if (merged == null) {
            return next;
        }
        for (int i = 0; i < merged.size(); i++) {
            merged.get(i).mergeFrom(next.get(i));
        }
        return merged;
    }
}
