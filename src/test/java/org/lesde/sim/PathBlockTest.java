package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

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
import org.lesde.sde.TimeGrid;

/**
 * Lockstep blocks change no number: a worker's block run of paths 0..m-1 reports exactly the
 * states of the paths run one at a time, in the documented order (per path rows increasing; per
 * row paths increasing).
 */
class PathBlockTest {
    record Obs(long path, int row, double t, double[] x) {
    }

    @ParameterizedTest(name = "K=p={0}, {1} closure, {2}")
    @CsvSource({"40, mean, euler-maruyama", "40, self, euler-maruyama", "33, self, milstein", "3, mean, euler-maruyama"})
    void blocksEqualOnePathAtATime(int k, String closure, String solver) {
        String noise = solver.equals("milstein") ? "{type: proportional, sigma: 0.5}" : "{type: additive, sigma: 1.0}";
        LeModel m = ModelFile.parse("""
                classes: %d
                impact: {alpha: 2.0, beta: -0.5}
                transform: residual-source
                noise: %s
                stepSize: 0.01
                closure: %s
                init: {random: {scale: 1.0}, spread: 0.1}
                time: {horizon: 0.1, dt: 0.01, outputs: 5}
                simulation: {paths: 11, solver: %s}
                """.formatted(k, noise, closure, solver), "block", null, "test");
        TimeGrid grid = TimeGrid.of(0.1, 0.01, 5);
        double[] mean0 = m.init().resolveMeans(k, k, 1);
        LeOperator op = LeOperator.of(m);
        MeanTrajectory table = new LeOde(op).tabulate(mean0, grid);
        LeSystem sys = new LeSystem(op, new LeNoise(m.noise(), k, k, m.stepSize()), m.closure(), table);
        Streams streams = Streams.of(5).child(Streams.PATHS);
        LePathWorker blocked = new LePathWorker(sys, m.simulation().solver().stepper().orElseThrow(), streams, mean0, 0.1, grid);
        LePathWorker single = new LePathWorker(sys, m.simulation().solver().stepper().orElseThrow(), streams, mean0, 0.1, grid);
        int paths = 11;
        List<Obs> a = new ArrayList<>();
        blocked.runPaths(0, paths, (p, row, t, x) -> a.add(new Obs(p, row, t, x.clone())), () -> false);
        List<Obs> b = new ArrayList<>();
        for (long p = 0; p < paths; p++) {
            final long path = p;
            single.runPath(path, (row, t, x) -> b.add(new Obs(path, row, t, x.clone())));
        }
        assertEquals(b.size(), a.size());
        assertTrue(LePathWorker.blockSize(k * k) >= 1);
        for (Obs o : a) {
            Obs ref = b.stream().filter(q -> q.path == o.path && q.row == o.row).findFirst().orElseThrow();
            assertEquals(ref.t, o.t);
            for (int i = 0; i < o.x.length; i++) {
                assertEquals(Double.doubleToRawLongBits(ref.x[i]), Double.doubleToRawLongBits(o.x[i]),
                        "path " + o.path + " row " + o.row + " coord " + i);
            }
        }
        // per row, paths arrive in increasing order; per path, rows increase
        for (int i = 1; i < a.size(); i++) {
            for (int j = 0; j < i; j++) {
                Obs x = a.get(j);
                Obs y = a.get(i);
                if (x.row == y.row) {
                    assertTrue(x.path < y.path);
                }
                if (x.path == y.path) {
                    assertTrue(x.row < y.row);
                }
            }
        }
    }
}
