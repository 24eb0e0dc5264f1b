package org.lesde.cli;

import java.io.PrintWriter;

import org.lesde.plot.FigureBatch;
import org.lesde.sim.Progress;

/**
 * A one-line progress bar on the terminal (stderr), redrawn at most ten times a second: the run
 * (percent done, elapsed seconds, estimated time left), then the figures ("figures i/n"), on the
 * same line. Silent when stdout/stderr is not a terminal (System.console() is null), or with --quiet.
 */
final class ProgressBar implements Progress, FigureBatch.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err, boolean enabled, String label) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
    }

    static ProgressBar forTerminal(PrintWriter err, boolean quiet, String label) {
        return new ProgressBar(err, !quiet && System.console() != null, label);
    }

    @Override
    public synchronized void update(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double f = Math.min(1.0, (double) done / total);
        double elapsed = (now - start) / 1e9;
        String eta = f > 0 && f < 1 ? String.format(" eta %.0fs", elapsed * (1 - f) / f) : "";
        err.printf("\r%s [%s] %3.0f%% %.1fs%s   ", label, bar(f), 100 * f, elapsed, eta);
        err.flush();
        drawn = true;
    }

    /** The figures phase: {@code done} of {@code total} figures drawn (every figure is shown). */
    @Override
    public synchronized void figures(int done, int total) {
        if (!enabled || total <= 0) {
            return;
        }
        lastDraw = System.nanoTime();
        double elapsed = (lastDraw - start) / 1e9;
        err.printf("\r%s [%s] figures %d/%d %.1fs          ", label, bar(Math.min(1.0, (double) done / total)), done, total,
                elapsed);
        err.flush();
        drawn = true;
    }

    private static String bar(double f) {
        int filled = (int) Math.round(f * WIDTH);
        return "#".repeat(filled) + ".".repeat(WIDTH - filled);
    }

    void done() {
        if (enabled && drawn) {
            err.println();
            err.flush();
        }
    }
}
