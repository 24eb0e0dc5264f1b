package org.lesde.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lesde.model.LeModel;
import org.lesde.model.LeOperator;
import org.lesde.ode.LeOde;

class ClosedFormTest {
    static final String INIT3 = "{means: [[1.0, 0.2, -0.3], [0.1, 1.0, 0.4], [-0.2, 0.3, 1.0]]}";
    static final String INIT34 = "{means: [[1.0, 0.2, -0.3, 0.5], [0.1, 1.0, 0.4, -0.7], [-0.2, 0.3, 1.0, 0.25]]}";

    /** max_t ||cf(t) − ode(t)||_∞ / ||ode(t)||_∞. */
    static double relErr(LeModel m, double rtol) {
        LeOperator op = LeOperator.of(m);
        ClosedForm cf = ClosedForm.of(op);
        assertTrue(cf.applies(), cf.description());
        double[] x0 = m.init().resolveMeans(m.classes(), m.dim(), m.simulation().seed());
        double[] times = new double[21];
        for (int i = 0; i < times.length; i++) {
            times[i] = m.time().horizon() * i / 20;
        }
        double[][] a = cf.solve(x0, times);
        double[][] b = new LeOde(op, rtol).solve(x0, times);
        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            double err = 0;
            double scale = 0;
            for (int j = 0; j < x0.length; j++) {
                err = Math.max(err, Math.abs(a[i][j] - b[i][j]));
                scale = Math.max(scale, Math.abs(b[i][j]));
            }
            worst = Math.max(worst, err / scale);
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "identity-k3", "logits-k10", "multiplicative", "non-separating"})
    void shippedModelsMatchDp853(String name) {
        double e = relErr(TestModels.shipped(name), 1e-12);
        System.out.println(name + " " + e);
        assertTrue(e < 1e-9, name + ": " + e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "residual-source", "residual-target", "residual-outer"})
    void powerLawSchedules(String transform) {
        // proportional (same exponent): every kind has a closed form
        LeModel m = TestModels.model(3, 4, "{alpha: {powerlaw: {c: 2.0, r: 0.5}}, beta: {powerlaw: {c: -0.6, r: 0.5}}}",
                transform, INIT34, 8, 0.01);
        double e = relErr(m, 1e-12);
        System.out.println(transform + " pl " + e);
        assertTrue(e < 1e-9, transform + ": " + e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "residual-target", "residual-outer"})
    void nonProportionalSchedules(String transform) {
        String[] impacts = {"{alpha: {powerlaw: {c: 2.0, r: 0.3}}, beta: {powerlaw: {c: -0.6, r: 1.0}}}",
            "{alpha: {piecewise: [[0, 1.5], [2.5, 0.5], [5.0, 2.0]]}, beta: {piecewise: [[0, -0.2], [3.7, 0.4]]}}",
            "{alpha: 1.2, beta: {powerlaw: {c: 0.8, r: 1.5}}}"};
        for (String imp : impacts) {
            LeModel m = TestModels.model(3, 4, imp, transform, INIT34, 8, 0.01);
            double e = relErr(m, 1e-12);
            System.out.println(transform + " " + imp + " " + e);
            assertTrue(e < 1e-9, transform + " " + imp + ": " + e);
        }
    }

    @Test
    void sourceWithNonProportionalSchedulesHasNoClosedForm() {
        LeModel m = TestModels.model(3, 3, "{alpha: {powerlaw: {c: 2.0, r: 0.3}}, beta: -0.5}", "residual-source", INIT3, 5, 0.01);
        ClosedForm cf = ClosedForm.of(LeOperator.of(m));
        assertFalse(cf.applies());
        assertTrue(cf.description().contains("no closed form"));
    }

    @Test
    void generalConstantImpactMatrix() {
        String e = "{matrix: [[1.0, -0.3, 0.2], [0.1, 0.8, -0.4], [-0.5, 0.3, 1.1]]}";
        for (String tr : new String[] {"identity", "residual-source", "residual-target", "residual-outer",
            "{matrix: [[0.5, 0.1, 0.0, 0.2], [0.0, 0.4, 0.3, 0.0], [0.1, 0.0, 0.6, 0.1], [0.0, 0.2, 0.0, 0.3]]}"}) {
            LeModel m = TestModels.model(3, 4, e, tr, INIT34, 6, 0.01);
            double err = relErr(m, 1e-12);
            System.out.println(tr + " E " + err);
            assertTrue(err < 1e-9, tr + ": " + err);
        }
    }

    @Test
    void identityReproducesClassAverageAndDeviations() {
        int k = 4;
        int p = 3;
        LeModel m = TestModels.model(k, p, "{alpha: {powerlaw: {c: 1.5, r: 0.7}}, beta: {piecewise: [[0, 0.3], [2.0, -0.4]]}}",
                "identity", "{random: {scale: 1.0}}", 5, 0.01);
        LeOperator op = LeOperator.of(m);
        double[] x0 = m.init().resolveMeans(k, p, 3);
        double t = 4.2;
        double[] x = ClosedForm.of(op).at(x0, t);
        double a = 1.5 * (Math.pow(1 + t, 0.3) - 1) / 0.3;
        double b = 0.3 * 2.0 - 0.4 * (t - 2.0);
        for (int j = 0; j < p; j++) {
            double avg0 = 0;
            double avg = 0;
            for (int c = 0; c < k; c++) {
                avg0 += x0[c * p + j] / k;
                avg += x[c * p + j] / k;
            }
            assertEquals(avg0 * Math.exp((a + (k - 1) * b) / k), avg, 1e-13, "class average, coordinate " + j);
            for (int c = 0; c < k; c++) {
                assertEquals((x0[c * p + j] - avg0) * Math.exp((a - b) / k), x[c * p + j] - avg, 1e-13, "deviation " + c);
            }
        }
    }

    @Test
    void matrixTransforms() {
        String h = "[[0.5, 0.1, 0.0, 0.2], [0.0, 0.4, 0.3, 0.0], [0.1, 0.0, 0.6, 0.1], [0.0, 0.2, 0.0, 0.3]]";
        String g = "[[0.2, 0.0, 0.0, 0.0], [0.0, -0.4, 0.3, 0.0], [0.1, 0.0, 0.6, 0.1], [0.5, 0.2, 0.0, 0.3]]";
        String tv = "{alpha: {powerlaw: {c: 2.0, r: 0.3}}, beta: {powerlaw: {c: -0.6, r: 1.0}}}";
        // shared H commutes with two-level E at all times: closed form with non-proportional schedules
        LeModel shared = TestModels.model(3, 4, tv, "{matrix: " + h + "}", INIT34, 5, 0.01);
        double e = relErr(shared, 1e-12);
        assertTrue(e < 1e-9, "shared: " + e);
        // per-pair matrices, constant impacts: dense exponential
        String per = "{matrices: [[" + h + ", " + g + ", " + h + "], [" + g + ", " + h + ", " + h + "], [" + h + ", " + h + ", " + g + "]]}";
        LeModel constant = TestModels.model(3, 4, "{alpha: 1.0, beta: -0.3}", per, INIT34, 5, 0.01);
        e = relErr(constant, 1e-12);
        assertTrue(e < 1e-9, "per-pair constant: " + e);
        // per-pair, non-proportional time-varying: A(t) do not commute, no closed form
        ClosedForm none = ClosedForm.of(LeOperator.of(TestModels.model(3, 4, tv, per, INIT34, 5, 0.01)));
        assertFalse(none.applies());
        assertTrue(none.description().contains("do not commute"), none.description());
    }

    @Test
    void largeStructuredModelNeedsNoDenseMatrix() {
        // K·p = 2400 > DENSE_LIMIT: the structured forms still apply (no Kp x Kp matrix is formed)
        for (String tr : new String[] {"identity", "residual-source", "residual-target", "residual-outer"}) {
            LeModel m = TestModels.model(40, 60, "{alpha: {powerlaw: {c: 2.0, r: 0.5}}, beta: {powerlaw: {c: -0.4, r: 0.5}}}",
                    tr, "{random: {scale: 1.0}}", 3, 0.01);
            double e = relErr(m, 1e-12);
            assertTrue(e < 1e-9, tr + ": " + e);
        }
    }

    @Test
    void tableSchedules(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("alpha.csv"), "t,value\n0,1.8\n1.3,0.6\n2.9,2.2\n6,1.0\n");
        java.nio.file.Files.writeString(dir.resolve("beta.csv"), "t,value\n0,-0.2\n2.1,0.5\n4.4,-0.6\n");
        for (String tr : new String[] {"identity", "residual-target", "residual-outer"}) {
            LeModel m = org.lesde.modelfile.ModelFile.parse("classes: 3\ndim: 4\nimpact: {alpha: {table: alpha.csv}, beta: {table: beta.csv}}\n"
                    + "transform: " + tr + "\nnoise: {type: additive, sigma: 1.0}\nstepSize: 0.01\ninit: " + INIT34
                    + "\ntime: {horizon: 7, dt: 0.01}\n", "t", dir, "t.yaml");
            double e = relErr(m, 1e-12);
            System.out.println(tr + " table " + e);
            assertTrue(e < 1e-9, tr + ": " + e);
        }
    }
}
