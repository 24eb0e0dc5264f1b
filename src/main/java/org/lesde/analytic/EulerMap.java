package org.lesde.analytic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;

/**
 * The explicit Euler map of the LE-ODE, X̄_{n+1} = X̄_n + Δ·(1/K)·A(t_n)·X̄_n (Δ = 1 is the
 * official code's unit-step map, docs/theory.md#2-the-three-dynamics), and its first-order global error estimate.
 *
 * <p><b>Error estimate.</b> With L(t) = A(t)/K the Euler error e_n = X̄_n − X̄(t_n) obeys
 * e_{n+1} = (I + ΔL_n)·e_n − (Δ²/2)·X̄''(t_n) + O(Δ³), so to first order e(t) ≈ −(Δ/2)·ξ(t) with
 * ξ' = L·ξ + X̄'', ξ(0) = 0, X̄'' = L·L·X̄ + L'·X̄ (L' from the schedule derivatives, see
 * {@link Schedules#derivative}). A jump ΔL of a piecewise-constant schedule at t_j inside a step
 * (t_n, t_{n+1}] (θ = (t_j − t_n)/Δ) adds the O(Δ) local error −(1−θ)·Δ·ΔL·X̄(t_j), i.e. an
 * impulse 2(1−θ)·ΔL·X̄(t_j) to ξ. ξ is integrated together with X̄ by DP853 (rtol 1e-10). The
 * estimate is asymptotic: for large Δ·|λ| the true error can differ from it (the Euler factor
 * (1+Δλ)^n against e^{λ n Δ}), and for |1+Δλ| > 1 with λ < 0 the map is unstable.
 */
public final class EulerMap {
    private EulerMap() {
    }

    /**
     * The Euler map with {@code steps} steps of size {@code dt} from x0 at t = 0, sampled at the
     * given step indices (non-decreasing).
     */
    public static double[][] run(LeOperator op, double[] x0, double dt, int steps, int[] sampleSteps) {
        return run(op, x0, dt, steps, sampleSteps, false);
    }

    /**
     * The Euler map with the rates of step m → m+1 taken at t_m ({@code newIndex} false: the SDE
     * steppers' convention) or at t_{m+1} ({@code newIndex} true: the official code's
     * {@code fwd_euler}, X(t) = X(t−1) + A(t)X(t−1)/K, and fit's replay).
     */
    public static double[][] run(LeOperator op, double[] x0, double dt, int steps, int[] sampleSteps, boolean newIndex) {
        int n = x0.length;
        LeOperator.Kernel kernel = op.kernel();
        double s = dt / op.classes();
        double[] x = x0.clone();
        double[] d = new double[n];
        double[][] out = new double[sampleSteps.length][];
        int next = 0;
        while (next < sampleSteps.length && sampleSteps[next] == 0) {
            out[next++] = x.clone();
        }
        for (int m = 0; m < steps && next < sampleSteps.length; m++) {
            kernel.apply((newIndex ? m + 1 : m) * dt, s, x, d);
            for (int i = 0; i < n; i++) {
                x[i] += d[i];
            }
            while (next < sampleSteps.length && sampleSteps[next] == m + 1) {
                out[next++] = x.clone();
            }
        }
        return out;
    }

    /**
     * The first-order estimate (Δ/2)·ξ(t) of X̄_Euler − X̄ at the given non-decreasing times, for an
     * Euler map with step Δ = {@code dt} starting at t = 0 (the returned vectors are the estimated
     * signed errors −(Δ/2)ξ).
     */
    public static double[][] firstOrderError(LeOperator op, double[] x0, double dt, double[] times) {
        return firstOrderError(op, x0, dt, times, false);
    }

