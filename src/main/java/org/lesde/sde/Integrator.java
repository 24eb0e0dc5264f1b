package org.lesde.sde;

import org.lesde.random.BrownianIncrements;
import org.lesde.random.GaussianIncrements;

/**
 * The one driver loop: advances a block of independent paths (one or more) in lockstep over a
 * {@link TimeGrid} with a bound stepper and one Brownian source per path, calling the observer
 * at every output step (including t = 0) for each path in block order. Each state is checked for
 * NaN/Inf after every step; a blow-up stops the run with {@link BlowUpException}.
 *
 * <p>A block changes nothing in any path's numbers (each path has its own state and its own
 * Brownian source, and the step's work buffers are only used within one call); it lets a
 * state-independent drift table (the mean closure's LE-ODE increments) be read once per step for
 * the whole block while it sits in cache, instead of once per path.
 *
 * <p><b>Affine steps</b> ({@link Stepper.AffineStep}: the mean closure with additive isotropic
 * noise under Euler–Maruyama) with Gaussian increments run in segments of steps that end at the
 * output steps: c and s of every step of the segment are prepared once for the block, then each
 * member draws the increments of the whole segment from its own stream in one loop (the same
 * normals in the same order as one step at a time) and applies the steps one after the other
 * with the same arithmetic. The NaN/Inf check runs once per segment: a non-finite entry stays
 * non-finite under x[i] += (anything), so a segment whose end state is finite had a finite state
 * at every step; otherwise the segment is replayed step by step from its start with the per-step
 * check, and the earliest (step, member) blow-up is thrown, exactly the one the step-by-step
 * loop throws. A segment of one step (a large state, or an output after every step) is taken
 * tile by tile ({@link #TILE} components: c prepared, the normals drawn, the update applied and
 * the tile checked while it is in cache), the same normals and the same arithmetic.
 */
public final class Integrator {
    private Integrator() {
    }

    /** Receives the state of block member {@code member} at an output row (the array is reused). */
    @FunctionalInterface
    public interface BlockObserver {
        void observe(int member, int outputIndex, double t, double[] x);
    }

    /**
     * One path.
     *
     * @param dW a caller-owned buffer of length noiseDimension
     */
    public static void run(Stepper.Step step, BrownianIncrements bm, double[] x, double[] dW, TimeGrid grid,
            PathObserver observer) {
        run(step, new BrownianIncrements[] {bm}, new double[][] {x}, new double[][] {dW}, 1, grid,
                (member, row, t, state) -> observer.observe(row, t, state));
    }

    /** Doubles of increments (and of drift increments) one segment of an affine step holds. */
    static final int SEGMENT_BUDGET = 2048;
    /** At most this many steps per segment. */
    static final int MAX_SEGMENT = 128;

    /**
     * Work buffers of the affine-step driver for states of n components, owned by one thread and
     * reused by every block it runs (about 2·{@link #SEGMENT_BUDGET} + n doubles).
     */
    public static final class Workspace {
        final int n;
        final int segment;
        final double[] inc;
        final double[] scale;
        final double[] z;
        final double[] start;
        /** Per block member: whether its state stayed finite over the step (grown to the block once). */
        boolean[] finite = new boolean[1];

        public Workspace(int n) {
            this.n = n;
            this.segment = Math.max(1, Math.min(MAX_SEGMENT, SEGMENT_BUDGET / Math.max(1, n)));
            this.inc = new double[segment * n];
            this.scale = new double[segment];
            this.z = new double[segment * n];
            this.start = new double[n];
        }

        /** Bytes held for states of n components. */
        public static double bytes(double n) {
            double seg = Math.max(1, Math.min(MAX_SEGMENT, Math.floor(SEGMENT_BUDGET / Math.max(1, n))));
            return (2 * seg * n + seg + n) * 8 + 4 * 16;
        }
    }

