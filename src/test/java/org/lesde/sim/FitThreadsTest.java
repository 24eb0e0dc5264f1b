package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/**
 * Few expensive paths are split over the cores, and each thread keeps chunk summaries in flight:
 * when those would not fit the heap, the run uses fewer threads (same results) instead of being
 * refused; it is refused only when one thread does not fit either.
 */
class FitThreadsTest {
    static final LeModel MODEL = ModelFile.parse("""
            classes: 40
            impact: {alpha: 2.0, beta: -0.5}
            transform: residual-source
            noise: {type: additive, sigma: 1.0}
            stepSize: 0.01
            init: {random: {scale: 1.0}}
            time: {horizon: 1.0, dt: 0.01, outputs: 100}
            simulation: {paths: 8, threads: 2}
            """, "fit", null, "test");

    static LeModel threads(int t) {
        LeModel.Simulation s = MODEL.simulation();
        return MODEL.withSimulation(new LeModel.Simulation(s.paths(), s.solver(), s.seed(), t, s.sgdParticles()));
    }

    @Test
    void fewerThreadsWhenTheSummariesInFlightDoNotFit() {
        double one = MemoryEstimate.forSimulation(threads(1), 5).total();
        double two = MemoryEstimate.forSimulation(threads(2), 5).total();
        assertTrue(two > one, one + " vs " + two);
        assertSame(MODEL, Simulation.fitThreads(MODEL, 5, (long) (two + 1)));
        LeModel fitted = Simulation.fitThreads(MODEL, 5, (long) ((one + two) / 2));
        assertEquals(1, fitted.simulation().threads());
        assertThrows(BadInputException.class, () -> Simulation.fitThreads(MODEL, 5, (long) (one / 2)));
    }
}
