package org.lesde.model;

import org.lesde.sde.TimeGrid;

/**
 * The LE-ODE class means X̄(t_n) tabulated at every step of an integration grid (one flat row of
 * K·p values per step), produced once per run and shared read-only by all paths.
 */
public final class MeanTrajectory {
    private final TimeGrid grid;
    private final int n;
    private final double[] data;
    private final double stepsPerTime;

    public MeanTrajectory(TimeGrid grid, int n, double[] data) {
        if (data.length != (long) (grid.steps() + 1) * n) {
            throw new IllegalArgumentException("table size " + data.length + " != (steps+1)*n");
        }
        this.grid = grid;
        this.n = n;
        this.data = data;
        this.stepsPerTime = grid.steps() / grid.horizon();
    }

    public TimeGrid grid() {
        return grid;
    }

    /** The step index of a grid time. */
    public int index(double t) {
        return (int) Math.round(t * stepsPerTime);
    }

    /**
     * The fused additive-noise Euler–Maruyama update of the mean closure:
     * x[i] += (X̄_i(t_{step+1}) − X̄_i(t_step)) + s·z[i], bit-identical to {@link #increment}
     * into a scratch array followed by x[i] += inc[i] + s·z[i].
     */
    public void addIncrementAndScaled(int step, double[] x, double s, double[] z) {
        final int a = step * n;
        final int b = a + n;
        final double[] d = data;
        for (int i = 0; i < n; i++) {
            x[i] += (d[b + i] - d[a + i]) + s * z[i];
        }
    }

    /** Values per step (K·p). */
    public int width() {
        return n;
    }

    /**
     * The bytes a table of {@code steps} steps of n coordinates needs while it is filled: one flat
     * (steps + 1)·n array of doubles plus one double per step of grid, and about 20 rows DP853
     * holds in its stages and interpolated states.
     */
    public static double bytesToBuild(double steps, double n) {
        return (steps + 1) * (n * 8 + 8) + 20 * (n * 8 + 24);
    }

    /** Bytes held by the table ((steps + 1)·K·p doubles). */
    public long bytes() {
        return 8L * data.length;
    }

    /** Copies X̄(t_step) into out. */
    public void at(int step, double[] out) {
        System.arraycopy(data, step * n, out, 0, n);
    }

    /** out = X̄(t_{step+1}) − X̄(t_step). */
    public void increment(int step, double[] out) {
        int a = step * n;
        int b = a + n;
        for (int i = 0; i < n; i++) {
            out[i] = data[b + i] - data[a + i];
        }
    }

    /** out[off + i] = X̄_i(t_{step+1}) − X̄_i(t_step) (the same values as {@link #increment}). */
    public void increment(int step, double[] out, int off) {
        int a = step * n;
        int b = a + n;
        for (int i = 0; i < n; i++) {
            out[off + i] = data[b + i] - data[a + i];
        }
    }

    /**
     * out[off + i − from] = X̄_i(t_{step+1}) − X̄_i(t_step) for i in from .. to-1 (the same values
     * as {@link #increment}, one range of components: the affine driver's tiles).
     */
    public void increment(int step, double[] out, int off, int from, int to) {
        int a = step * n;
        int b = a + n;
        for (int i = from; i < to; i++) {
            out[off + i - from] = data[b + i] - data[a + i];
        }
    }

    /** A read-only view of value i of step s. */
    public double get(int step, int i) {
        return data[step * n + i];
    }
}
