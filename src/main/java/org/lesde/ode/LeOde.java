package org.lesde.ode;

import java.util.Arrays;

import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.lesde.RunFailedException;
import org.lesde.model.LeOperator;
import org.lesde.model.MeanTrajectory;
import org.lesde.sde.BlowUpException;
import org.lesde.sde.TimeGrid;

/**
 * The LE-ODE dX̄/dt = (1/K)·A(t)·X̄ integrated with Hipparchus' Dormand–Prince 8(5,3) with
 * tight tolerances (default relative 1e-12), sampled at requested times through its dense
 * output. This is the deterministic reference of lesde.
 */
public final class LeOde {
    /** Default relative tolerance of the reference integration. */
    public static final double REL_TOL = 1e-12;

    /**
     * Budget of right-hand-side evaluations (about 830 000 DP853 steps, a few seconds): a
     * stiff or fast-oscillating LE-ODE (|eigenvalue of A/K|·horizon in the millions, e.g. an
     * impact of -1e9) would otherwise make the explicit reference crawl for hours.
     */
    public static final int MAX_EVALUATIONS = 10_000_000;

    private final LeOperator op;
    private final double relTol;
    private final int maxEvaluations;

    public LeOde(LeOperator op) {
        this(op, REL_TOL);
    }

    public LeOde(LeOperator op, double relTol) {
        this(op, relTol, MAX_EVALUATIONS);
    }

    /** With an explicit evaluation budget (tests, or callers that can afford more). */
    public LeOde(LeOperator op, double relTol, int maxEvaluations) {
        this.op = op;
        this.relTol = relTol;
        this.maxEvaluations = maxEvaluations;
    }

    /** The Hipparchus form of the equation (allocates per call, as Hipparchus expects). */
    public OrdinaryDifferentialEquation equation() {
        final int n = op.classes() * op.dim();
        final double invK = 1.0 / op.classes();
        final LeOperator.Kernel kernel = op.kernel();
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                // an overflowing solution must stop with the time and the class, not as Hipparchus'
                // "NaN appears during integration" (or an endless step-size search)
                BlowUpException.check(y, t);
                double[] d = new double[n];
                kernel.apply(t, invK, y, d);
                BlowUpException.check(d, t);
                return d;
            }
        };
    }

    /** X̄ at the given non-decreasing times (>= 0), starting from x0 at t = 0. */
    public double[][] solve(double[] x0, double[] times) {
        final int n = x0.length;
        double[][] out = new double[times.length][];
        double tEnd = 0;
        for (int i = 0; i < times.length; i++) {
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("times must be non-decreasing");
            }
            tEnd = Math.max(tEnd, times[i]);
        }
        int first = 0;
        while (first < times.length && times[first] <= 0) {
            out[first++] = x0.clone();
        }
        if (first == times.length) {
            return out;
        }
        double scale = 0;
        for (double v : x0) {
            scale = Math.max(scale, Math.abs(v));
        }
        double absTol = Math.max(scale, 1e-300) * relTol * 1e-3;
        ODEIntegrator integrator = new DormandPrince853Integrator(0.0, tEnd, absTol, relTol);
        integrator.setMaxEvaluations(maxEvaluations);
        final int[] next = {first};
        final double[] reached = {0.0};
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interp) {
                double t1 = interp.getCurrentState().getTime();
                reached[0] = t1;
                while (next[0] < times.length && times[next[0]] <= t1) {
                    out[next[0]] = interp.getInterpolatedState(times[next[0]]).getPrimaryState();
                    next[0]++;
                }
            }
        });
        try {
            integrator.integrate(equation(), new ODEState(0.0, x0.clone()), tEnd);
        } catch (BlowUpException e) {
            throw overflow(e.time(), e.component());
        } catch (RunFailedException e) {
            throw e;
        } catch (org.hipparchus.exception.MathIllegalStateException e)  {
            if (e.getSpecifier() == org.hipparchus.exception.LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                throw new RunFailedException(String.format(java.util.Locale.ROOT,
                        "LE-ODE needs more than %d DP853 evaluations (stopped at t = %.6g of %.6g): the impacts make it stiff"
                                + " or fast-oscillating (|rate|*horizon in the millions); reduce alpha/beta (or the impact"
                                + " matrix) or time.horizon", maxEvaluations, reached[0], tEnd), e);
            }
            throw new RunFailedException("LE-ODE integration failed: " + String.valueOf(e.getMessage()).replace('\n', ' ')
                    + "; shorten time.horizon or reduce the impacts", e);
        } catch (RuntimeException e) {
            throw new RunFailedException("LE-ODE integration failed: " + String.valueOf(e.getMessage()).replace('\n', ' ')
                    + "; shorten time.horizon or reduce the impacts", e);
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalStateException("time " + times[i] + " not reached");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(out[i][j])) {
                    throw overflow(times[i], j);
                }
            }
        }
        return out;
    }

    /**
     * The run-time error for an overflowing LE-ODE. The integrator is adaptive, so a smaller dt
     * would not help: the exact class means themselves leave the double range before the horizon.
     */
    private RunFailedException overflow(double t, int component) {
        return new RunFailedException(String.format(java.util.Locale.ROOT,
                "LE-ODE class means overflowed near t = %.6g in class %d (coordinate %d): the impacts make the means grow"
                        + " beyond the double range before time.horizon; shorten time.horizon or reduce alpha/beta"
                        + " (the DP853 step is adaptive, so a smaller dt does not help)",
                t, component / op.dim(), component % op.dim()));
    }

    /** X̄ at every step of a grid, as the table the mean closure uses. */
    public MeanTrajectory tabulate(double[] x0, TimeGrid grid) {
        int n = x0.length;
        double[] times = new double[grid.steps() + 1];
        for (int s = 0; s <= grid.steps(); s++) {
            times[s] = grid.time(s);
        }
        double[][] rows = solve(x0, times);
        double[] data = new double[times.length * n];
        for (int s = 0; s < rows.length; s++) {
            System.arraycopy(rows[s], 0, data, s * n, n);
        }
        return new MeanTrajectory(grid, n, data);
    }

    @Override
    public String toString() {
        return "LeOde[DP853, rtol=" + relTol + ", " + Arrays.asList(op.transform()) + "]";
    }
}
