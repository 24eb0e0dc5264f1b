package org.lesde.cli;

import java.io.PrintWriter;

import org.lesde.sim.Progress;

/**
 * A one-line progress bar on the terminal (stderr), redrawn at most ten times a second. Silent
 * when stdout/stderr is not a terminal (System.console() is null), or with --quiet.
 */
final class ProgressBar implements Progress {
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
        int width = 30;
        int filled = (int) Math.round(f * width);
        double elapsed = (now - start) / 1e9;
        String eta = f > 0 && f < 1 ? String.format(" eta %.0fs", elapsed * (1 - f) / f) : "";
        err.printf("\r%s [%s%s] %3.0f%% %.1fs%s   ", label, "#".repeat(filled), ".".repeat(width - filled), 100 * f, elapsed, eta);
        err.flush();
        drawn = true;
    }

    void done() {
        if (enabled && drawn) {
            err.println();
            err.flush();
        }
    }
}
