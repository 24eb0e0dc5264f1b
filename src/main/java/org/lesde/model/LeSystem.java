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
    private final LeOperator op;
    private final LeOperator.Kernel kernel;
    private final LeNoise noise;
    private final Closure closure;
    private final MeanTrajectory mean;
    private final int n;
    private final double invK;
    private final double[] ref;
    private final boolean isotropic;

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
        this.isotropic = noise.noise() instanceof org.lesde.model.Noise.Additive;
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
    public void driftIncrement(double t, double dt, double[] x, double[] out) {
        if (closure == Closure.MEAN) {
            mean.increment(mean.index(t), out);
        } else {
            kernel.apply(t, invK * dt, x, out);
        }
    }

    /**
     * Fused forms of the Euler–Maruyama update (same bits as the default composition): for the mean
     * closure with additive isotropic noise a single pass x[i] += (X̄_i(t+dt) − X̄_i(t)) + s·dW[i];
     * otherwise the drift increment into {@code a}, then one fused noise-and-update pass.
     */
    @Override
    public void addEulerIncrement(double t, double dt, double[] x, double[] dW, double[] a, double[] b) {
        if (closure == Closure.MEAN && isotropic) {
            mean.addIncrementAndScaled(mean.index(t), x, noise.isotropicScale(t), dW);
            return;
        }
        driftIncrement(t, dt, x, a);
        noise.addEuler(t, x, reference(t), a, dW);
    }

    @Override
    public void diffusion(double t, double[] x, double[] dW, double[] out) {
        double[] r = reference(t);
        noise.apply(t, x, r, dW, out);
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
