package org.lesde.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lesde.analytic.EulerMap;
import org.lesde.analytic.GaussianLaw;
import org.lesde.analytic.SecondMoments;
import org.lesde.analytic.SelfClosureLaw;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.model.Noise;
import org.lesde.ode.LeOde;
import org.lesde.sde.Solver;
import org.lesde.sde.TimeGrid;
import org.lesde.sim.Moments;
import org.lesde.sim.Progress;
import org.lesde.sim.Simulation;
import org.lesde.sim.Summaries;

/**
 * The ensemble rows of {@code check} (docs/theory.md#38-the-ensemble-z-tests): the LE-SDE ensemble of
 * the model's solver, and of the exact sampler where it applies, against
 * <ul>
 * <li>mean closure, additive-type noise: the exact Gaussian law ({@link GaussianLaw});</li>
 * <li>self closure, additive-type noise: the exact law of the continuous SDE
 *     ({@link SelfClosureLaw}) and, for a stepper, the exact law of its discrete map at the model's
 *     dt — the map's rows are strict, the continuous rows of a stepper allow
 *     {@link Checker#EULER_FACTOR} × the map's O(dt) bias;</li>
 * <li>self closure, proportional noise, K·p ≤ {@link SecondMoments#LIMIT}: the first and second
 *     moments of the continuous SDE and of the map (means and variances).</li>
 * </ul>
 */
final class EnsembleChecks {
    private EnsembleChecks() {
    }

    static void run(LeModel m, LeOperator op, double[] x0, TimeGrid grid, double[] times, double[][] ref, String method,
            List<CheckResult> results, List<String> notes) {
        switch (m.closure()) {
            case MEAN -> mean(m, times, ref, method, results, notes);
            case SELF -> self(m, op, x0, grid, times, ref, method, results, notes);
            case ENSEMBLE -> notes.add("LE-SDE law checks skipped: closure ensemble (interacting paths: no exact law)");
        }
    }

    private static void mean(LeModel m, double[] times, double[][] ref, String method, List<CheckResult> results,
            List<String> notes) {
        String why = GaussianLaw.whyNot(m);
        if (why != null) {
            notes.add("LE-SDE law checks skipped: " + why);
            return;
        }
        GaussianLaw gl = new GaussianLaw(m);
        EnsembleTests.Law law = new EnsembleTests.Law() {
            @Override
            public double mean(int row, int i) {
                return ref[row][i];
            }

            @Override
            public double covariance(int row, int i, int j) {
                return gl.covariance(times[row], i, j);
            }
        };
        for (Solver sk : solvers(m)) {
            Sample s = Sample.run(m, sk, times.length, true);
            String who = who(sk);
            add(results, "LE-SDE " + who + ": ensemble mean vs exact law", method, EnsembleTests.means(law, null, s,
                    times.length, m.stateDim()), s, "(m − X̄(t))/sqrt(Var/N)");
            add(results, "LE-SDE " + who + ": ensemble covariance vs exact law", CheckResult.CLOSED_FORM,
                    EnsembleTests.covariances(law, null, s, times.length, m.stateDim(), true), s,
                    covWhat(s) + " against spread²·I + h∫Σ");
        }
        if (!gl.isNoiseConstant() && m.simulation().solver() != Solver.EXACT) {
            notes.add("time-varying noise scale: the steppers integrate s(t)² by a left Riemann sum, an O(dt)"
                    + " bias in the covariance that the z-test may detect with many paths (the exact sampler has none)");
        }
    }

