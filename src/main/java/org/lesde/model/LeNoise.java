package org.lesde.model;

import org.lesde.sde.NoiseType;

/**
 * The diffusion of the LE dynamics, G(t, x)·z = sqrt(h)·Σ(t)^{1/2}·z for the matrix noise
 * models, and sqrt(h)·σ·(x_i − ref_i)·z_i for proportional noise (ref = 0, or the class means
 * when centred). Immutable and shareable; {@link #apply} allocates nothing.
 */
public final class LeNoise {
    private final Noise noise;
    private final int classes;
    private final int dim;
    private final double sqrtH;

    private final Diffusion diffusion;

    public LeNoise(Noise noise, int classes, int dim, double stepSize) {
        this.noise = noise;
        this.classes = classes;
        this.dim = dim;
        this.sqrtH = Math.sqrt(stepSize);
        // one exhaustive switch: a new noise kind must say how it diffuses
        this.diffusion = switch (noise.kind()) {
            case ADDITIVE -> new AdditiveDiffusion((Noise.Additive) noise);
            case DIAGONAL -> new DiagonalDiffusion((Noise.Diagonal) noise);
            case FULL -> new FullDiffusion((Noise.Full) noise);
            case PROPORTIONAL -> new ProportionalDiffusion((Noise.Proportional) noise);
        };
    }

    public Noise noise() {
        return noise;
    }

    public NoiseType type() {
        return noise.kind().type();
    }

    /** True when the diffusion needs the reference (class-mean) state. */
    public boolean needsReference() {
        return noise instanceof Noise.Proportional p && p.centred();
    }

    /**
     * out = G(t, x)·z.
     *
     * @param ref the centring reference for centred proportional noise (ignored otherwise)
     */
    public void apply(double t, double[] x, double[] ref, double[] z, double[] out) {
        diffusion.apply(t, classes * dim, x, ref, z, out);
    }

    /**
     * The fused Euler–Maruyama update x[i] += a[i] + (G(t, x)·z)[i], with G evaluated at the state
     * before the update: the same arithmetic as {@link #apply} into a scratch array followed by
     * {@code x[i] += a[i] + out[i]}, hence the same bits, in one pass.
     */
    public void addEuler(double t, double[] x, double[] ref, double[] a, double[] z) {
        diffusion.addEuler(t, classes * dim, x, ref, a, z);
    }

    /** How one noise kind applies G(t, x) (n = K·p coordinates). */
    private interface Diffusion {
        void apply(double t, int n, double[] x, double[] ref, double[] z, double[] out);

        void addEuler(double t, int n, double[] x, double[] ref, double[] a, double[] z);
    }

    private final class AdditiveDiffusion implements Diffusion {
        private final Noise.Additive a;

        AdditiveDiffusion(Noise.Additive a) {
            this.a = a;
        }

        @Override
        public void apply(double t, int n, double[] x, double[] ref, double[] z, double[] out) {
            double s = sqrtH * a.sigma().value(t);
            for (int i = 0; i < n; i++) {
                out[i] = s * z[i];
            }
        }

        @Override
        public void addEuler(double t, int n, double[] x, double[] ref, double[] a0, double[] z) {
            final double s = sqrtH * a.sigma().value(t);
            for (int i = 0; i < n; i++) {
                x[i] += a0[i] + s * z[i];
            }
        }
    }

    private final class DiagonalDiffusion implements Diffusion {
        private final Noise.Diagonal d;

        DiagonalDiffusion(Noise.Diagonal d) {
            this.d = d;
        }

        @Override
        public void apply(double t, int n, double[] x, double[] ref, double[] z, double[] out) {
            double s = sqrtH * d.scale().value(t);
            double[] sig = d.sigmas();
            for (int i = 0; i < n; i++) {
                out[i] = s * sig[i] * z[i];
            }
        }

