package org.lesde.sim;

import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.MeanTrajectory;
import org.lesde.sde.NoiseType;
import org.lesde.sde.SdeSystem;

/**
 * The {@code ensemble} closure: P paths as one interacting particle system in R^{P·Kp}, with
 * drift (1/K)·A(t)·X̄_ens(t) for every path, X̄_ens the average of the P paths (summed in path
 * order, so the result is deterministic). Noise acts on each path as in the single-path system.
 */
final class EnsembleSystem implements SdeSystem {
    private final LeOperator.Kernel kernel;
    private final LeNoise noise;
    private final MeanTrajectory mean;
    private final int paths;
    private final int n;
    private final double invK;
    private final double[] avg;
    private final double[] f;
    private final double[] ref;
    private final double[] xi;
    private final double[] zi;
    private final double[] oi;

    EnsembleSystem(LeOperator op, LeNoise noise, MeanTrajectory mean, int paths) {
        this.kernel = op.kernel();
        this.noise = noise;
        this.mean = mean;
        this.paths = paths;
        this.n = op.classes() * op.dim();
        this.invK = 1.0 / op.classes();
        this.avg = new double[n];
        this.f = new double[n];
        this.ref = new double[n];
        this.xi = new double[n];
        this.zi = new double[n];
        this.oi = new double[n];
    }

    @Override
    public int dimension() {
        return paths * n;
    }

    @Override
    public NoiseType noiseType() {
        return noise.type();
    }

    private void average(double[] x) {
        java.util.Arrays.fill(avg, 0.0);
        for (int p = 0; p < paths; p++) {
            int o = p * n;
            for (int i = 0; i < n; i++) {
                avg[i] += x[o + i];
            }
        }
        for (int i = 0; i < n; i++) {
            avg[i] /= paths;
        }
    }

    @Override
    public void drift(double t, double[] x, double[] out) {
        driftIncrement(t, 1.0, x, out);
    }

    @Override
    public void driftIncrement(double t, double dt, double[] x, double[] out) {
        average(x);
        kernel.apply(t, invK * dt, avg, f);
        for (int p = 0; p < paths; p++) {
            System.arraycopy(f, 0, out, p * n, n);
        }
    }

    @Override
    public void diffusion(double t, double[] x, double[] dW, double[] out) {
        double[] r = reference(t);
        for (int p = 0; p < paths; p++) {
            int o = p * n;
            System.arraycopy(x, o, xi, 0, n);
            System.arraycopy(dW, o, zi, 0, n);
            noise.apply(t, xi, r, zi, oi);
            System.arraycopy(oi, 0, out, o, n);
        }
    }

    @Override
    public void diagonalDiffusion(double t, double[] x, double[] g, double[] dg) {
        double[] r = reference(t);
        for (int p = 0; p < paths; p++) {
            int o = p * n;
            System.arraycopy(x, o, xi, 0, n);
            noise.diagonal(xi, r, zi, oi);
            System.arraycopy(zi, 0, g, o, n);
            System.arraycopy(oi, 0, dg, o, n);
        }
    }

    private double[] reference(double t) {
        if (noise.needsReference()) {
            mean.at(mean.index(t), ref);
        }
        return ref;
    }
}