    private static void self(LeModel m, LeOperator op, double[] x0, TimeGrid grid, double[] times, double[][] ref,
            String method, List<CheckResult> results, List<String> notes) {
        int rows = times.length;
        int n = m.stateDim();
        int[] outSteps = new int[rows];
        for (int r = 0; r < rows; r++) {
            outSteps[r] = grid.outputStep(r);
        }
        Solver solver = m.simulation().solver();
        boolean stepper = solver.stepper().isPresent();
        String mapName = "the " + solver.key() + " map at dt=" + Checker.fmt(grid.dt());
        if (m.noise() instanceof Noise.Proportional) {
            String why = SecondMoments.whyNot(m);
            if (why != null) {
                notes.add("LE-SDE moment checks skipped: " + why);
                return;
            }
            SecondMoments sm = new SecondMoments(m);
            SecondMoments.Table cont = sm.continuous(x0, times);
            double[][] xbar = null;
            if (((Noise.Proportional) m.noise()).centred()) {
                double[] st = new double[grid.steps() + 1];
                for (int i = 0; i <= grid.steps(); i++) {
                    st[i] = grid.time(i);
                }
                xbar = new LeOde(op).solve(x0, st);
            }
            SecondMoments.Table map = sm.map(x0, grid, solver == Solver.MILSTEIN, xbar);
            boolean fourth = n <= SecondMoments.FOURTH_LIMIT;
            double[][] mu4 = fourth ? sm.centralFourth(x0, times) : null;
            EnsembleTests.Law contLaw = law(ref, (r, i, j) -> cont.covariance(r, i, j), mu4);
            EnsembleTests.Law mapLaw = law(map.mean(), (r, i, j) -> map.covariance(r, i, j), mu4);
            notes.add("proportional noise, self closure: the references are the first and second moments (dense (K·p)²"
                    + " system, DP853 rtol 1e-12, and the " + solver.key() + " map's moment recursion); the variance"
                    + " z-scores use the continuous law's fourth moments (n⁴ tensor system) for sd(s²)"
                    + (fourth ? "" : " — skipped: K·p = " + n + " > " + SecondMoments.FOURTH_LIMIT));
            Sample s = Sample.run(m, solver, rows, false);
            String who = who(solver);
            add(results, "LE-SDE " + who + ": ensemble mean vs exact moments of " + mapName, CheckResult.NUMERICAL,
                    EnsembleTests.means(mapLaw, null, s, rows, n), s, "(m − E_map[X])/sqrt(Var/N)");
            if (fourth) {
                add(results, "LE-SDE " + who + ": ensemble variances vs exact moments of " + mapName, CheckResult.NUMERICAL,
                        EnsembleTests.covariances(mapLaw, null, s, rows, n, false), s, "(s² − Var_map)/sd(s²)");
            }
            add(results, "LE-SDE " + who + ": ensemble mean vs exact moments of the continuous SDE (± "
                    + Checker.fmt(Checker.EULER_FACTOR) + "x the map's bias)", method,
                    EnsembleTests.means(contLaw, mapLaw, s, rows, n), s, maxRaw(contLaw, s, rows, n) + "; beyond "
                            + Checker.fmt(Checker.EULER_FACTOR) + "x |E_map − E|");
            if (fourth) {
                add(results, "LE-SDE " + who + ": ensemble variances vs exact moments of the continuous SDE (± "
                        + Checker.fmt(Checker.EULER_FACTOR) + "x the map's bias)", CheckResult.NUMERICAL,
                        EnsembleTests.covariances(contLaw, mapLaw, s, rows, n, false), s,
                        "(s² − Var)/sd(s²) beyond the map's bias, Var from dP/dt = LP + PLᵀ + hσ²diag(P + mmᵀ)");
            }
            return;
        }
        String why = SelfClosureLaw.whyNot(m);
        if (why != null) {
            notes.add("LE-SDE law checks skipped: " + why);
            return;
        }
        SelfClosureLaw sl = new SelfClosureLaw(m);
        notes.add("self-closure exact law: " + sl.description());
        SelfClosureLaw.Covariances cont = sl.covariances(SelfClosureLaw.Law.CONTINUOUS, grid);
        EnsembleTests.Law contLaw = law(ref, cont::covariance);
        if (stepper) {
            SelfClosureLaw.Covariances mc = sl.covariances(SelfClosureLaw.Law.EULER_MARUYAMA, grid);
            double[][] mapMean = EulerMap.run(op, x0, grid.dt(), grid.steps(), outSteps);
            EnsembleTests.Law mapLaw = law(mapMean, mc::covariance);
            Sample s = Sample.run(m, solver, rows, true);
            String who = who(solver);
            add(results, "LE-SDE " + who + ": ensemble mean vs exact law of " + mapName, CheckResult.NUMERICAL,
                    EnsembleTests.means(mapLaw, null, s, rows, n), s, "(m − E_map[X])/sqrt(Var/N), E_map the Euler map");
            add(results, "LE-SDE " + who + ": ensemble covariance vs exact law of " + mapName, CheckResult.NUMERICAL,
                    EnsembleTests.covariances(mapLaw, null, s, rows, n, true), s,
                    covWhat(s) + " against P ← (I + dtL)P(I + dtL)ᵀ + h dt Σ");
            add(results, "LE-SDE " + who + ": ensemble mean vs exact law of the continuous SDE (± "
                    + Checker.fmt(Checker.EULER_FACTOR) + "x the map's bias)", method,
                    EnsembleTests.means(contLaw, mapLaw, s, rows, n), s, maxRaw(contLaw, s, rows, n) + "; beyond "
                            + Checker.fmt(Checker.EULER_FACTOR) + "x |E_map − X̄|");
            add(results, "LE-SDE " + who + ": ensemble covariance vs exact law of the continuous SDE (± "
                    + Checker.fmt(Checker.EULER_FACTOR) + "x the map's bias)", CheckResult.CLOSED_FORM,
                    EnsembleTests.covariances(contLaw, mapLaw, s, rows, n, true), s,
                    covWhat(s) + " against dP/dt = LP + PLᵀ + hΣ, beyond the map's bias");
        }
        Sample s = Sample.run(m, Solver.EXACT, rows, true);
        add(results, "LE-SDE exact sampler: ensemble mean vs exact law of the continuous SDE", method,
                EnsembleTests.means(contLaw, null, s, rows, n), s, "(m − X̄(t))/sqrt(Var/N)");
        add(results, "LE-SDE exact sampler: ensemble covariance vs exact law of the continuous SDE", CheckResult.CLOSED_FORM,
                EnsembleTests.covariances(contLaw, null, s, rows, n, true), s,
                covWhat(s) + " against dP/dt = LP + PLᵀ + hΣ");
    }

