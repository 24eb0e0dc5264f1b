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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.lesde.RunFailedException;
import org.lesde.Shard;
import org.lesde.sde.PathObserver;

/**
 * Runs independent paths on a fixed number of threads. Paths are grouped in fixed chunks of
 * {@link #chunkSize(long)} paths (a function of the number of paths only, never of the thread
 * count); each chunk gets fresh accumulators, and the chunk results are merged strictly in chunk
 * order. Since every path draws only from its own random stream, the merged statistics are
 * bit-identical for any thread count.
 */
public final class EnsembleRunner {
    /** The most paths per chunk. */
    public static final int CHUNK = 32;
    /** Small ensembles are cut into up to this many chunks so that they still use every core (and not more: every chunk costs fresh accumulators and a merge). */
    static final int TARGET_CHUNKS = 32;
    /** Chunks submitted ahead per worker thread (their accumulators are alive at the same time). */
    static final int WINDOW_PER_THREAD = 2;

    /** One thread's path simulator (owns its work buffers; created once per thread). */
    public interface PathWorker {
        /** Simulates path {@code path}, reporting each output row to the observer. */
        void runPath(long path, PathObserver observer);

        /**
         * Simulates paths {@code from .. to-1}. For every path, rows are reported in increasing
         * order, and for every row, paths in increasing order (a worker may advance several paths
         * in lockstep). Before each path (or block) it asks {@code cancelled} and, if true, stops
         * with a {@link CancellationException}. Default: one path after the other.
         */
        default void runPaths(long from, long to, PathsObserver observer, BooleanSupplier cancelled) {
            for (long p = from; p < to; p++) {
                checkCancelled(cancelled);
                final long path = p;
                runPath(path, (row, t, x) -> observer.observe(path, row, t, x));
            }
        }

        /**
         * The paths this worker advances together in lockstep (1: one at a time). When a chunk
         * holds fewer, the runner hands the worker runs of consecutive chunks of about this many
         * paths at once (each chunk still gets its own accumulators and is merged in its place).
         */
        default int lockstep() {
            return 1;
        }
    }

