package org.lesde.sde;

/**
 * Itô Milstein scheme for diagonal noise: EM plus ½·g_i·∂g_i/∂x_i·(ΔW_i² − Δ) per component.
 * Strong order 1.0 for diagonal (hence commutative) and additive noise. For additive noise the
 * correction vanishes and the step is the Euler–Maruyama step itself (bit-for-bit). Refuses
 * general non-commutative noise, for which it would need Lévy areas.
 */
public final class Milstein implements Stepper {
    public static final Milstein INSTANCE = new Milstein();

    private Milstein() {
    }

    @Override
    public String name() {
        return "milstein";
    }

    @Override
    public String summary() {
        return "Milstein for diagonal noise: strong order 1.0, weak order 1; refuses general non-commutative noise.";
    }

    @Override
    public BrownianNeed needs() {
        return BrownianNeed.INCREMENTS;
    }

    @Override
    public double weakOrder(NoiseType type) {
        return supports(type) ? 1.0 : Double.NaN;
    }

    @Override
    public boolean supports(NoiseType type) {
        return type != NoiseType.GENERAL;
    }

    @Override
    public double strongOrder(NoiseType type) {
        return supports(type) ? 1.0 : Double.NaN;
    }

    @Override
    public Step bind(SdeSystem system) {
        NoiseType type = system.noiseType();
        if (!supports(type)) {
            throw Stepper.refuse(this, type);
        }
        if (type == NoiseType.ADDITIVE) {
            return EulerMaruyama.INSTANCE.bind(system);
        }
        final int n = system.dimension();
        final double[] a = new double[n];
        final double[] g = new double[n];
        final double[] dg = new double[n];
        return (t, dt, x, dW) -> system.addMilsteinIncrement(t, dt, x, dW, a, g, dg);
    }
}