    /**
     * The first {@code members} paths of a block, in lockstep: at each step every member draws its
     * increment, steps and is checked, in member order. (Allocates the affine driver's buffers
     * when it applies; a worker that runs many blocks passes its own {@link Workspace}.)
     *
     * @param bm one Brownian source per member
     * @param x  one state per member
     * @param dW one caller-owned increment buffer (length noiseDimension) per member
     */
    public static void run(Stepper.Step step, BrownianIncrements[] bm, double[][] x, double[][] dW, int members,
            TimeGrid grid, BlockObserver observer) {
        run(step, bm, x, dW, members, grid, observer, null);
    }

    /**
     * As {@link #run(Stepper.Step, BrownianIncrements[], double[][], double[][], int, TimeGrid,
     * BlockObserver)}, with the caller's work buffers for the affine driver (null: allocated here
     * when needed).
     */
    public static void run(Stepper.Step step, BrownianIncrements[] bm, double[][] x, double[][] dW, int members,
            TimeGrid grid, BlockObserver observer, Workspace ws) {
        if (step instanceof Stepper.AffineStep affine && members > 0 && gaussian(bm, members)
                && dW[0].length == x[0].length) {
            Workspace w = ws != null && ws.n == x[0].length ? ws : new Workspace(x[0].length);
            runAffine(affine, bm, x, members, grid, observer, w);
            return;
        }
        int nextOut = 0;
        if (grid.outputStep(0) == 0) {
            for (int b = 0; b < members; b++) {
                observer.observe(b, 0, 0.0, x[b]);
            }
            nextOut = 1;
        }
        double dt = grid.dt();
        int steps = grid.steps();
        int outputs = grid.outputs();
        int nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
        double t = grid.time(0);
        for (int n = 0; n < steps; n++) {
            double t1 = grid.time(n + 1);
            for (int b = 0; b < members; b++) {
                double[] xb = x[b];
                double[] wb = dW[b];
                bm[b].next(dt, wb);
                step.step(t, dt, xb, wb);
                BlowUpException.check(xb, t1);
            }
            if (n + 1 == nextOutStep) {
                for (int b = 0; b < members; b++) {
                    observer.observe(b, nextOut, t1, x[b]);
                }
                nextOut++;
                nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
            }
            t = t1;
        }
    }

    /**
     * Components per tile of {@link #stepFused}: the tile's increments stay in the first-level
     * cache between being drawn and being applied.
     */
    static final int TILE = 2048;

