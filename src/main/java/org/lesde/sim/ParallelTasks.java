package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    public static <T> List<T> map(int threads, int n, String threadName, IntFunction<T> task) {
        List<T> out = new ArrayList<>(n);
        int nThreads = Math.min(Math.max(1, threads), n);
        if (nThreads <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                final int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            for (Future<T> f : futures) {
                if (Thread.interrupted()) { // Future.get() of a finished task does not look
                    throw new InterruptedException();
                }
                out.add(f.get());
            }
            return out;
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
        } finally {
            pool.shutdownNow();
        }
    }
}
