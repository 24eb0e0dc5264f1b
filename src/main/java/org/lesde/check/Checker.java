package org.lesde.check;

import java.util.ArrayList;
import java.util.List;

import org.lesde.Require;
import org.lesde.analytic.ClosedForm;
import org.lesde.analytic.EulerMap;
import org.lesde.analytic.Spectrum;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.ode.LeOde;
import org.lesde.sde.TimeGrid;
import org.lesde.sim.Assembly;

/**
 * The analytic checker behind {@code lesde check}: compares, for one model,
 * <ol>
 * <li>the closed form of the LE-ODE against Hipparchus DP853 (rtol 1e-12) at the output times —
 *     or, when no closed form applies, DP853 against a tighter DP853 (rtol 1e-13) — tolerance
 *     {@value #ODE_TOL} relative;</li>
 * <li>the dt-step Euler map of the LE-ODE and the official unit-step map against that reference:
 *     an O(Δ) error is expected, and the tolerance is twice the first-order error estimate
 *     (Δ/2)·|ξ(t)| of {@link EulerMap#firstOrderError} (max over the sampled times), so the check
 *     fails when the map is outside its asymptotic first-order regime;</li>
 * <li>the closed-form spectrum of A(t)/K with multiplicities against EJML's eigenvalues of the
 *     dense matrix (t = 0, and t = horizon for time-varying impacts), tolerance
 *     {@value #EIGEN_TOL}·max(1, spectral radius);</li>
 * <li>for the mean closure with additive-type noise: the LE-SDE ensemble (the model's solver and
 *     the exact sampler) against the exact Gaussian law, as z-scores of the mean at every output
 *     row and coordinate, and of the variances (every row) and cross-covariances (two rows, the
 *     first {@value #COV_COORDS} coordinates); the threshold is the Bonferroni bound for a
 *     family-wise false-alarm probability {@value #FAMILY_ALPHA} per check.</li>
 * </ol>
 * The {@link Options#injectError} seam multiplies the DP853 solution by (1 + ε) to demonstrate
 * that the checker fails on a wrong reference.
 */
public final class Checker {
    public static final double ODE_TOL = 1e-9;
    public static final double TIGHT_RTOL = 1e-13;
    public static final double EIGEN_TOL = 1e-9;
    public static final double FAMILY_ALPHA = 1e-3;
    public static final int COV_COORDS = 24;
    /** Euler-map tolerance = this factor × the first-order error estimate. */
    public static final double EULER_FACTOR = 2.0;

    private Checker() {
    }

    /**
     * Overrides (null = the model's value) and the error-injection seam.
     *
     * @param injectError relative perturbation applied to the DP853 reference (0 = none)
     */
    public record Options(Integer paths, Long seed, Integer threads, double injectError) {
        public static Options defaults() {
            return new Options(null, null, null, 0);
        }
    }

    /** All results of one run, and the notes (which closed form applied, what was skipped and why). */
    public record Report(LeModel model, List<CheckResult> results, List<String> notes, double seconds) {
        public boolean passed() {
            return results.stream().allMatch(CheckResult::pass);
        }
    }

    /** Fewest paths the ensemble checks accept (a sample variance needs two). */
    public static final int MIN_PATHS = 2;

    /**
     * The one paths rule of {@code check}, for the model file and {@code --paths} alike: at least
     * {@value #MIN_PATHS}, naming the field the value came from.
     */
    public static void requirePaths(LeModel model, Integer paths) {
        String field = paths != null ? "--paths" : "simulation.paths";
        int v = paths != null ? paths : model.simulation().paths();
        Require.that(v >= MIN_PATHS, field + " must be >= " + MIN_PATHS + " for check (a sample variance needs two paths), got "
                + v);
    }