    /**
     * The same for the new-index map ({@code newIndex}): its local error is −(Δ²/2)(L²X − L'X)
     * instead of −(Δ²/2)(L²X + L'X) (the rate is read at the end of the step), and a jump at
     * θ inside a step adds θ·Δ·ΔL·X(t_j), an impulse −2θ·ΔL·X(t_j) to ξ.
     */
    public static double[][] firstOrderError(LeOperator op, double[] x0, double dt, double[] times, boolean newIndex) {
        final double dSign = newIndex ? -1 : 1;
        final int n = x0.length;
        final int k = op.classes();
        final LeOperator.Kernel kernel = op.kernel();
        final LeOperator.Kernel dKernel = derivative(op) == null ? null : derivative(op).kernel();
        final double invK = 1.0 / k;
        // jump impulses: time -> ΔE impact
        TreeMap<Double, double[]> jumps = new TreeMap<>();
        if (op.impact() instanceof Impact.TwoLevel tl) {
            for (double[] j : Schedules.jumps(tl.alpha())) {
                jumps.computeIfAbsent(j[0], x -> new double[2])[0] += j[1];
            }
            for (double[] j : Schedules.jumps(tl.beta())) {
                jumps.computeIfAbsent(j[0], x -> new double[2])[1] += j[1];
            }
        }
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            final double[] lx = new double[n];
            final double[] llx = new double[n];
            final double[] dlx = new double[n];

            @Override
            public int getDimension() {
                return 2 * n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] x = java.util.Arrays.copyOfRange(y, 0, n);
                double[] xi = java.util.Arrays.copyOfRange(y, n, 2 * n);
                double[] out = new double[2 * n];
                kernel.apply(t, invK, x, lx);
                kernel.apply(t, invK, lx, llx);
                double[] lxi = new double[n];
                kernel.apply(t, invK, xi, lxi);
                if (dKernel != null) {
                    dKernel.apply(t, invK, x, dlx);
                }
                for (int i = 0; i < n; i++) {
                    out[i] = lx[i];
                    out[n + i] = lxi[i] + llx[i] + (dKernel != null ? dSign * dlx[i] : 0);
                }
                return out;
            }
        };
        double scale = 0;
        for (double v : x0) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[][] result = new double[times.length][];
        double[] y = new double[2 * n];
        System.arraycopy(x0, 0, y, 0, n);
        double t0 = 0;
        int next = 0;
        while (next < times.length && times[next] <= 0) {
            result[next++] = new double[n];
        }
        double tEnd = times.length == 0 ? 0 : times[times.length - 1];
        List<Double> stops = new ArrayList<>();
        for (double tj : jumps.keySet()) {
            if (tj > 0 && tj < tEnd) {
                stops.add(tj);
            }
        }
        stops.add(tEnd);
        for (double stop : stops) {
            if (stop > t0) {
                DormandPrince853Integrator integ = new DormandPrince853Integrator(0, stop - t0,
                        Math.max(scale, 1e-300) * 1e-13, 1e-10);
                final int[] nx = {next};
                final double segEnd = stop;
                integ.addStepHandler(new ODEStepHandler() {
                    @Override
                    public void handleStep(ODEStateInterpolator interp) {
                        double t1 = interp.getCurrentState().getTime();
                        while (nx[0] < times.length && times[nx[0]] <= t1 && times[nx[0]] <= segEnd) {
                            double[] st = interp.getInterpolatedState(times[nx[0]]).getPrimaryState();
                            result[nx[0]] = errorOf(st, n, dt);
                            nx[0]++;
                        }
                    }
                });
                ODEState end = integ.integrate(ode, new ODEState(t0, y.clone()), stop);
                y = end.getPrimaryState();
                next = nx[0];
                t0 = stop;
            }
            double[] dj = jumps.get(stop);
            if (dj != null && stop < tEnd) {
                // Euler step containing the jump: t_n < t_j <= t_{n+1}
                long m = (long) Math.ceil(stop / dt) - 1;
                double tn = m * dt;
                double theta = (stop - tn) / dt;
                if (theta > 0 && theta < 1) {
                    LeOperator jump = new LeOperator(k, op.dim(),
                            new Impact.TwoLevel(new Schedule.Constant(dj[0]), new Schedule.Constant(dj[1])), op.transform());
                    double[] jx = new double[n];
                    jump.kernel().apply(stop, invK, java.util.Arrays.copyOf(y, n), jx);
                    double w = newIndex ? -2 * theta : 2 * (1 - theta);
                    for (int i = 0; i < n; i++) {
                        y[n + i] += w * jx[i];
                    }
                }
            }
        }
        while (next < times.length) {
            result[next] = errorOf(y, n, dt);
            next++;
        }
        return result;
    }

    private static double[] errorOf(double[] state, int n, double dt) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = -0.5 * dt * state[n + i];
        }
        return e;
    }

    /** The operator of A'(t) (schedule derivatives), or null when A is constant. */
    static LeOperator derivative(LeOperator op) {
        if (!(op.impact() instanceof Impact.TwoLevel tl) || op.impact().isConstant()) {
            return null;
        }
        return new LeOperator(op.classes(), op.dim(),
                new Impact.TwoLevel(Schedules.derivative(tl.alpha()), Schedules.derivative(tl.beta())), op.transform());
    }
}
