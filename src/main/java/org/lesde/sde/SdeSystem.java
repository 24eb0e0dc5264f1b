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

    /**
     * True when f does not depend on x (f = f(t)): a multi-stage scheme then uses
     * {@link #driftIncrement} for the whole step instead of evaluating f at its stages.
     */
    default boolean driftIndependentOfState() {
        return false;
    }

    /** out = g(t, x)·dW. */
    void diffusion(double t, double[] x, double[] dW, double[] out);

    /**
     * The Euler–Maruyama update used by {@link EulerMaruyama}: {@code x[i] += a[i] + b[i]} with
     * a = {@link #driftIncrement}(t, dt, x) and b = {@link #diffusion}(t, x, dW), both evaluated at
     * the state before the update. This default composes the two through the caller-owned scratch
     * arrays {@code a} and {@code b} (length n). A system may override it with a fused loop (fewer
     * passes over memory); an override is an optimisation, not a different scheme: it must give
     * the same bits as this default.
     */
    default void addEulerIncrement(double t, double dt, double[] x, double[] dW, double[] a, double[] b) {
        driftIncrement(t, dt, x, a);
        diffusion(t, x, dW, b);
        for (int i = 0, n = dimension(); i < n; i++) {
            x[i] += a[i] + b[i];
        }
    }

    /**
     * True when the Euler–Maruyama update has the affine form x[i] += c[i] + s·dW[i] with c and s
     * functions of the step only (a drift of time only and isotropic additive noise: the LE-SDE
     * mean closure); then {@link #affineEulerIncrement} gives c and s. Asked once, when a stepper
     * binds.
     */
    default boolean hasAffineEulerIncrement() {
        return false;
    }

    /**
     * For a system with {@link #hasAffineEulerIncrement()}: writes c, the drift increment of the
     * step [t, t + dt], into {@code inc[off .. off + n)} and returns s, so that
     * {@code x[i] += inc[off + i] + s * dW[i]} is, bit for bit, {@link #addEulerIncrement}.
     */
    default double affineEulerIncrement(double t, double dt, double[] inc, int off) {
        throw new UnsupportedOperationException("the Euler–Maruyama update of this system is not affine");
    }

    /**
     * {@link #affineEulerIncrement(double, double, double[], int)} for the components
     * {@code from .. to-1} only: c[from + j] into {@code inc[off + j]} (the same values), and s. A
     * system with {@link #hasAffineEulerIncrement()} implements both.
     */
    default double affineEulerIncrement(double t, double dt, double[] inc, int off, int from, int to) {
        throw new UnsupportedOperationException("the Euler–Maruyama update of this system is not affine");
    }

    /**
     * For {@link NoiseType#DIAGONAL} noise: g[i] = g_ii(t, x) and dg[i] = ∂g_ii/∂x_i.
     * Systems of other noise types need not implement it.
     */
    default void diagonalDiffusion(double t, double[] x, double[] g, double[] dg) {
        throw new UnsupportedOperationException("diagonalDiffusion is only defined for diagonal noise");
    }

    /**
     * The Itô Milstein update of {@link Milstein} for {@link NoiseType#DIAGONAL} noise:
     * {@code x[i] += a[i] + g[i]·w + 0.5·g[i]·dg[i]·(w² − dt)} with w = dW[i], a =
     * {@link #driftIncrement}(t, dt, x) and g, dg = {@link #diagonalDiffusion}(t, x), all at the
     * state before the update. This default composes them through the caller-owned scratch arrays
     * (length n); an override (a fused loop) must give the same bits.
     */
    default void addMilsteinIncrement(double t, double dt, double[] x, double[] dW, double[] a, double[] g, double[] dg) {
        driftIncrement(t, dt, x, a);
        diagonalDiffusion(t, x, g, dg);
        for (int i = 0, n = dimension(); i < n; i++) {
            double w = dW[i];
            x[i] += a[i] + g[i] * w + 0.5 * g[i] * dg[i] * (w * w - dt);
        }
    }

    /** An instance safe to use from another thread (its own work buffers). Stateless systems return this. */
    default SdeSystem copyForThread() {
        return this;
    }
}
