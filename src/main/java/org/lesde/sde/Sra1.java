package org.lesde.sde;

/**
 * Rößler's SRA1 (SIAM J. Numer. Anal. 48(3), 2010) for additive noise, strong order 1.5 and weak
 * order 2 (docs/theory.md#39-sra1-and-the-space-time-levy-area). Two stages; with ΔW the increment,
 * ΔZ = ∫(W(s) − W(t))ds the space–time Lévy area of the step and g(t) the state-independent
 * diffusion:
 * <pre>
 *   H   = x + ¾·f(t, x)·Δ + (3/2)·g(t + Δ)·ΔZ/Δ
 *   x' = x + (⅓·f(t, x) + ⅔·f(t + ¾Δ, H))·Δ + g(t + Δ)·(ΔW − ΔZ/Δ) + g(t)·ΔZ/Δ
 * </pre>
 * (tableau c0 = (0, ¾), A0 = [[0,0],[¾,0]], c1 = (1, 0), B0 = [[0,0],[3/2,0]], α = (⅓, ⅔),
 * β1 = (1, 0), β2 = (−1, 1)). The Brownian buffer holds ΔW then ΔZ (length 2m). A drift that does
 * not depend on the state (the mean closure) is integrated by the system's own drift increment,
 * as in the other schemes. Refuses state-dependent noise.
 */
public final class Sra1 implements Stepper {
    public static final Sra1 INSTANCE = new Sra1();

    private Sra1() {
    }

    @Override
    public String name() {
        return "sra1";
    }

    @Override
    public String summary() {
        return "Roessler's SRA1 for additive noise: strong order 1.5, weak order 2; refuses state-dependent noise.";
    }

    @Override
    public BrownianNeed needs() {
        return BrownianNeed.INCREMENTS_AND_SPACE_TIME_AREA;
    }

    @Override
    public boolean supports(NoiseType type) {
        return type == NoiseType.ADDITIVE;
    }

    @Override
    public double strongOrder(NoiseType type) {
        return supports(type) ? 1.5 : Double.NaN;
    }

    @Override
    public double weakOrder(NoiseType type) {
        return supports(type) ? 2.0 : Double.NaN;
    }

    @Override
    public Step bind(SdeSystem system) {
        NoiseType type = system.noiseType();
        if (!supports(type)) {
            throw Stepper.refuse(this, type);
        }
        final int n = system.dimension();
        final int m = system.noiseDimension();
        final boolean stateFreeDrift = system.driftIndependentOfState();
        final double[] f0 = new double[n];
        final double[] f1 = new double[n];
        final double[] h = new double[n];
        final double[] zh = new double[m];
        final double[] v = new double[m];
        final double[] b = new double[n];
        return (t, dt, x, dWZ) -> {
            final double inv = 1.0 / dt;
            for (int j = 0; j < m; j++) {
                double z = dWZ[m + j] * inv;
                zh[j] = z;
                v[j] = dWZ[j] - z;
            }
            if (stateFreeDrift) {
                system.driftIncrement(t, dt, x, f0);
                for (int i = 0; i < n; i++) {
                    f1[i] = f0[i];
                }
            } else {
                system.drift(t, x, f0);
                system.diffusion(t + dt, x, zh, b);
                for (int i = 0; i < n; i++) {
                    h[i] = x[i] + 0.75 * dt * f0[i] + 1.5 * b[i];
                }
                system.drift(t + 0.75 * dt, h, f1);
                for (int i = 0; i < n; i++) {
                    f1[i] = dt * (f0[i] / 3.0 + 2.0 * f1[i] / 3.0);
                }
            }
            system.diffusion(t + dt, x, v, b);
            for (int i = 0; i < n; i++) {
                x[i] += f1[i] + b[i];
            }
            system.diffusion(t, x, zh, b);
            for (int i = 0; i < n; i++) {
                x[i] += b[i];
            }
        };
    }
}