    /**
     * One step [t, t1] of every member of a block, tile by tile: c and s of each tile are prepared
     * once for the block ({@link Stepper.AffineStep#prepare(double, double, double[], int, int, int)},
     * the same values as the whole-state prepare), then each member, in member order, draws the
     * tile's increments from its own stream (tiles are taken in increasing component order, so
     * every stream gives the same normals to the same components as one draw of all n), applies
     * x[i] += c[i] + s·z[i] and checks the tile for NaN/Inf. The table, the state and the
     * increments pass through memory once per step (docs/performance.md, logits-k1000).
     *
     * @return the blow-up the step-by-step loop throws (the first member whose state is not
     *         finite after the step, at its first non-finite component), or null
     */
    private static BlowUpException stepFused(Stepper.AffineStep step, double t, double dt, BrownianIncrements[] bm,
            double[][] x, int members, Workspace ws, double t1) {
        final int n = ws.n;
        final double[] inc = ws.inc;
        final double[] z = ws.z;
        if (ws.finite.length < members) {
            ws.finite = new boolean[members];
        }
        final boolean[] finite = ws.finite;
        java.util.Arrays.fill(finite, 0, members, true);
        for (int from = 0; from < n; from += TILE) {
            final int to = Math.min(n, from + TILE);
            final int m = to - from;
            final double s = step.prepare(t, dt, inc, 0, from, to);
            for (int b = 0; b < members; b++) {
                final double[] xb = x[b];
                ((GaussianIncrements) bm[b]).fill(dt, z, m);
                for (int j = 0, i = from; j < m; j++, i++) {
                    xb[i] += inc[j] + s * z[j];
                }
                finite[b] &= BlowUpException.finite(xb, from, to);
            }
        }
        for (int b = 0; b < members; b++) {
            if (!finite[b]) {
                try {
                    BlowUpException.check(x[b], t1);
                } catch (BlowUpException e) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * A segment of {@code len} > 1 steps from step {@code n0} for every member of a block: c and s of
     * each step prepared once for the block, each member's increments drawn in one call, the
     * updates applied, and the state checked at the end (replayed step by step with the check
     * when it is not finite, to find the step).
     *
     * @return the blow-up the step-by-step loop throws (the earliest step; at equal steps the
     *         first member), or null
     */
    private static BlowUpException stepSegment(Stepper.AffineStep step, TimeGrid grid, int n0, int len, BrownianIncrements[] bm,
            double[][] x, int members, Workspace ws) {
        final int n = ws.n;
        final double[] inc = ws.inc;
        final double[] scale = ws.scale;
        final double[] z = ws.z;
        final double dt = grid.dt();
        for (int k = 0; k < len; k++) { // c and s once per step for the whole block
            scale[k] = step.prepare(grid.time(n0 + k), dt, inc, k * n);
        }
        int failStep = Integer.MAX_VALUE;
        BlowUpException fail = null;
        for (int b = 0; b < members; b++) {
            final double[] xb = x[b];
            ((GaussianIncrements) bm[b]).fill(dt, z, len * n);
            System.arraycopy(xb, 0, ws.start, 0, n);
            for (int k = 0, o = 0; k < len; k++, o += n) {
                final double s = scale[k];
                for (int i = 0; i < n; i++) {
                    xb[i] += inc[o + i] + s * z[o + i];
                }
            }
            if (!BlowUpException.finite(xb)) { // replay with the per-step check to find the step
                System.arraycopy(ws.start, 0, xb, 0, n);
                for (int k = 0, o = 0; k < len; k++, o += n) {
                    final double s = scale[k];
                    for (int i = 0; i < n; i++) {
                        xb[i] += inc[o + i] + s * z[o + i];
                    }
                    try {
                        BlowUpException.check(xb, grid.time(n0 + k + 1));
                    } catch (BlowUpException e) {
                        if (k < failStep) { // the earliest step; at equal steps the first member
                            failStep = k;
                            fail = e;
                        }
                        break;
                    }
                }
            }
        }
        return fail;
    }

    private static boolean gaussian(BrownianIncrements[] bm, int members) {
        for (int b = 0; b < members; b++) {
            if (!(bm[b] instanceof GaussianIncrements)) {
                return false;
            }
        }
        return true;
    }

    /** The affine driver (see the class comment): same numbers, same observations, same blow-up. */
    private static void runAffine(Stepper.AffineStep step, BrownianIncrements[] bm, double[][] x, int members,
            TimeGrid grid, BlockObserver observer, Workspace ws) {
        int nextOut = 0;
        if (grid.outputStep(0) == 0) {
            for (int b = 0; b < members; b++) {
                observer.observe(b, 0, 0.0, x[b]);
            }
            nextOut = 1;
        }
        final double dt = grid.dt();
        final int steps = grid.steps();
        final int outputs = grid.outputs();
        int nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
        for (int n0 = 0; n0 < steps;) {
            int end = Math.min(steps, n0 + ws.segment);
            if (nextOutStep > n0 && nextOutStep < end) {
                end = nextOutStep;
            }
            final int len = end - n0;
            // one-step segments (large states, or an output after every step): the step tile by tile
            BlowUpException fail = len == 1 ? stepFused(step, grid.time(n0), dt, bm, x, members, ws, grid.time(end))
                    : stepSegment(step, grid, n0, len, bm, x, members, ws);
            if (fail != null) {
                throw fail;
            }
            n0 = end;
            if (end == nextOutStep) {
                double t1 = grid.time(end);
                for (int b = 0; b < members; b++) {
                    observer.observe(b, nextOut, t1, x[b]);
                }
                nextOut++;
                nextOutStep = nextOut < outputs ? grid.outputStep(nextOut) : -1;
            }
        }
    }
}