        @Override
        public void addEuler(double t, int n, double[] x, double[] ref, double[] a, double[] z) {
            final double s = sqrtH * d.scale().value(t);
            final double[] sig = d.sigmas();
            for (int i = 0; i < n; i++) {
                x[i] += a[i] + s * sig[i] * z[i];
            }
        }
    }

    private final class FullDiffusion implements Diffusion {
        private final Noise.Full f;

        FullDiffusion(Noise.Full f) {
            this.f = f;
        }

        @Override
        public void apply(double t, int n, double[] x, double[] ref, double[] z, double[] out) {
            double s = sqrtH * f.scale().value(t);
            double[][] l = f.factor();
            int m = l.length;
            for (int base = 0; base < n; base += m) {
                for (int i = 0; i < m; i++) {
                    double acc = 0;
                    double[] li = l[i];
                    for (int j = 0; j < m; j++) {
                        acc += li[j] * z[base + j];
                    }
                    out[base + i] = s * acc;
                }
            }
        }

        @Override
        public void addEuler(double t, int n, double[] x, double[] ref, double[] a, double[] z) {
            final double s = sqrtH * f.scale().value(t);
            final double[][] l = f.factor();
            final int m = l.length;
            for (int base = 0; base < n; base += m) {
                for (int i = 0; i < m; i++) {
                    double acc = 0;
                    double[] li = l[i];
                    for (int j = 0; j < m; j++) {
                        acc += li[j] * z[base + j];
                    }
                    x[base + i] += a[base + i] + s * acc;
                }
            }
        }
    }

    private final class ProportionalDiffusion implements Diffusion {
        private final Noise.Proportional p;

        ProportionalDiffusion(Noise.Proportional p) {
            this.p = p;
        }

        @Override
        public void apply(double t, int n, double[] x, double[] ref, double[] z, double[] out) {
            double s = sqrtH * p.sigma();
            if (p.centred()) {
                for (int i = 0; i < n; i++) {
                    out[i] = s * (x[i] - ref[i]) * z[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = s * x[i] * z[i];
                }
            }
        }

        @Override
        public void addEuler(double t, int n, double[] x, double[] ref, double[] a, double[] z) {
            final double s = sqrtH * p.sigma();
            if (p.centred()) {
                for (int i = 0; i < n; i++) {
                    x[i] += a[i] + s * (x[i] - ref[i]) * z[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    x[i] += a[i] + s * x[i] * z[i];
                }
            }
        }
    }

    /**
     * For additive isotropic noise: the factor sqrt(h)·σ(t) with G(t)·z = factor·z; NaN for the
     * other models.
     */
    public double isotropicScale(double t) {
        return noise instanceof Noise.Additive a ? sqrtH * a.sigma().value(t) : Double.NaN;
    }

    /**
     * For proportional noise, the Itô Milstein update x[i] += a[i] + g·w + 0.5·g·dg·(w² − dt) with
     * w = z[i], g and dg = ∂g/∂x_i as {@link #diagonal} computes them (same products, same bits).
     */
    public void addMilstein(double[] x, double[] ref, double[] a, double[] z, double dt) {
        Noise.Proportional p = (Noise.Proportional) noise;
        final double s = sqrtH * p.sigma();
        final int n = classes * dim;
        if (p.centred()) {
            for (int i = 0; i < n; i++) {
                double g = s * (x[i] - ref[i]);
                double w = z[i];
                x[i] += a[i] + g * w + 0.5 * g * s * (w * w - dt);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double g = s * x[i];
                double w = z[i];
                x[i] += a[i] + g * w + 0.5 * g * s * (w * w - dt);
            }
        }
    }

    /** For proportional noise: g_i and ∂g_i/∂x_i. */
    public void diagonal(double[] x, double[] ref, double[] g, double[] dg) {
        Noise.Proportional p = (Noise.Proportional) noise;
        double s = sqrtH * p.sigma();
        final int n = classes * dim;
        for (int i = 0; i < n; i++) {
            g[i] = s * (p.centred() ? x[i] - ref[i] : x[i]);
            dg[i] = s;
        }
    }
}
