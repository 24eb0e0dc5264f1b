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
 * every figure is a task that writes its own files, its formats one after the other from the
 * same charts (see {@code ChartFiles.write}). Every file depends only
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
     * started when no format is asked for, nor when the run's {@code runThreads} take every core: on
     * a busy machine the warm-up only takes time from the run (measured on 2 cores, 2 threads: the
     * run slower by what the figures gain).
     */
    public static WarmUp warmUp(PlotOptions options, int runThreads) {
        WarmUp w = new WarmUp();
        if (options.none() || runThreads >= Runtime.getRuntime().availableProcessors()) {
            return w;
        }
        Thread t = new Thread(() -> {
            try {
                if (options.formats().contains(PlotFormat.PNG)) {
                    rasterWarmUp(w);
                }
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

    /** Small anti-aliased shapes the raster warm-up draws (see {@link #rasterWarmUp}). */
    static final int RASTER_WARM_SHAPES = 3_000;

    /**
     * Many small anti-aliased fills, strokes and strings into a tiny image. The JIT compiles a method
     * after about a hundred calls, whatever each call costs: the anti-aliased rasteriser's scan-line
     * loop ({@code Renderer._endRendering}), called once per filled or stroked shape, was still
     * interpreted when the figures started and took about half of their time, one wide grid
     * line or band at a time (a JFR profile of the PNG figures, docs/performance.md). Drawing
     * thousands of tiny shapes costs a few milliseconds and gets it, and the rest of the raster
     * path, compiled before the figures need it.
     */
    private static void rasterWarmUp(WarmUp w) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(48, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            java.awt.BasicStroke round = new java.awt.BasicStroke(1.6f, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND);
            java.awt.BasicStroke dashed = new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                    new float[] {3f, 2f}, 0f);
            java.awt.Color band = new java.awt.Color(40, 90, 200, 70);
            for (int i = 0; i < RASTER_WARM_SHAPES && !w.stopped.get(); i++) {
                double o = (i % 17) * 0.37;
                g.setColor(i % 2 == 0 ? java.awt.Color.DARK_GRAY : band);
                g.fill(new java.awt.geom.Rectangle2D.Double(o, o + 1, 20.5, 1.3));
                g.setStroke(i % 3 == 0 ? dashed : round);
                java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
                p.moveTo(o, 30);
                p.lineTo(o + 9.5, 20 + o);
                p.lineTo(o + 19, 34 - o);
                g.draw(p);
                g.fill(new java.awt.geom.Ellipse2D.Double(30 + o, 30, 4.5, 4.5));
                if (i % 10 == 0) {
                    ChartFiles.text(g, "0.5 x̂", (float) o, 44f); // all figure text is filled outlines
                }
            }
        } finally {
            g.dispose();
        }
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

    /** A batch being drawn by {@link #start}. */
    public static final class Started {
        private final Thread thread;
        private volatile List<Path> files;
        private volatile Throwable failure;

        private Started(FigureBatch batch, Progress progress) {
            thread = new Thread(() -> {
                try {
                    files = batch.run(progress);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }, "lesde-figures");
            thread.setDaemon(true);
        }

        /** Waits for the last figure; returns what {@link #run} returns, or throws its failure. */
        public List<Path> join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while drawing the figures", e);
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            return files;
        }

        /** {@link #join} for a caller that is failing already: waits, keeping quiet about the figures' own failure. */
        public void joinQuietly() {
            try {
                join();
            } catch (RuntimeException | Error e) {
                // the caller's failure is the one reported
            }
        }
    }

    /**
     * Starts {@link #run} on a thread of its own and returns at once, so that the caller can go on
     * (simulate writes its CSV files meanwhile); the files are the same as {@link #run}'s.
     */
    public Started start(Progress progress) {
        Started s = new Started(this, progress);
        s.thread.start();
        return s;
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
        AtomicInteger named = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("lesde-figures-" + named.getAndIncrement()); // (the pool index is not set yet here)
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
    private static List<Path> runAll(List<Task> tasks, boolean parallel) {
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
