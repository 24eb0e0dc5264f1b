package org.lesde.model;

import org.lesde.sde.NoiseType;
import org.lesde.sde.SdeSystem;

/**
 * The LE-SDE dX = (1/K)·A(t)·X̄ dt + sqrt(h)·Σ(t)^{1/2} dW of one path, for the {@code mean}
 * and {@code self} closures (the {@code ensemble} closure couples paths: see
 * {@code org.lesde.sim.EnsembleSystem}).
 *
 * <p><b>Mean closure.</b> The drift (1/K)·A(t)·X̄(t) is a function of time only, X̄ being the
 * LE-ODE solution. Its integral over a step is X̄(t_{n+1}) − X̄(t_n) exactly, and this is what
 * {@link #driftIncrement} returns (from the tabulated DP853 solution): the only discretisation
 * left is in the noise, so for additive noise the scheme samples the exact law and the ensemble
 * mean follows the LE-ODE to the ODE tolerance. {@link #drift} still returns (1/K)·A(t)·X̄(t).
 */
public final class LeSystem implements SdeSystem {
    /**
     * From this state size (K·p) on, the mean closure's per-step drift increment is kept and
     * reused (paths are then advanced in lockstep blocks, see {@code LePathWorker}); below it, the
     * fused update reads the table directly (one pass, cheaper for tiny states).
     */
    public static final int LARGE_STATE = 1024;

    private final LeOperator op;
    private final LeOperator.Kernel kernel;
    private final LeNoise noise;
    private final Closure closure;
    private final MeanTrajectory mean;
    private final int n;
    private final double invK;
    private final double[] ref;
    private final boolean isotropic;
    /** The mean closure's last drift increment and its step index (per thread: see copyForThread). */
    private final double[] inc;
    private int incStep = -1;

    /**
     * @param mean the LE-ODE class means on the integration grid; required for the mean closure
     *             and for centred proportional noise, may be null otherwise
     */
    public LeSystem(LeOperator op, LeNoise noise, Closure closure, MeanTrajectory mean) {
        if (closure == Closure.ENSEMBLE) {
            throw new IllegalArgumentException("the ensemble closure couples paths: use EnsembleSystem");
        }
        if ((closure == Closure.MEAN || noise.needsReference()) && mean == null) {
            throw new IllegalArgumentException("mean trajectory required");
        }
        this.op = op;
        this.kernel = op.kernel();
        this.noise = noise;
        this.closure = closure;
        this.mean = mean;
        this.n = op.classes() * op.dim();
        this.invK = 1.0 / op.classes();
        this.ref = new double[n];
        this.isotropic = noise.noise() instanceof Noise.Additive;
        this.inc = closure == Closure.MEAN && n >= LARGE_STATE ? new double[n] : null;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public NoiseType noiseType() {
        return noise.type();
    }

    @Override
    public void drift(double t, double[] x, double[] out) {
        if (closure == Closure.MEAN) {
            mean.at(mean.index(t), ref);
            kernel.apply(t, invK, ref, out);
        } else {
            kernel.apply(t, invK, x, out);
        }
    }

    @Override
    public boolean driftIndependentOfState() {
        return closure == Closure.MEAN;
    }

    @Override
    public void driftIncrement(double t, double dt, double[] x, double[] out) {
        if (closure == Closure.MEAN) {
            mean.increment(mean.index(t), out);
        } else {
            kernel.apply(t, invK * dt, x, out);
        }
    }

    /**
     * Fused forms of the Euler–Maruyama update (same bits as the default composition): for the mean
     * closure with additive isotropic noise x[i] += inc[i] + s·dW[i] with inc = X̄(t+dt) − X̄(t),
     * read straight from the table for small states, else computed once per step index and kept
     * (the members of a lockstep block reuse it);
     * otherwise the drift increment into {@code a}, then one fused noise-and-update pass.
     */
    @Override
    public void addEulerIncrement(double t, double dt, double[] x, double[] dW, double[] a, double[] b) {
        if (closure == Closure.MEAN && isotropic) {
            int step = mean.index(t);
            final double s = noise.isotropicScale(t);
            if (inc == null) { // small state: one pass straight from the table
                mean.addIncrementAndScaled(step, x, s, dW);
                return;
            }
            if (step != incStep) { // the members of a lockstep block share it: one table pass per block step
                mean.increment(step, inc);
                incStep = step;
            }
            final double[] d = inc;
            for (int i = 0; i < n; i++) {
                x[i] += d[i] + s * dW[i];
            }
            return;
        }
        driftIncrement(t, dt, x, a);
        noise.addEuler(t, x, reference(t), a, dW);
    }

    /** The mean closure with additive isotropic noise: x[i] += (X̄(t+dt) − X̄(t))[i] + s·dW[i]. */
    @Override
    public boolean hasAffineEulerIncrement() {
        return closure == Closure.MEAN && isotropic;
    }

    /**
     * The table increment and s = sqrt(h)·σ(t): the very values {@link #addEulerIncrement} uses
     * (same subtraction, same factor), so the affine update gives its bits.
     */
    @Override
    public double affineEulerIncrement(double t, double dt, double[] inc, int off) {
        if (!hasAffineEulerIncrement()) {
            throw new UnsupportedOperationException("the Euler–Maruyama update is affine only for the mean closure with additive noise");
        }
        mean.increment(mean.index(t), inc, off);
        return noise.isotropicScale(t);
    }

    /** {@link #affineEulerIncrement(double, double, double[], int)} of the components from .. to-1. */
    @Override
    public double affineEulerIncrement(double t, double dt, double[] inc, int off, int from, int to) {
        if (!hasAffineEulerIncrement()) {
            throw new UnsupportedOperationException("the Euler–Maruyama update is affine only for the mean closure with additive noise");
        }
        mean.increment(mean.index(t), inc, off, from, to);
        return noise.isotropicScale(t);
    }

    @Override
    public void diffusion(double t, double[] x, double[] dW, double[] out) {
        double[] r = reference(t);
        noise.apply(t, x, r, dW, out);
    }

    /**
     * Proportional noise: the drift increment into {@code a}, then one pass with g_i and
     * ∂g_i/∂x_i inline (the same products as {@link LeNoise#diagonal}, hence the same bits as the
     * default composition).
     */
    @Override
    public void addMilsteinIncrement(double t, double dt, double[] x, double[] dW, double[] a, double[] g, double[] dg) {
        driftIncrement(t, dt, x, a);
        noise.addMilstein(x, reference(t), a, dW, dt);
    }

    @Override
    public void diagonalDiffusion(double t, double[] x, double[] g, double[] dg) {
        noise.diagonal(x, reference(t), g, dg);
    }

    private double[] reference(double t) {
        if (noise.needsReference()) {
            mean.at(mean.index(t), ref);
        }
        return ref;
    }

    @Override
    public SdeSystem copyForThread() {
        return new LeSystem(op, noise, closure, mean);
    }
}
