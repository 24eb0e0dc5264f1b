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

    /** A warm-up started by {@link #warmUp}; {@link #stop()} ends it after the chart it is drawing. */
    public static final class WarmUp {
        private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

        /** Ends the warm-up (it stops after the chart it is drawing; nothing waits for it). */
        public void stop() {
            stopped.set(true);
        }
    }

    /**
     * Starts drawing a few throw-away charts (a line chart with a band, dashed lines, markers and a
     * log axis; a heat map) in each format of {@code options}, in memory, on a background daemon
     * thread: it loads the Java2D, font, XChart and encoder classes and compiles their hot code on a
     * core the run leaves idle (the serial LE-ODE and file writing), so that the figures drawn after
     * the run start warm (docs/performance.md). It writes nothing and changes no figure. Nothing is
     * started when no format is asked for.
     */
    public static WarmUp warmUp(PlotOptions options) {
        WarmUp w = new WarmUp();
        if (options.none()) {
            return w;
        }
        Thread t = new Thread(() -> {
            try {
                for (int round = 0; round < WARM_ROUNDS && !w.stopped.get(); round++) {
                    for (PlotFormat f : options.formats()) {
                        if (w.stopped.get()) {
                            return;
                        }
                        ChartFiles.encode(sampleLine(round), f, java.io.OutputStream.nullOutputStream());
                        ChartFiles.encode(sampleHeatMap(), f, java.io.OutputStream.nullOutputStream());
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a warm-up that fails only leaves the figures cold; the figures themselves report errors
            }
        }, "lesde-figures-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return w;
    }

    /** Rounds of sample charts a warm-up draws at most. */
    static final int WARM_ROUNDS = 2;

    static org.knowm.xchart.XYChart sampleLine(int round) {
        int n = 241;
        double[] t = new double[n];
        double[] a = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.05 * i;
            a[i] = Math.exp(0.3 * t[i] + 0.01 * round);
            lo[i] = 0.9 * a[i];
            hi[i] = 1.1 * a[i];
            b[i] = Math.exp(0.25 * t[i]) * (1 + 0.05 * Math.sin(i));
        }
        LineChart c = LineChart.titled("warm-up x̂ ∫α").xLabel("t").yLabel("x (log scale)").logY().legendBelow();
        c.band("band", t, lo, hi).colour(0);
        c.series("line", t, a).colour(0).width(3.6f);
        c.dashed("dashed", t, b).ink().width(1.4f);
        double[] ts = new double[25];
        double[] ys = new double[25];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t[i * 10];
            ys[i] = b[i * 10];
        }
        c.markers("markers", ts, ys).colour(1);
        c.labelledPoints("points", new double[] {1, 2}, new double[] {3, 4}, new String[] {"k0", "k1"});
        return c.size(560, 400).build();
    }

    static org.knowm.xchart.internal.chartpart.Chart<?, ?> sampleHeatMap() {
        double[][] v = {{1, -0.5, -0.5}, {-0.5, 1, -0.5}, {-0.5, -0.5, 1}};
        return HeatMap.titled("warm-up").xLabel("k").yLabel("k").values(v).diverging(-1, 1).showValues().size(560, 400).build();
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
