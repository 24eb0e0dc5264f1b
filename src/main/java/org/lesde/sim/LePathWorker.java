package org.lesde.sim;

import java.util.function.BooleanSupplier;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.random.BrownianIncrements;
import org.lesde.random.GaussianAreaIncrements;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;
import org.lesde.sde.BrownianNeed;
import org.lesde.sde.Integrator;
import org.lesde.sde.PathObserver;
import org.lesde.sde.SdeSystem;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;
import org.lesde.model.LeSystem;

/**
 * Simulates independent LE-SDE paths on one thread: path i draws, from stream i of the paths
 * family, first its initial state X̄(0) + spread·Z and then its Brownian increments. Paths are
 * advanced in lockstep blocks of {@link #blockSize(int)} paths, or {@link #affineBlockSize(int)} for an
 * affine step (the numbers of every path are the same
 * as one at a time; the block only keeps the mean closure's table rows in cache). State, noise
 * and work buffers are allocated once per worker; per path only the path's generator and its
 * ziggurat sampler are created.
 */
final class LePathWorker implements EnsembleRunner.PathWorker {
    /** Block states (x and dW of all members) are kept within about this many doubles. */
    static final int BLOCK_BUDGET = 1 << 17;
    static final int MAX_BLOCK = 8;
    /** Below this state size a path's whole table stays in cache anyway: no blocking. */
    static final int MIN_BLOCKED_DIM = LeSystem.LARGE_STATE;

    private final Streams streams;
    private final double[] mean0;
    private final double spread;
    private final TimeGrid grid;
    private final Stepper.Step step;
    private final int block;
    private final double[][] x;
    private final double[][] dW;
    /** One source per block member: increments only, or with the space–time area (SRA1). */
    private final GaussianIncrements[] increments;
    private final GaussianAreaIncrements[] areas;
    /** The affine driver's segment buffers (mean closure, additive noise, Euler–Maruyama). */
    private final Integrator.Workspace workspace;

    LePathWorker(SdeSystem system, Stepper stepper, Streams streams, double[] mean0, double spread, TimeGrid grid) {
        this.streams = streams;
        this.mean0 = mean0;
        this.spread = spread;
        this.grid = grid;
        this.step = stepper.bind(system.copyForThread());
        this.block = this.step instanceof Stepper.AffineStep ? affineBlockSize(system.dimension())
                : blockSize(system.dimension());
        this.x = new double[block][system.dimension()];
        // the members of a block draw and use their increments one after the other, so an affine
        // block (whose large states make the buffer count) shares one buffer
        this.dW = new double[block][];
        for (int b = 0; b < block; b++) {
            this.dW[b] = b > 0 && this.step instanceof Stepper.AffineStep ? this.dW[0]
                    : new double[stepper.needs().bufferLength(system.noiseDimension())];
        }
        boolean area = stepper.needs() == BrownianNeed.INCREMENTS_AND_SPACE_TIME_AREA;
        this.increments = area ? null : new GaussianIncrements[block];
        this.areas = area ? new GaussianAreaIncrements[block] : null;
        this.workspace = step instanceof Stepper.AffineStep ? new Integrator.Workspace(system.dimension()) : null;
        for (int b = 0; b < block; b++) {
            if (area) {
                areas[b] = new GaussianAreaIncrements(Streams.normal(streams.stream(0)));
            } else {
                increments[b] = new GaussianIncrements(Streams.normal(streams.stream(0)));
            }
        }
    }

    /**
     * The bytes one worker thread holds for a state of n coordinates and K classes, p dims: the
     * states and increments of a lockstep block, the stepper's and the system's buffers, and the
     * operator kernel's K×K and per-class rows.
     */
    static double bytes(double n, double k, double p) {
        int dim = (int) Math.min(Integer.MAX_VALUE, n);
        double block = affineBlockSize(dim); // the larger of the two
        // extra states per block member: x and dW (any step), x alone (an affine block shares dW)
        double extra = Math.max(2 * (blockSize(dim) - 1), affineBlockSize(dim) - 1);
        return (9 + extra) * n * MemoryEstimate.DOUBLE + (k * k + 2 * k + 2 * p) * MemoryEstimate.DOUBLE
                + (8 + 2 * block) * MemoryEstimate.ARRAY + Integrator.Workspace.bytes(n);
    }

    /**
     * Paths per block of an affine step ({@link Stepper.AffineStep}: the segment's drift increments
     * and scales are prepared once per block): below n = 1024 a whole chunk (32 paths), else the
     * larger of {@link #blockSize(int)} and up to {@link #FUSED_BLOCK} states within
     * {@link #FUSED_BUDGET} doubles (K = p = 1000: 4 paths, handed over as runs of chunks by
     * {@link EnsembleRunner.PathWorker#lockstep()}).
     */
    static int affineBlockSize(int n) {
        if (n < MIN_BLOCKED_DIM) {
            return EnsembleRunner.CHUNK;
        }
        // large states step tile by tile (Integrator.stepFused): a block needs no buffer beyond
        // its states, and reads the table's tile once for all members instead of once per path
        int fused = Integer.highestOneBit(Math.max(1, Math.min(FUSED_BLOCK, FUSED_BUDGET / n)));
        return Math.max(blockSize(n), fused);
    }

    /** Paths per block of a large affine state (K = p = 1000: 4 states of 8 MB). */
    static final int FUSED_BLOCK = 4;
    /** A large affine block's states are kept within about this many doubles (128 MB). */
    static final int FUSED_BUDGET = 1 << 24;

    @Override
    public int lockstep() {
        return block;
    }

    /**
     * Paths per lockstep block for a state of n components: 1 below n = 1024 (nothing to gain),
     * else the largest power of two <= min(2^17 / n, 8) (K = p = 100: 8 paths; K = p = 1000: 1).
     * Powers of two split the chunks (ceil(paths/32), at most 32 paths) into whole blocks more
     * often.
     */
    static int blockSize(int n) {
        if (n < MIN_BLOCKED_DIM) {
            return 1;
        }
        return Integer.highestOneBit(Math.max(1, Math.min(MAX_BLOCK, BLOCK_BUDGET / n)));
    }

    @Override
    public void runPath(long path, PathObserver observer) {
        runPaths(path, path + 1, (p, row, t, state) -> observer.observe(row, t, state), () -> false);
    }

    @Override
    public void runPaths(long from, long to, EnsembleRunner.PathsObserver observer, BooleanSupplier cancelled) {
        BrownianIncrements[] bm = increments != null ? increments : areas;
        for (long start = from; start < to; start += block) {
            EnsembleRunner.checkCancelled(cancelled);
            final long first = start;
            int members = (int) Math.min(block, to - start);
            for (int b = 0; b < members; b++) {
                ZigguratSampler.NormalizedGaussian normal = Streams.normal(streams.stream(start + b));
                initialState(normal, mean0, spread, x[b]);
                if (increments != null) {
                    increments[b].use(normal);
                } else {
                    areas[b].use(normal);
                }
            }
            Integrator.run(step, bm, x, dW, members, grid, (b, row, t, state) -> observer.observe(first + b, row, t, state),
                    workspace);
        }
    }

    /** x = mean0 + spread·Z. */
    static void initialState(ZigguratSampler.NormalizedGaussian normal, double[] mean0, double spread, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = mean0[i] + spread * normal.sample();
        }
    }
}