    public static Report run(LeModel model, Options o) {
        long start = System.nanoTime();
        requirePaths(model, o.paths());
        LeModel.Simulation s0 = model.simulation();
        LeModel m = model.withSimulation(new LeModel.Simulation(o.paths() != null ? o.paths() : s0.paths(), s0.solver(),
                o.seed() != null ? o.seed() : s0.seed(), o.threads() != null ? o.threads() : s0.threads(), 0));
        List<CheckResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Assembly a = Assembly.of(m);
        LeOperator op = a.operator();
        double[] x0 = a.mean0();
        TimeGrid grid = a.grid();
        double[] times = grid.outputTimes();

        // 1. closed form (or tight reference) vs DP853
        double[][] dp = new LeOde(op).solve(x0, times);
        if (o.injectError() != 0) {
            notes.add("the DP853 reference is deliberately perturbed by a relative " + o.injectError() + " (--inject-error)");
            for (double[] row : dp) {
                for (int i = 0; i < row.length; i++) {
                    row[i] *= 1 + o.injectError();
                }
            }
        }
        ClosedForm cf = ClosedForm.of(op);
        Reference ref;
        if (cf.applies()) {
            notes.add("closed form: " + cf.description());
            ref = new Reference("closed form", CheckResult.CLOSED_FORM, tt -> cf.solve(x0, tt));
            double[][] c = ref.solve(times);
            double[] e = errors(dp, c);
            results.add(CheckResult.of("LE-ODE: closed form vs DP853 (rtol 1e-12)", ref.method, e[0], e[1], ODE_TOL,
                    "max_rel_err", e[1], "relative error max_t ||DP853 − closed form||∞ / ||closed form||∞ over "
                            + times.length + " output times"));
        } else {
            notes.add("no closed form applies (" + cf.description() + "); the reference is DP853 with rtol "
                    + TIGHT_RTOL);
            LeOde tight = new LeOde(op, TIGHT_RTOL);
            ref = new Reference("DP853 rtol 1e-13", CheckResult.NUMERICAL, tt -> tight.solve(x0, tt));
            double[][] c = ref.solve(times);
            double[] e = errors(dp, c);
            results.add(CheckResult.of("LE-ODE: DP853 (rtol 1e-12) vs DP853 (rtol 1e-13)", ref.method, e[0], e[1], ODE_TOL,
                    "max_rel_err", e[1], "no closed form: " + cf.description()));
        }
        double[][] refRows = ref.solve(times);

        // 2. Euler maps
        int[] outSteps = new int[times.length];
        for (int r = 0; r < times.length; r++) {
            outSteps[r] = grid.outputStep(r);
        }
        results.add(euler("LE-ODE: Euler map dt=" + fmt(grid.dt()) + " (rates at the old index, A(t_n) for t_n → t_n+dt) vs "
                + ref.name, op, x0, grid.dt(), grid.steps(), outSteps, times, refRows, ref.method,
                "first-order (O(dt)) map, the steppers' convention", false));
        int units = (int) Math.floor(m.time().horizon() + 1e-9);
        if (units >= 1) {
            int samples = Math.min(units, 200);
            int[] steps = new int[samples + 1];
            double[] ut = new double[samples + 1];
            for (int i = 0; i <= samples; i++) {
                steps[i] = (int) Math.round((double) i * units / samples);
                ut[i] = steps[i];
            }
            results.add(euler("LE-ODE: unit-step Euler map (official code: rates at the new index, A(m) for m−1 → m) vs "
                    + ref.name, op, x0, 1.0, units, steps, ut, ref.solve(ut), ref.method,
                    "informative: the official fwd_euler X(m) = X(m−1) + A(m)X(m−1)/K, as fit's replay", true));
        } else {
            notes.add("unit-step Euler map skipped: horizon < 1");
        }

        // 3. spectra
        spectrum(op, 0.0, results, notes);
        if (!m.impact().isConstant()) {
            spectrum(op, m.time().horizon(), results, notes);
        }

        // 4. SDE ensembles vs their laws (docs/theory.md#38-the-ensemble-z-tests)
        EnsembleChecks.run(m, op, x0, grid, times, refRows, ref.method, results, notes);
        return new Report(m, results, notes, (System.nanoTime() - start) / 1e9);
    }

