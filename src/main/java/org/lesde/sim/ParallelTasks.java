package org.lesde.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.lesde.RunFailedException;

/**
 * Independent tasks 0..n−1 run on up to {@code threads} daemon threads, their results returned in
 * task order (so what is written from them is the same for any thread count); the first failure in
 * task order is thrown (the exception itself when unchecked). One thread, or one task, runs in the
 * caller's thread.
 */
public final class ParallelTasks {
    private ParallelTasks() {
    }

    /**
     * Tasks 0..n−1 on up to {@code threads} daemon threads, each result handed to {@code consumer}
     * on the calling thread in task order as soon as it and all before it are done, with at most
     * {@code ahead} results computed but not yet consumed (so memory stays bounded while the
     * caller consumes, e.g. writes, and the threads compute the next ones). The first failure in
     * task order is thrown. One thread, or one task, runs everything in the caller's thread.
     */
    public static <T> void ordered(int threads, int n, int ahead, String threadName, IntFunction<T> task, Consumer<T> consumer) {
        int nThreads = Math.min(Math.max(1, threads), n);
        if (nThreads <= 1) {
            for (int i = 0; i < n; i++) {
                consumer.accept(task.apply(i));
            }
            return;
        }
        ExecutorService pool = pool(nThreads, threadName);
        try {
            ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < n && inFlight.size() < Math.max(nThreads, ahead)) {
                final int index = next++;
                inFlight.add(pool.submit(() -> task.apply(index)));
            }
            while (!inFlight.isEmpty()) {
                T r = get(inFlight.poll());
                if (next < n) {
                    final int index = next++;
                    inFlight.add(pool.submit(() -> task.apply(index)));
                }
                consumer.accept(r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ExecutorService pool(int nThreads, String threadName) {
        return Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The result of a finished or running task; its failure as ParallelTasks throws failures. */
    private static <T> T get(Future<T> f) {
        try {
            if (Thread.interrupted()) { // Future.get() of a finished task does not look
                throw new InterruptedException();
            }
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new RunFailedException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    public static <T> List<T> map(int threads, int n, String threadName, IntFunction<T> task) {
        List<T> out = new ArrayList<>(n);
        ordered(threads, n, n, threadName, task, out::add); // every task submitted at once
        return out;
    }
}
