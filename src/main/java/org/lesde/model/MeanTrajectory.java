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

    public MeanTrajectory(TimeGrid grid, int n, double[] data) {
        if (data.length != (long) (grid.steps() + 1) * n) {
            throw new IllegalArgumentException("table size " + data.length + " != (steps+1)*n");
        }
        this.grid = grid;
        this.n = n;
        this.data = data;
    }

    public TimeGrid grid() {
        return grid;
    }

    /** The step index of a grid time. */
    public int index(double t) {
        return (int) Math.round(t / grid.horizon() * grid.steps());
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

    /** A read-only view of value i of step s. */
    public double get(int step, int i) {
        return data[step * n + i];
    }
}