    /** Throws when another chunk has failed (workers call it between paths). */
    static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("stopped after a failure in another chunk");
        }
    }

    /** Receives the state of path {@code path} at an output row (the array is reused). */
    @FunctionalInterface
    public interface PathsObserver {
        void observe(long path, int outputIndex, double t, double[] x);
    }

    private EnsembleRunner() {
    }

    /**
     * Paths per chunk for an ensemble of {@code paths}: ceil(paths / 32) clamped to [1, 32]. Large
     * ensembles use chunks of 32 (accumulator allocation and merges amortised); small ones (a few
     * expensive K = 1000 paths) get one path per chunk so all cores share them. It depends on the
     * path count only, so the merge order, hence every bit of the result, is the same for any
     * number of threads.
     */
    public static int chunkSize(long paths) {
        long c = (paths + TARGET_CHUNKS - 1) / TARGET_CHUNKS;
        return (int) Math.max(1, Math.min(CHUNK, c));
    }

    /** Number of worker threads for a requested count (0 = all available processors). */
    public static int threads(int requested) {
        return requested <= 0 ? Runtime.getRuntime().availableProcessors() : requested;
    }

    /** Receives the accumulators of every chunk a run computes, in increasing chunk order. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(int chunk, List<ChunkAccumulator> accumulators);
    }

    /**
     * Folds chunk results into one accumulator per statistic, strictly in the order given (the
     * first chunk's accumulators are the result, each later chunk is merged into them): what
     * makes the result independent of the thread count, and what {@code lesde merge} repeats with
     * the chunks of several shards.
     */
    public static final class Fold implements ChunkSink {
        private List<ChunkAccumulator> merged;

        @Override
        public void accept(int chunk, List<ChunkAccumulator> accumulators) {
            merged = merge(merged, accumulators);
        }

        /** The merged accumulators (null before the first chunk). */
        public List<ChunkAccumulator> result() {
            return merged;
        }
    }

    /** The number of chunks an ensemble of {@code paths} is cut into. */
    public static int chunks(long paths) {
        int chunk = chunkSize(paths);
        return (int) ((paths + chunk - 1) / chunk);
    }

    /**
     * Runs {@code paths} paths and returns one merged accumulator per factory.
     *
     * @param workers creates one worker per thread
     */
    public static List<ChunkAccumulator> run(long paths, int threads, Supplier<PathWorker> workers,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress) {
        Fold fold = new Fold();
        run(paths, threads, workers, statistics, progress, Shard.ALL, fold);
        return fold.result();
    }

    /**
     * Runs the chunks c ≡ shard.index (mod shard.count) of an ensemble of {@code paths} paths and
     * hands each chunk's accumulators to {@code sink} in chunk order (the whole ensemble, folded
     * in chunk order by the sink, is {@link #run(long, int, Supplier, List, Progress)}).
     */
    public static void run(long paths, int threads, Supplier<PathWorker> workers,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress, Shard shard, ChunkSink sink) {
        run(paths, threads, workers, statistics, progress, shard, sink, new WorkClock());
    }

    /**
     * {@link #run(long, int, Supplier, List, Progress, Shard, ChunkSink)}, adding every chunk's
     * worker time and its (sampled) observation time to {@code clock}.
     */
    public static void run(long paths, int threads, Supplier<PathWorker> workers,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress, Shard shard, ChunkSink sink, WorkClock clock) {
        final int chunk = chunkSize(paths);
        int all = chunks(paths);
        int chunks = all <= shard.index() ? 0 : (all - shard.index() + shard.count() - 1) / shard.count();
        long mine = 0;
        for (int j = 0; j < chunks; j++) {
            int c = shard.index() + j * shard.count();
            mine += Math.min(chunk, paths - (long) c * chunk);
        }
        final long total = mine;
        int nThreads = Math.max(1, Math.min(threads(threads), chunks));
        // the first worker, made here, tells how many chunks a task takes; it serves the first thread
        PathWorker first = workers.get();
        final int group = shard.count() == 1 ? group(first.lockstep(), chunk, chunks, nThreads) : 1;
        final int tasks = (chunks + group - 1) / group;
        AtomicLong done = new AtomicLong();
        if (nThreads == 1) {
            for (int j = 0; j < tasks; j++) {
                List<List<ChunkAccumulator>> acc = runTask(shard, j * group, Math.min(group, chunks - j * group), chunk,
                        paths, first, statistics, null, clock);
                for (int i = 0; i < acc.size(); i++) {
                    sink.accept(shard.index() + (j * group + i) * shard.count(), acc.get(i));
                }
                progress.update(done.addAndGet(taskPaths(shard, j * group, acc.size(), chunk, paths)), total);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "lesde-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<PathWorker> unclaimed = new AtomicReference<>(first);
        ThreadLocal<PathWorker> local = ThreadLocal.withInitial(() -> {
            PathWorker w = unclaimed.getAndSet(null);
            return w != null ? w : workers.get();
        });
        // the first failure of any chunk (e.g. a blow-up) stops the whole run promptly: the other
        // workers stop at their next path and the merging thread does not wait for earlier chunks
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            int window = tasksInFlight(nThreads, group); // bounds the accumulators alive at once
            List<Future<List<List<ChunkAccumulator>>>> futures = new ArrayList<>();
            int submitted = 0;
            for (int j = 0; j < tasks; j++) {
                while (submitted < tasks && submitted < j + window) {
                    final int firstChunk = submitted++ * group;
                    final int count = Math.min(group, chunks - firstChunk);
                    futures.add(pool.submit(() -> {
                        try {
                            List<List<ChunkAccumulator>> r = runTask(shard, firstChunk, count, chunk, paths, local.get(),
                                    statistics, failure, clock);
                            progress.update(done.addAndGet(taskPaths(shard, firstChunk, count, chunk, paths)), total);
                            return r;
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                            throw t;
                        }
                    }));
                }
                List<List<ChunkAccumulator>> acc = null;
                while (acc == null) {
                    try {
                        acc = futures.get(j).get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (failure.get() != null) {
                            throw new ExecutionException(failure.get());
                        }
                    }
                }
                futures.set(j, null);
                for (int i = 0; i < acc.size(); i++) {
                    sink.accept(shard.index() + (j * group + i) * shard.count(), acc.get(i));
                }
            }
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

    /**
     * Chunks per task: a worker that advances {@code lockstep} paths together gets runs of
     * consecutive chunks of up to that many paths (chunks of one path at K = p = 1000 would
     * otherwise leave its blocks of one path: the mean-closure table read once per path and
     * step), but no more than an even share of the chunks per thread.
     */
    static int group(int lockstep, int chunk, int chunks, int nThreads) {
        int share = (chunks + nThreads - 1) / nThreads;
        return Math.max(1, Math.min(lockstep / Math.max(1, chunk), share));
    }

    /**
     * Tasks submitted ahead: {@link #WINDOW_PER_THREAD} chunks per thread as with one chunk per
     * task, but at least one task per thread and one more to start when the oldest is merged.
     */
    static int tasksInFlight(int nThreads, int group) {
        return Math.max(nThreads + 1, (WINDOW_PER_THREAD * nThreads + group - 1) / group);
    }

    /** The most chunks whose accumulators are alive at once (in flight and being merged), for the memory estimate. */
    public static int chunksInFlight(long paths, int threads, int lockstep) {
        int chunks = chunks(paths);
        int nThreads = Math.max(1, Math.min(threads(threads), chunks));
        int group = group(lockstep, chunkSize(paths), chunks, nThreads);
        int inFlight = nThreads == 1 ? group : tasksInFlight(nThreads, group) * group;
        return Math.min(chunks, inFlight) + 1;
    }

    /** The paths of the task's chunks (firstChunk .. firstChunk + count − 1 of the shard). */
    private static long taskPaths(Shard shard, int firstChunk, int count, int chunk, long paths) {
        long n = 0;
        for (int i = 0; i < count; i++) {
            long c = shard.index() + (long) (firstChunk + i) * shard.count();
            n += Math.min(chunk, paths - c * chunk);
        }
        return n;
    }

    /**
     * Runs {@code count} consecutive chunks of the shard, from its chunk {@code firstChunk}, in one
     * call of the worker (more than one only when the shard is the whole ensemble, so that their
     * paths are consecutive); each chunk's accumulators see its own paths only, in the same order
     * as when the chunk runs alone.
     */
    private static List<List<ChunkAccumulator>> runTask(Shard shard, int firstChunk, int count, int chunk, long paths,
            PathWorker w, List<Supplier<ChunkAccumulator>> statistics, AtomicReference<Throwable> failure, WorkClock clock) {
        if (count == 1) {
            return List.of(runChunk(shard.index() + firstChunk * shard.count(), chunk, paths, w, statistics, failure, clock));
        }
        long start = System.nanoTime();
        List<List<ChunkAccumulator>> acc = new ArrayList<>(count);
        TimedObserver[] observers = new TimedObserver[count];
        for (int i = 0; i < count; i++) {
            List<ChunkAccumulator> a = fresh(statistics);
            acc.add(a);
            observers[i] = new TimedObserver(a.toArray(new ChunkAccumulator[0]));
        }
        long from = (long) firstChunk * chunk;
        long to = Math.min(paths, (long) (firstChunk + count) * chunk);
        BooleanSupplier cancelled = failure == null ? () -> false : () -> failure.get() != null;
        w.runPaths(from, to, (path, row, t, x) -> observers[(int) ((path - from) / chunk)].observe(path, row, t, x),
                cancelled);
        long sampled = 0;
        for (TimedObserver o : observers) {
            sampled += o.sampled;
        }
        clock.add(System.nanoTime() - start, sampled * WorkClock.SAMPLE);
        return acc;
    }

    private static List<ChunkAccumulator> fresh(List<Supplier<ChunkAccumulator>> statistics) {
        List<ChunkAccumulator> acc = new ArrayList<>(statistics.size());
        for (Supplier<ChunkAccumulator> s : statistics) {
            acc.add(s.get());
        }
        return acc;
    }

    /**
     * Runs one chunk; stops between paths (or lockstep blocks) once {@code failure} (if not null)
     * holds another chunk's error. Adds the chunk's time and its sampled observation time to
     * {@code clock}.
     */
    private static List<ChunkAccumulator> runChunk(int index, int chunk, long paths, PathWorker w,
            List<Supplier<ChunkAccumulator>> statistics, AtomicReference<Throwable> failure, WorkClock clock) {
        long start = System.nanoTime();
        List<ChunkAccumulator> acc = fresh(statistics);
        long from = (long) index * chunk;
        long to = Math.min(paths, from + chunk);
        BooleanSupplier cancelled = failure == null ? () -> false : () -> failure.get() != null;
        TimedObserver observer = new TimedObserver(acc.toArray(new ChunkAccumulator[0]));
        w.runPaths(from, to, observer, cancelled);
        clock.add(System.nanoTime() - start, observer.sampled * WorkClock.SAMPLE);
        return acc;
    }

    /**
     * Hands each observation to every accumulator of a chunk, timing one observation in
     * {@link WorkClock#SAMPLE}: those with (path + row) ≡ 0 mod SAMPLE, so that the sample is a
     * fixed 1/SAMPLE of the ensemble's (path, row) pairs however the paths fall into chunks (a
     * per-chunk counter timed nothing when a chunk held fewer observations, as at large K with
     * one path per chunk). The order of the calls, hence every result, is unchanged.
     */
    private static final class TimedObserver implements PathsObserver {
        private final ChunkAccumulator[] a;
        long sampled;

        TimedObserver(ChunkAccumulator[] a) {
            this.a = a;
        }

        @Override
        public void observe(long path, int row, double t, double[] x) {
            if ((path + row) % WorkClock.SAMPLE == 0) {
                long s = System.nanoTime();
                for (ChunkAccumulator c : a) {
                    c.observe(path, row, t, x);
                }
                sampled += System.nanoTime() - s;
            } else {
                for (ChunkAccumulator c : a) {
                    c.observe(path, row, t, x);
                }
            }
        }
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
