package org.lesde.sde;

/**
 * Euler–Maruyama: x ← x + f(t, x)·Δ + g(t, x)·ΔW. Strong order 0.5 in general and 1.0 for
 * additive noise; weak order 1. Valid for every noise type.
 */
public final class EulerMaruyama implements Stepper {
    public static final EulerMaruyama INSTANCE = new EulerMaruyama();

    private EulerMaruyama() {
    }

    @Override
    public String name() {
        return "euler-maruyama";
    }

    @Override
    public String summary() {
        return "Euler–Maruyama: strong order 0.5 (1.0 for additive noise), weak order 1; valid for every noise type.";
    }

    @Override
    public BrownianNeed needs() {
        return BrownianNeed.INCREMENTS;
    }

    @Override
    public double weakOrder(NoiseType type) {
        return 1.0;
    }

    @Override
    public boolean supports(NoiseType type) {
        return true;
    }

    @Override
    public double strongOrder(NoiseType type) {
        return type == NoiseType.ADDITIVE ? 1.0 : 0.5;
    }

    @Override
    public Step bind(SdeSystem system) {
        final int n = system.dimension();
        final double[] a = new double[n];
        final double[] b = new double[n];
        if (system.hasAffineEulerIncrement()) {
            return new AffineStep() {
                @Override
                public void step(double t, double dt, double[] x, double[] dW) {
                    system.addEulerIncrement(t, dt, x, dW, a, b);
                }

                @Override
                public double prepare(double t, double dt, double[] inc, int off) {
                    return system.affineEulerIncrement(t, dt, inc, off);
                }

                @Override
                public double prepare(double t, double dt, double[] inc, int off, int from, int to) {
                    return system.affineEulerIncrement(t, dt, inc, off, from, to);
                }
            };
        }
        return (t, dt, x, dW) -> system.addEulerIncrement(t, dt, x, dW, a, b);
    }
}
