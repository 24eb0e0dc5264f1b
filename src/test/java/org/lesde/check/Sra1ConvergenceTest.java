package org.lesde.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SRA1's strong order (docs/theory.md#39-sra1-and-the-space-time-levy-area) and the order intervals
 * (docs/theory.md#310-order-intervals): theory must lie in the fitted order's 95 % interval.
 */
class Sra1ConvergenceTest {

    static ConvergenceStudy.Curve curve(List<ConvergenceStudy.Curve> cs, String solver) {
        return cs.stream().filter(c -> c.solver().equals(solver)).findFirst().orElseThrow();
    }

    static void assertCovers(double theory, ConvergenceStudy.Curve c, boolean strong) {
        double v = strong ? c.strongOrder() : c.weakOrder();
        double h = strong ? c.strongHalfWidth() : c.weakHalfWidth();
        String what = String.format("%s / %s %s order %.3f ± %.3f (theory %.2f)", c.problem(), c.solver(),
                strong ? "strong" : "weak", v, h, theory);
        System.out.println(what);
        assertTrue(Double.isFinite(h) && h > 0, what);
        assertTrue(strong ? c.strongCovers(theory) : c.weakCovers(theory), what);
    }

    @Test
    void sra1OnTheLinearAdditiveProblem() {
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.linearAdditive(4),
                new ConvergenceStudy.Options(400, 4, 3, 0));
        ConvergenceStudy.Curve sra1 = curve(cs, "sra1");
        assertEquals(1.5, sra1.expectedStrong());
        assertTrue(sra1.strongOrder() >= 1.35, "SRA1 strong order " + sra1.strongOrder());
        // linear drift, constant σ: the order-1.5 error terms (f'', σ') vanish and SRA1 converges with order 2
        assertCovers(2.0, sra1, true);
        assertCovers(1.0, curve(cs, "euler-maruyama"), true);
        assertCovers(1.0, curve(cs, "euler-maruyama"), false);
        // the reference is SRA1 itself (the valid stepper of highest order), 16x finer
        assertTrue(sra1.reference().startsWith("sra1"), sra1.reference());
    }

    @Test
    void sra1OnTheNonlinearAdditiveProblem() {
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.nonlinearAdditive(4),
                new ConvergenceStudy.Options(400, 4, 4, 0));
        ConvergenceStudy.Curve sra1 = curve(cs, "sra1");
        assertTrue(sra1.strongOrder() >= 1.35, "SRA1 strong order " + sra1.strongOrder());
        assertCovers(1.5, sra1, true);
        assertCovers(1.0, curve(cs, "euler-maruyama"), true);
    }

    @Test
    void weakOrderIntervalOfEulerMaruyamaOnGbm() {
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.gbm(6),
                new ConvergenceStudy.Options(2000, 6, 1, 0));
        assertCovers(1.0, curve(cs, "euler-maruyama"), false);
    }

    @Tag("study")
    @Test
    void weakOrderIntervalWithinTenthAtTheDefaultSize() {
        ConvergenceStudy.Options o = ConvergenceStudy.Options.defaults();
        List<ConvergenceStudy.Curve> cs = ConvergenceStudy.run(ConvergenceStudy.gbm(o.levels()), o);
        ConvergenceStudy.Curve em = curve(cs, "euler-maruyama");
        assertCovers(1.0, em, false);
        assertTrue(em.weakHalfWidth() <= 0.1, "half width " + em.weakHalfWidth());
    }
}