    /** A reference solution X̄ at given times, with its label. */
    private record Reference(String name, String method, java.util.function.Function<double[], double[][]> solver) {
        double[][] solve(double[] times) {
            return solver.apply(times);
        }
    }

    private static CheckResult euler(String name, LeOperator op, double[] x0, double dt, int steps, int[] sampleSteps,
            double[] times, double[][] ref, String method, String what, boolean newIndex) {
        double[][] e = EulerMap.run(op, x0, dt, steps, sampleSteps, newIndex);
        double[][] est = EulerMap.firstOrderError(op, x0, dt, times, newIndex);
        double[] err = errors(e, ref);
        double estMax = 0;
        double scale = 0;
        for (int r = 0; r < est.length; r++) {
            for (int i = 0; i < est[r].length; i++) {
                estMax = Math.max(estMax, Math.abs(est[r][i]));
                scale = Math.max(scale, Math.abs(ref[r][i]));
            }
        }
        int last = times.length - 1;
        double finalErr = 0;
        double finalEst = 0;
        for (int i = 0; i < x0.length; i++) {
            finalErr = Math.max(finalErr, Math.abs(e[last][i] - ref[last][i]));
            finalEst = Math.max(finalEst, Math.abs(est[last][i]));
        }
        double tol = EULER_FACTOR * estMax + 1e-12 * scale;
        return CheckResult.of(name, method, err[0], err[1], tol, "max_abs_err", err[0], what + "; tolerance = "
                + fmt(EULER_FACTOR) + " x first-order estimate (dt/2)|xi| = " + fmt(estMax) + "; at t = " + fmt(times[last])
                + ": error " + fmt(finalErr) + ", estimate " + fmt(finalEst));
    }

    private static void spectrum(LeOperator op, double t, List<CheckResult> results, List<String> notes) {
        String label = "spectrum of A(" + fmt(t) + ")/K";
        List<Spectrum.Eigenvalue> closed = Spectrum.closedForm(op, t);
        if (closed == null) {
            notes.add(label + " skipped: no closed-form spectrum for per-class-pair matrix transforms");
            return;
        }
        long n = (long) op.classes() * op.dim();
        if (n > ClosedForm.DENSE_LIMIT) {
            notes.add(label + " skipped: K·p = " + n + " > " + ClosedForm.DENSE_LIMIT + " (dense eigen-decomposition too large)");
            return;
        }
        List<double[]> expected = Spectrum.expand(closed);
        List<double[]> actual = Spectrum.numeric(op, t);
        double d = Spectrum.maxMatchedDistance(expected, actual);
        double rho = 0;
        for (double[] z : expected) {
            rho = Math.max(rho, Math.hypot(z[0], z[1]));
        }
        double scale = Math.max(1, rho);
        results.add(CheckResult.of(label + ": closed form vs EJML", CheckResult.CLOSED_FORM, d, d / scale,
                EIGEN_TOL * scale, "max_abs_err", d, "closed form " + closed));
    }

    /** Two-sided Bonferroni critical |z| for {@code tests} tests at family-wise level {@link #FAMILY_ALPHA}. */
    public static double zCritical(int tests) {
        return EnsembleTests.zCritical(tests);
    }

    /** {max |a − b|, max_row ||a − b||∞ / ||b||∞}. */
    static double[] errors(double[][] a, double[][] b) {
        double abs = 0;
        double rel = 0;
        for (int r = 0; r < a.length; r++) {
            double e = 0;
            double s = 0;
            for (int i = 0; i < a[r].length; i++) {
                e = Math.max(e, Math.abs(a[r][i] - b[r][i]));
                s = Math.max(s, Math.abs(b[r][i]));
            }
            abs = Math.max(abs, e);
            rel = Math.max(rel, s == 0 ? (e == 0 ? 0 : Double.POSITIVE_INFINITY) : e / s);
        }
        return new double[] {abs, rel};
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return String.format("%.3g", v);
    }
}