    private static String maxRaw(EnsembleTests.Law law, Sample s, int rows, int n) {
        EnsembleTests.Family raw = EnsembleTests.means(law, null, s, rows, n);
        return "raw max |z| " + Checker.fmt(raw.maxZ()) + " (the discretisation bias)";
    }

    @FunctionalInterface
    interface Cov {
        double at(int row, int i, int j);
    }

    private static EnsembleTests.Law law(double[][] mean, Cov cov) {
        return law(mean, cov, null);
    }

    private static EnsembleTests.Law law(double[][] mean, Cov cov, double[][] mu4) {
        return new EnsembleTests.Law() {
            @Override
            public double fourth(int row, int i) {
                return mu4 == null ? Double.NaN : mu4[row][i];
            }

            @Override
            public double mean(int row, int i) {
                return mean[row][i];
            }

            @Override
            public double covariance(int row, int i, int j) {
                return cov.at(row, i, j);
            }
        };
    }

    private static List<Solver> solvers(LeModel m) {
        List<Solver> l = new ArrayList<>();
        if (m.simulation().solver() != Solver.EXACT) {
            l.add(m.simulation().solver());
        }
        l.add(Solver.EXACT);
        return l;
    }

    private static String who(Solver sk) {
        return sk == Solver.EXACT ? "exact sampler" : sk.key();
    }

    private static String covWhat(Sample s) {
        return "of variances (all rows, exact χ² law) and cross-covariances (rows "
                + Arrays.toString(s.covarianceRows()) + ", first " + s.covarianceCoordinates()
                + " coordinates, χ² law of the standardised sum and difference)";
    }

    private static void add(List<CheckResult> results, String name, String method, EnsembleTests.Family f, Sample s,
            String what) {
        boolean z = f.tests() > 0;
        String detail = s.paths() + " paths; " + f.tests() + " z-scores " + what + ", Bonferroni bound for family-wise alpha "
                + Checker.FAMILY_ALPHA + (f.deterministicFailures() > 0 ? "; " + f.deterministicFailures()
                        + " zero-variance coordinate(s) deviate (sample variance or mean not zero to rounding)" : "")
                + (z ? "" : "; the law has zero variance everywhere: the sample variance must be zero and the mean exact")
                + (f.heavyTailed() > 0 ? "; " + f.heavyTailed() + " variances not z-tested: the law's kurtosis makes"
                        + " (κ − 1)/N > " + EnsembleTests.HEAVY_TAIL + " (s² far from normal)" : "");
        results.add(new CheckResult(name, method, f.maxAbs(), f.maxRel(), z ? f.bound() : 1e-9, z ? "max_z" : "max_abs_err",
                f.value(), f.pass(), detail));
    }

    /** One ensemble run's statistics. */
    static final class Sample implements EnsembleTests.Sample {
        private final long paths;
        private final Moments mom;
        private final CrossMoments cm;

        Sample(long paths, Moments mom, CrossMoments cm) {
            this.paths = paths;
            this.mom = mom;
            this.cm = cm;
        }

        static Sample run(LeModel m, Solver solver, int rows, boolean gaussian) {
            int n = m.stateDim();
            int mc = Math.min(n, Checker.COV_COORDS);
            int[] covRows = rows > 2 ? new int[] {(rows - 1) / 2, rows - 1} : new int[] {rows - 1};
            LeModel.Simulation s = m.simulation();
            LeModel ms = m.withSimulation(new LeModel.Simulation(s.paths(), solver, s.seed(), s.threads(), 0));
            List<Summaries.Summary<?>> extra = gaussian ? List.of(CrossMoments.summary(covRows, mc)) : List.of();
            Simulation.Config cfg = new Simulation.Config(0, ctx -> extra, ctx -> List.of(), Progress.NONE);
            Simulation.Result r = Simulation.run(ms, cfg);
            return new Sample(s.paths(), r.sde(), gaussian ? r.sdeMonitors().find(CrossMoments.class) : null);
        }

        @Override
        public long paths() {
            return paths;
        }

        @Override
        public double mean(int row, int i) {
            return mom.mean(row, i);
        }

        @Override
        public double variance(int row, int i) {
            return mom.variance(row, i) * paths / (paths - 1);
        }

        @Override
        public double covariance(int row, int i, int j) {
            int[] cr = cm.rows();
            for (int slot = 0; slot < cr.length; slot++) {
                if (cr[slot] == row) {
                    return cm.covariance(slot, i, j);
                }
            }
            throw new IllegalArgumentException("no cross moments at row " + row);
        }

        @Override
        public int[] covarianceRows() {
            return cm == null ? new int[0] : cm.rows();
        }

        @Override
        public int covarianceCoordinates() {
            return cm == null ? 0 : cm.size();
        }

    }
}
