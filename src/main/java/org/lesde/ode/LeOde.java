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

    /** Receives the solution at one requested time (the array may be reused: copy what you keep). */
    @FunctionalInterface
    public interface Sink {
        void accept(int index, double[] state);
    }

    /** X̄ at the given non-decreasing times (>= 0), starting from x0 at t = 0. */
    public double[][] solve(double[] x0, double[] times) {
        double[][] out = new double[times.length][];
        solve(x0, times, (i, state) -> out[i] = state.clone());
        return out;
    }

    /**
     * X̄ at the given non-decreasing times (>= 0), starting from x0 at t = 0, handed to
     * {@code sink} in time order as soon as each is known (so a caller can store the rows where it
     * wants, without an intermediate copy). Every row is checked to be finite.
     */
    public void solve(double[] x0, double[] times, Sink sink) {
        final int n = x0.length;
        double tEnd = 0;
        for (int i = 0; i < times.length; i++) {
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("times must be non-decreasing");
            }
            tEnd = Math.max(tEnd, times[i]);
        }
        final Sink checked = (i, state) -> {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(state[j])) {
                    throw overflow(times[i], j);
                }
            }
            sink.accept(i, state);
        };
        int first = 0;
        while (first < times.length && times[first] <= 0) {
            checked.accept(first++, x0);
        }
        if (first == times.length) {
            return;
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
                    checked.accept(next[0], interp.getInterpolatedState(times[next[0]]).getPrimaryState());
                    next[0]++;
                }
            }
        });
        try {
            integrator.integrate(equation(), new ODEState(0.0, x0.clone()), tEnd);
        } catch (BlowUpException e) {
            // the failing stage's time is NaN when the adaptive step size itself overflowed: then
            // report the last time the integrator reached
            throw overflow(Double.isFinite(e.time()) ? e.time() : reached[0], e.component());
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
        if (next[0] < times.length) {
            throw new IllegalStateException("time " + times[next[0]] + " not reached");
        }
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

    /**
     * X̄ at every step of a grid, as the table the mean closure uses: (steps + 1)·K·p doubles,
     * written straight into the one flat table (no second copy of the rows).
     */
    public MeanTrajectory tabulate(double[] x0, TimeGrid grid) {
        int n = x0.length;
        long size = (long) (grid.steps() + 1) * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new RunFailedException("the LE-ODE table of the mean closure needs (steps + 1)·K·p = " + size
                    + " values, more than one array holds: reduce time.horizon/time.dt or the model size");
        }
        double[] times = new double[grid.steps() + 1];
        for (int s = 0; s <= grid.steps(); s++) {
            times[s] = grid.time(s);
        }
        double[] data = new double[(int) size];
        solve(x0, times, (s, state) -> System.arraycopy(state, 0, data, s * n, n));
        return new MeanTrajectory(grid, n, data);
    }

    @Override
    public String toString() {
        return "LeOde[DP853, rtol=" + relTol + ", " + Arrays.asList(op.transform()) + "]";
    }
}
