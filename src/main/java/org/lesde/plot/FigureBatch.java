package org.lesde.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

import org.lesde.RunFailedException;

/**
 * Independent figures drawn in parallel on a pool of the run's thread count (docs/performance.md):
 * every figure is a task that writes its own files, and inside the batch the formats of one
 * figure are written in parallel as well (each from charts of its own, see
 * {@code LineChart.write}, {@code HeatMap.write}, {@code Panels.write}). Every file depends only
 * on its figure's data, so the bytes written are the same for any thread count; the files are
 * returned in the order the figures were added, and the first failure (in that order) is thrown.
 */
public final class FigureBatch {
    /** One figure: draws it and returns the files written. */
    @FunctionalInterface
    public interface Task {
        List<Path> draw();
    }

    /** Told, from any thread, after each figure: {@code done} of {@code total} figures drawn. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void figures(int done, int total);
    }

    private final int threads;
    private final List<Task> figures = new ArrayList<>();

    private FigureBatch(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** An empty batch drawn on {@code threads} threads (1: one figure after the other, in this thread). */
    public static FigureBatch of(int threads) {
        return new FigureBatch(threads);
    }

    public FigureBatch add(Task figure) {
        figures.add(figure);
        return this;
    }

    /** Number of figures added. */
    public int size() {
        return figures.size();
    }

    /** Draws every figure; returns the files written, figure by figure in the order added. */
    public List<Path> run(Progress progress) {
        ChartFiles.init();
        int total = figures.size();
        AtomicInteger done = new AtomicInteger();
        progress.figures(0, total);
        List<Task> counted = new ArrayList<>();
        for (Task f : figures) {
            counted.add(() -> {
                List<Path> files = f.draw();
                progress.figures(done.incrementAndGet(), total);
                return files;
            });
        }
        int n = Math.min(threads, total);
        if (n <= 1) {
            return runAll(counted, false);
        }
        ForkJoinPool pool = new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("lesde-figures-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
        try {
            return pool.submit(() -> runAll(counted, true)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while drawing the figures", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new RunFailedException(String.valueOf(c), c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the tasks, in parallel (fork/join in the current pool) or one after the other; returns
     * their files in task order and throws the first failure in task order (the exception itself).
     */
    static List<Path> runAll(List<Task> tasks, boolean parallel) {
        List<Path> out = new ArrayList<>();
        if (!parallel || tasks.size() <= 1) {
            for (Task t : tasks) {
                out.addAll(t.draw());
            }
            return out;
        }
        List<Slot> slots = new ArrayList<>();
        for (Task t : tasks) {
            slots.add(new Slot(t));
        }
        ForkJoinTask.invokeAll(slots);
        for (Slot s : slots) {
            if (s.failure instanceof RuntimeException re) {
                throw re;
            }
            if (s.failure instanceof Error err) {
                throw err;
            }
            out.addAll(s.files);
        }
        return out;
    }

    /** A task run in the pool, keeping its files or its failure (never thrown inside the pool). */
    private static final class Slot extends ForkJoinTask<Void> {
        private final Task task;
        private List<Path> files = List.of();
        private Throwable failure;

        Slot(Task task) {
            this.task = task;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void v) {
        }

        @Override
        protected boolean exec() {
            try {
                files = task.draw();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            return true;
        }
    }
}
