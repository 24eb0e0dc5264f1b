package org.lesde.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;

/** docs/theory.md#4-closed-forms spectra, the d eigenvector, and the closed-form spectra against EJML. */
class SpectrumTest {
    static LeOperator op(int k, int p, double alpha, double beta, TransformKind kind) {
        return new LeOperator(k, p, new Impact.TwoLevel(new Schedule.Constant(alpha), new Schedule.Constant(beta)),
                Transform.of(kind));
    }

    /** The sorted expanded values (re only). */
    static double[] values(List<Spectrum.Eigenvalue> s) {
        return Spectrum.expand(s).stream().mapToDouble(z -> z[0]).sorted().toArray();
    }

    @Test
    void specExampleSourceAndTarget() {
        for (TransformKind kind : new TransformKind[] {TransformKind.RESIDUAL_SOURCE, TransformKind.RESIDUAL_TARGET}) {
            LeOperator op = op(3, 3, 2.0, -0.5, kind);
            List<Spectrum.Eigenvalue> s = Spectrum.closedForm(op, 0);
            // {0.8333, 0.5833 x2, 0 x6}
            double[] expected = {0, 0, 0, 0, 0, 0, 7.0 / 12, 7.0 / 12, 5.0 / 6};
            double[] got = values(s);
            for (int i = 0; i < 9; i++) {
                assertEquals(expected[i], got[i], 1e-15, kind + " " + s);
            }
            assertEquals(0.0, Spectrum.maxMatchedDistance(Spectrum.expand(s), Spectrum.numeric(op, 0)), 1e-12, kind.key());
        }
    }

    @Test
    void specExampleOuter() {
        LeOperator op = op(3, 3, 2.0, -0.5, TransformKind.RESIDUAL_OUTER);
        List<Spectrum.Eigenvalue> s = Spectrum.closedForm(op, 0);
        // {0.8333 x2, 0.3333, 0 x6}
        double[] expected = {0, 0, 0, 0, 0, 0, 1.0 / 3, 5.0 / 6, 5.0 / 6};
        double[] got = values(s);
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], got[i], 1e-15, s.toString());
        }
        assertEquals(0.0, Spectrum.maxMatchedDistance(Spectrum.expand(s), Spectrum.numeric(op, 0)), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual-source", "residual-target", "residual-outer"})
    void dIsAnExactEigenvector(String key) {
        TransformKind kind = TransformKind.byKey(key).orElseThrow();
        int k = 4;
        int p = 6;
        double alpha = 1.7;
        double beta = -0.35;
        LeOperator op = op(k, p, alpha, beta, kind);
        // d = (r_1; ...; r_K), r_k = e_k − 1/K on the first K coordinates
        double[] d = new double[k * p];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                d[c * p + j] = (c == j ? 1 : 0) - 1.0 / k;
            }
        }
        double lambda = kind == TransformKind.RESIDUAL_OUTER ? (alpha + (k - 1) * beta) / k : (alpha - beta) / k;
        double[] ad = new double[d.length];
        op.kernel().apply(0, 1.0 / k, d, ad);
        for (int i = 0; i < d.length; i++) {
            assertEquals(lambda * d[i], ad[i], 1e-15, key + " coordinate " + i);
        }
        // and the closed form propagates it as e^{λt}·d
        double[] x = ClosedForm.of(op).at(d, 2.5);
        for (int i = 0; i < d.length; i++) {
            assertEquals(Math.exp(lambda * 2.5) * d[i], x[i], 1e-14, key);
        }
    }

    @Test
    void identityMultiplicities() {
        LeOperator op = op(4, 2, 1.0, 0.2, TransformKind.IDENTITY);
        List<Spectrum.Eigenvalue> s = Spectrum.closedForm(op, 0);
        assertEquals(2, s.size());
        assertEquals((1.0 + 3 * 0.2) / 4, s.get(0).re(), 1e-15);
        assertEquals(2, s.get(0).multiplicity());
        assertEquals((1.0 - 0.2) / 4, s.get(1).re(), 1e-15);
        assertEquals(6, s.get(1).multiplicity());
        assertEquals(0.0, Spectrum.maxMatchedDistance(Spectrum.expand(s), Spectrum.numeric(op, 0)), 1e-12);
    }

    @Test
    void generalImpactAndSharedMatrixAgreeWithEjml() {
        double[][] e = {{1.0, -0.3, 0.2}, {0.1, 0.8, -0.4}, {-0.5, 0.3, 1.1}};
        double[][] h = {{0.5, -0.4, 0.0, 0.2}, {0.3, 0.4, 0.3, 0.0}, {0.1, 0.0, 0.6, 0.1}, {0.0, 0.2, 0.0, 0.3}};
        for (Transform tr : new Transform[] {Transform.of(TransformKind.IDENTITY), Transform.of(TransformKind.RESIDUAL_SOURCE),
            Transform.of(TransformKind.RESIDUAL_TARGET), Transform.of(TransformKind.RESIDUAL_OUTER), Transform.shared(h)}) {
            LeOperator op = new LeOperator(3, 4, new Impact.Matrix(e), tr);
            List<Spectrum.Eigenvalue> s = Spectrum.closedForm(op, 0);
            double d = Spectrum.maxMatchedDistance(Spectrum.expand(s), Spectrum.numeric(op, 0));
            assertTrue(d < 1e-10, tr + ": " + d + " " + s);
        }
        double[][][] per = new double[9][][];
        for (int i = 0; i < 9; i++) {
            per[i] = h;
        }
        assertNull(Spectrum.closedForm(new LeOperator(3, 4, new Impact.Matrix(e), new Transform(TransformKind.MATRIX, per)), 0));
    }

    @Test
    void timeVaryingSpectrumUsesInstantaneousValues() {
        LeOperator op = new LeOperator(3, 3, new Impact.TwoLevel(new Schedule.PowerLaw(2, 0.5), new Schedule.PowerLaw(-0.5, 1)),
                Transform.of(TransformKind.RESIDUAL_SOURCE));
        double t = 3;
        List<Spectrum.Eigenvalue> s = Spectrum.closedForm(op, t);
        assertEquals(0.0, Spectrum.maxMatchedDistance(Spectrum.expand(s), Spectrum.numeric(op, t)), 1e-12);
    }
}
