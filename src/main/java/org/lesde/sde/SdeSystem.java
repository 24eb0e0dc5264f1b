package org.lesde.sde;

/**
 * An Itô SDE dx = f(t, x) dt + g(t, x) dW in R^n. Implementations write into caller-owned
 * arrays and must not allocate per call; an instance may hold work buffers and is then used
 * by one thread (see {@link #copyForThread()}).
 */
public interface SdeSystem {

    /** The state dimension n. */
    int dimension();

    /** The dimension of the Brownian motion W (n for diagonal noise). */
    default int noiseDimension() {
        return dimension();
    }

    NoiseType noiseType();

    /** out = f(t, x). */
    void drift(double t, double[] x, double[] out);

    /**
     * out = ∫_t^{t+dt} f ds as used by the one-step schemes. Default: f(t, x)·dt (the explicit
     * Euler increment). A system whose drift is a known function of time only may return the
     * exact integral (the LE-SDE mean closure does).
     */
    default void driftIncrement(double t, double dt, double[] x, double[] out) {
        drift(t, x, out);
        for (int i = 0, n = dimension(); i < n; i++) {
            out[i] *= dt;
        }
    }

    /** out = g(t, x)·dW. */
    void diffusion(double t, double[] x, double[] dW, double[] out);

    /**
     * For {@link NoiseType#DIAGONAL} noise: g[i] = g_ii(t, x) and dg[i] = ∂g_ii/∂x_i.
     * Systems of other noise types need not implement it.
     */
    default void diagonalDiffusion(double t, double[] x, double[] g, double[] dg) {
        throw new UnsupportedOperationException("diagonalDiffusion is only defined for diagonal noise");
    }

    /** An instance safe to use from another thread (its own work buffers). Stateless systems return this. */
    default SdeSystem copyForThread() {
        return this;
    }
}
