package org.lesde.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/**
 * A coarse check of the convergence orders, within ±0.15 of theory (the 95 % intervals are tested
 * in Sra1ConvergenceTest): GBM (EM strong 0.5, Milstein 1.0), additive noise
 * (EM 1.0), weak order 1. The default suite runs reduced sizes; {@code -Pstudies} runs the full ones.
 */
class ConvergenceStudyTest {
    static final double TOL = 0.15;

    static ConvergenceStudy.Curve curve(List<ConvergenceStudy.Curve> cs, String solver) {
        return cs.stream().filter(c -> c.solver().equals(solver)).findFirst().orElseThrow();
    }

    static void assertOrder(double expected, double measured, String what) {
        System.out.printf("%s: %.3f (theory %.1f)%n", what, measured, expected);
        assertEquals(expected, measured, TOL, what);
    }

    /** A small LE model with additive noise under the self closure (Ornstein–Uhlenbeck type). */
    static LeModel additiveSelf(double horizon) {
        return ModelFile.parse("""
                classes: 3
                impact: {alpha: 2.0, beta: -0.5}
                transform: residual-source
                noise: {type: additive, sigma: 1.0}
                stepSize: 0.01
                closure: self
                init: {means: [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.1, 0.0, 1.0]], spread: 0.05}
                time: {horizon: %s, dt: 0.01}
                simulation: {seed: 42}
                """.formatted(horizon), "additive-self", Path.of("."), "x");
    }

    @Test
    void gbmReduced() {
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.gbm(5), new ConvergenceStudy.Options(2000, 5, 1, 0));
        assertOrder(0.5, curve(cs, "euler-maruyama").strongOrder(), "GBM EM strong");
        assertOrder(1.0, curve(cs, "milstein").strongOrder(), "GBM Milstein strong");
        assertOrder(1.0, curve(cs, "milstein").weakOrder(), "GBM Milstein weak");
        assertEquals(0.5, curve(cs, "euler-maruyama").expectedStrong());
    }

    @Test
    void additiveNoiseReduced() {
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.linearAdditive(5),
                new ConvergenceStudy.Options(300, 5, 2, 0));
        assertOrder(1.0, curve(cs, "euler-maruyama").strongOrder(), "linear additive EM strong");
        assertOrder(1.0, curve(cs, "euler-maruyama").weakOrder(), "linear additive EM weak");
        // Milstein is EM on additive noise
        assertEquals(curve(cs, "euler-maruyama").errors()[0], curve(cs, "milstein").errors()[0], 0.0);
        List<ConvergenceStudy.Curve> le = ConvergenceStudy.run(ConvergenceStudy.model(additiveSelf(2.0), "le-self", 4),
                new ConvergenceStudy.Options(60, 4, 3, 0));
        assertOrder(1.0, curve(le, "euler-maruyama").strongOrder(), "LE additive (closure self) EM strong");
    }

    @Test
    void meanClosureWithAdditiveNoiseIsExact() {
        LeModel m = additiveSelf(2.0);
        LeModel mean = new LeModel(m.name(), m.classes(), m.dim(), m.impact(), m.transform(), m.noise(), m.stepSize(),
                Closure.MEAN, m.init(), m.time(), m.simulation());
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.model(mean, "le-mean", 3),
                new ConvergenceStudy.Options(20, 3, 3, 0));
        ConvergenceStudy.Curve em = curve(cs, "euler-maruyama");
        assertTrue(Double.isNaN(em.strongOrder()) && em.note().contains("exact"), em.note());
        for (double e : em.errors()) {
            assertTrue(e < 1e-10, "error " + e);
        }
    }

    @Test
    void resultsDependOnTheSeedOnly() {
        ConvergenceStudy.Options one = new ConvergenceStudy.Options(70, 3, 5, 1);
        ConvergenceStudy.Options two = new ConvergenceStudy.Options(70, 3, 5, 2);
        List<ConvergenceStudy.Curve> a = ConvergenceStudy.run(ConvergenceStudy.gbm(3), one);
        List<ConvergenceStudy.Curve> b = ConvergenceStudy.run(ConvergenceStudy.gbm(3), two);
        for (int i = 0; i < a.size(); i++) {
            for (int l = 0; l < 3; l++) {
                assertEquals(a.get(i).errors()[l], b.get(i).errors()[l], 0.0);
                assertEquals(a.get(i).weakErrors()[l], b.get(i).weakErrors()[l], 0.0);
            }
        }
    }

    @Tag("study")
    @Test
    void gbmFull() {
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.gbm(6), new ConvergenceStudy.Options(20000, 6, 7, 0));
        assertOrder(0.5, curve(cs, "euler-maruyama").strongOrder(), "GBM EM strong (full)");
        assertOrder(1.0, curve(cs, "euler-maruyama").weakOrder(), "GBM EM weak (full)");
        assertOrder(1.0, curve(cs, "milstein").strongOrder(), "GBM Milstein strong (full)");
        assertOrder(1.0, curve(cs, "milstein").weakOrder(), "GBM Milstein weak (full)");
    }

    @Tag("study")
    @Test
    void shippedModelsFull() {
        LeModel mult = ModelFile.read(Path.of("models", "multiplicative.yaml"));
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.model(mult, "multiplicative", 6),
                new ConvergenceStudy.Options(2000, 6, 8, 0));
        assertOrder(0.5, curve(cs, "euler-maruyama").strongOrder(), "multiplicative EM strong (full)");
        assertOrder(1.0, curve(cs, "milstein").strongOrder(), "multiplicative Milstein strong (full)");
        assertOrder(1.0, curve(cs, "milstein").weakOrder(), "multiplicative Milstein weak (full)");
        List<ConvergenceStudy.Curve> add = ConvergenceStudy.run(ConvergenceStudy.model(additiveSelf(12.0), "default-self", 6),
                new ConvergenceStudy.Options(1000, 6, 9, 0));
        assertOrder(1.0, curve(add, "euler-maruyama").strongOrder(), "default (closure self) EM strong (full)");
        assertOrder(1.0, curve(add, "euler-maruyama").weakOrder(), "default (closure self) EM weak (full)");
    }
}
