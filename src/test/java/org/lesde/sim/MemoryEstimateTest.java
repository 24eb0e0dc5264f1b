package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/** The heap estimate follows the allocations of Simulation.run and refuses runs above the limit. */
class MemoryEstimateTest {
    static final String MODEL = """
            name: m
            classes: 10
            impact: {alpha: 1.0, beta: -0.1}
            transform: residual-source
            noise: {type: additive, sigma: 1.0}
            stepSize: 0.01
            init: {random: {scale: 0.1}}
            time: {horizon: 100.0, dt: 0.001, outputs: 1000}
            simulation: {paths: 1000, threads: 1, sgd: {particles: 50}}
            """;

    @Test
    void meanTableDominatesLongMeanClosureRuns() {
        LeModel m = ModelFile.parse(MODEL, "m", null, "m.yaml");
        MemoryEstimate e = MemoryEstimate.forSimulation(m);
        // (steps+1)·K·p doubles in one flat table (tabulate writes the DP853 rows straight into it),
        // plus the ~20 rows DP853 holds while filling it
        double table = e.items().stream().filter(i -> i.what().equals("LE-ODE mean table")).findFirst().orElseThrow().bytes();
        assertEquals(100_001 * (100 * 8 + 8) + 20 * (100 * 8 + 24), table, 1e-6);
        assertTrue(e.total() > table && e.total() < 2 * table, e.toString());
        // the self closure needs no table
        LeModel self = new LeModel(m.name(), m.classes(), m.dim(), m.impact(), m.transform(), m.noise(), m.stepSize(),
                Closure.SELF, m.init(), m.time(), m.simulation());
        assertTrue(MemoryEstimate.forSimulation(self).total() < e.total() - 0.9 * table);
    }

    @Test
    void refusalNamesEstimateLimitAndLargestItems() {
        LeModel m = ModelFile.parse(MODEL, "m", null, "m.yaml");
        BadInputException ex = assertThrows(BadInputException.class,
                () -> MemoryEstimate.forSimulation(m).requireWithin(64L << 20));
        assertTrue(ex.getMessage().matches("the run needs about \\d+\\.\\d MiB of memory but the Java heap limit is 64\\.0 MiB "
                + "\\(largest: LE-ODE mean table .*MiB \\[\\(steps\\+1\\)·K·p: time\\.horizon/time\\.dt, classes, dim\\], .*\\); "
                + "reduce these, or raise the limit with -Xmx \\(e\\.g\\. JAVA_TOOL_OPTIONS=-Xmx1g\\)"), ex.getMessage());
        MemoryEstimate.forSimulation(m).requireWithin(1L << 30);
    }

    @Test
    void ensembleClosureCountsEveryPath() {
        LeModel m = ModelFile.parse(MODEL.replace("init:", "closure: ensemble\ninit:"), "m", null, "m.yaml");
        LeModel big = m.withSimulation(new LeModel.Simulation(1_000_000, m.simulation().solver(), 1, 1, 0));
        double perPath = MemoryEstimate.forSimulation(big).total() / 1_000_000;
        assertTrue(perPath > 5 * 100 * 8, "state, increment and stepper buffers per path: " + perPath);
    }

    @Test
    void sizesAreBytesInBinaryUnits() {
        assertEquals("512 B", MemoryEstimate.bytes(512));
        assertEquals("1.5 KiB", MemoryEstimate.bytes(1536));
        assertEquals("2.0 GiB", MemoryEstimate.bytes(2L << 30));
    }
}
