package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.LeSystem;
import org.lesde.model.MeanTrajectory;
import org.lesde.modelfile.ModelFile;
import org.lesde.ode.LeOde;
import org.lesde.random.Streams;
import org.lesde.sde.NoiseType;
import org.lesde.sde.SdeSystem;
import org.lesde.sde.Solver;
import org.lesde.sde.TimeGrid;

/**
 * The step kernels (segmented affine driver, fused updates, lockstep blocks) give exactly the
 * states of a straightforward reference: one path at a time, one step at a time, the increment
 * drawn step by step from the path's stream, the drift increment and the diffusion composed
 * through scratch arrays ({@link SdeSystem}'s default composition, the textbook Milstein
 * correction). Compared bit for bit at every output row, on the bench workloads' models
 * (paper-k3, milstein-k10), a K = 10 logits model with power-law impacts and a state of 1600
 * components (the large-state blocks).
 */
class StepKernelIdentityTest {

    record Row(long path, int row, double t, double[] x) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "paper-k3     | 3  | 3  | {alpha: 2.0, beta: -0.5}                                                  | {type: additive, sigma: 1.0}      | mean | euler-maruyama | 2.0 | 0.01  | 20 | 70",
        "milstein-k10 | 10 | 10  | {alpha: 2.0, beta: -0.5}                                                  | {type: proportional, sigma: 1.0}  | self | milstein       | 0.5 | 0.005 | 10 | 37",
        "logits-k10   | 10 | 10  | {alpha: {powerlaw: {c: 2.0, r: 0.5}}, beta: {powerlaw: {c: -4.0, r: 0.5}}} | {type: additive, sigma: 0.5} | mean | euler-maruyama | 3.0 | 0.02 | 15 | 45",
        "k10-milstein-additive | 10 | 10  | {alpha: 2.0, beta: -0.5}                                         | {type: additive, sigma: 1.0}      | mean | milstein       | 1.0 | 0.01  | 7  | 33",
        "k10-self-em  | 10 | 10  | {alpha: 2.0, beta: -0.5}                                                  | {type: proportional, sigma: 0.5}  | self | euler-maruyama | 0.5 | 0.01  | 5  | 33",
        "k3-self-milstein  | 3  | 3  | {alpha: 2.0, beta: -0.5}                                          | {type: proportional, sigma: 1.0}  | self | milstein       | 0.5 | 0.005 | 5  | 9",
        "k7-self-milstein  | 7  | 7  | {alpha: 1.5, beta: -0.3}                                          | {type: proportional, sigma: 0.7}  | self | milstein       | 0.5 | 0.005 | 5  | 9",
        "k13-p16-milstein  | 13 | 16 | {alpha: 2.0, beta: -0.5}                                          | {type: proportional, sigma: 1.0}  | self | milstein       | 0.3 | 0.005 | 3  | 5",
        "k5-p8-centred     | 5  | 8  | {alpha: 2.0, beta: -0.5}                                          | {type: proportional, sigma: 1.0, centred: true} | self | milstein | 0.3 | 0.005 | 3 | 5",
        "k40-mean     | 40 | 40  | {alpha: 2.0, beta: -0.5}                                                  | {type: additive, sigma: 1.0}      | mean | euler-maruyama | 0.3 | 0.01  | 3  | 19",
    })
    void kernelsEqualTheReference(String name, int k, int dim, String impact, String noise, String closure, String solver,
            double horizon, double dt, int outputs, int paths) {
        LeModel m = ModelFile.parse("""
                classes: %d
                dim: %d
                impact: %s
                transform: residual-source
                noise: %s
                stepSize: 0.01
                closure: %s
                init: {random: {scale: 1.0}, spread: 0.05}
                time: {horizon: %s, dt: %s, outputs: %d}
                simulation: {paths: %d, solver: %s, seed: 7}
                """.formatted(k, dim, impact, noise, closure, horizon, dt, outputs, paths, solver), name, null, "test");
        TimeGrid grid = TimeGrid.of(horizon, dt, outputs);
        double[] mean0 = m.init().resolveMeans(k, dim, 1);
        LeOperator op = LeOperator.of(m);
        MeanTrajectory table = new LeOde(op).tabulate(mean0, grid);
        LeSystem sys = new LeSystem(op, new LeNoise(m.noise(), k, dim, m.stepSize()), m.closure(), table);
        Streams streams = Streams.of(7).child(Streams.PATHS);
        double spread = 0.05;
        Solver s = m.simulation().solver();

        List<Row> got = new ArrayList<>();
        new LePathWorker(sys, s.stepper().orElseThrow(), streams, mean0, spread, grid)
                .runPaths(0, paths, (p, row, t, x) -> got.add(new Row(p, row, t, x.clone())), () -> false);

        List<Row> want = new ArrayList<>();
        boolean milstein = s == Solver.MILSTEIN && sys.noiseType() == NoiseType.DIAGONAL;
        SdeSystem ref = sys.copyForThread();
        for (long p = 0; p < paths; p++) {
            referencePath(ref, milstein, streams, p, mean0, spread, grid, want);
        }
        assertEquals(want.size(), got.size());
        // the worker reports per output row the paths of a block in order: compare by (path, row)
        want.sort((a, b) -> a.path != b.path ? Long.compare(a.path, b.path) : Integer.compare(a.row, b.row));
        got.sort((a, b) -> a.path != b.path ? Long.compare(a.path, b.path) : Integer.compare(a.row, b.row));
        for (int i = 0; i < want.size(); i++) {
            Row w = want.get(i);
            Row g = got.get(i);
            assertEquals(w.path, g.path);
            assertEquals(w.row, g.row);
            assertEquals(w.t, g.t);
            for (int j = 0; j < w.x.length; j++) {
                assertEquals(Double.doubleToRawLongBits(w.x[j]), Double.doubleToRawLongBits(g.x[j]),
                        name + ": path " + w.path + " row " + w.row + " coordinate " + j);
            }
        }
    }

    /** One path, one step at a time (the step loop of lesde 0.1 without any fusion or blocking). */
    static void referencePath(SdeSystem sys, boolean milstein, Streams streams, long path, double[] mean0, double spread,
            TimeGrid grid, List<Row> out) {
        int n = sys.dimension();
        ZigguratSampler.NormalizedGaussian normal = Streams.normal(streams.stream(path));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean0[i] + spread * normal.sample();
        }
        double[] dW = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        double[] g = new double[n];
        double[] dg = new double[n];
        int next = 0;
        if (grid.outputStep(0) == 0) {
            out.add(new Row(path, 0, 0.0, x.clone()));
            next = 1;
        }
        double dt = grid.dt();
        double sq = Math.sqrt(dt);
        for (int step = 0; step < grid.steps(); step++) {
            double t = grid.time(step);
            for (int i = 0; i < n; i++) {
                dW[i] = sq * normal.sample();
            }
            sys.driftIncrement(t, dt, x, a);
            if (milstein) {
                sys.diagonalDiffusion(t, x, g, dg);
                for (int i = 0; i < n; i++) {
                    double w = dW[i];
                    x[i] += a[i] + g[i] * w + 0.5 * g[i] * dg[i] * (w * w - dt);
                }
            } else {
                sys.diffusion(t, x, dW, b);
                for (int i = 0; i < n; i++) {
                    x[i] += a[i] + b[i];
                }
            }
            if (next < grid.outputs() && step + 1 == grid.outputStep(next)) {
                out.add(new Row(path, next, grid.time(step + 1), x.clone()));
                next++;
            }
        }
    }
}
