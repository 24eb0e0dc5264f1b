package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeuralCollapseTest {

    /** p x K matrix with orthonormal columns from the QR of a Gaussian matrix, row-major. */
    static double[] randomOrthonormal(int p, int k, Random rnd) {
        DMatrixRMaj a = new DMatrixRMaj(p, k);
        for (int i = 0; i < p * k; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(p, k);
        qr.decompose(a);
        DMatrixRMaj q = qr.getQ(null, true);
        return q.data.clone();
    }

    static void assertPerfect(NcMetrics m, int k, boolean residualExact) {
        assertEquals(0, m.nc1(), 1e-12, "nc1");
        assertEquals(0, m.nc2Equinorm(), 1e-12, "equinorm");
        assertEquals(0, m.nc2Equiangularity(), 1e-12, "equiangularity");
        assertEquals(0, m.nc2EtfDistance(), 1e-12, "etf distance");
        assertEquals(0, m.nc4(), 1e-12, "nc4");
        assertEquals(0, m.nc3(), 1e-12, "nc3");
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                assertEquals(a == b ? 1.0 : -1.0 / (k - 1), m.cosine(a, b), 1e-12);
            }
            if (residualExact) {
                assertEquals(1.0, m.residualCos()[a], 1e-12);
            }
        }
    }

    @ParameterizedTest(name = "K={0}, p={1}")
    @CsvSource({"2,2", "3,3", "3,5", "4,4", "5,8", "10,10", "10,12"})
    void perfectSimplexEtfWithCollapsedFeaturesHasZeroMetrics(int k, int p) {
        double scale = 3.7;
        double[] v = SimplexEtf.vertices(k, p);
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            // a shift along 1 in the first K coordinates leaves the argmax of logits and W·h unchanged
            means[i] = scale * v[i] + ((i % p) < k ? 2.5 : 0.0);
        }
        double[] classifier = p == k ? null : v;
        int perClass = 7;
        int n = perClass * k;
        double[] features = new double[n * p];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            System.arraycopy(means, labels[i] * p, features, i * p, p);
        }
        NcMetrics exact = NeuralCollapse.compute(features, labels, k, p, classifier);
        assertPerfect(exact, k, true);
        assertEquals(n, exact.samples());
        if (p == k) {
            assertTrue(exact.notes().contains(NeuralCollapse.LOGIT_NOTE));
        }
        // streaming: one pass with scatter, then a fixed-mean pass
        ClassStats stats = new ClassStats(k, p);
        for (int i = 0; i < perClass; i++) {
            stats.addPath(means);
        }
        FixedMeanPass pass = new FixedMeanPass(stats.means(), k, p, classifier);
        for (int i = 0; i < perClass; i++) {
            pass.addPath(means);
        }
        assertPerfect(NeuralCollapse.of(stats, pass), k, true);
        assertEquals(0, NeuralCollapse.of(stats, classifier).nc1(), 1e-12);
    }

    @ParameterizedTest(name = "K={0}, p={1}")
    @CsvSource({"3,3", "3,6", "6,9"})
    void rotatedSimplexEtfIsStillPerfect(int k, int p) {
        double[] u = randomOrthonormal(p, k, new Random(k * 31L + p));
        double[] v = SimplexEtf.vertices(k, p, u);
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            means[i] = 0.3 * v[i];
        }
        ClassStats stats = new ClassStats(k, p);
        for (int i = 0; i < 5; i++) {
            stats.addPath(means);
        }
        FixedMeanPass pass = new FixedMeanPass(stats.means(), k, p, v);
        for (int i = 0; i < 5; i++) {
            pass.addPath(means);
        }
        assertPerfect(NeuralCollapse.of(stats, pass), k, false);
    }

    @Test
    void simplexEtfVerticesHaveUnitNormAndEqualAngles() {
        for (int k = 2; k <= 9; k++) {
            for (int p : new int[] {k - 1, k, k + 4}) {
                if (p < 1) {
                    continue;
                }
                double[] v = SimplexEtf.vertices(k, p);
                double[] sum = new double[p];
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        double dot = 0;
                        for (int j = 0; j < p; j++) {
                            dot += v[a * p + j] * v[b * p + j];
                        }
                        assertEquals(a == b ? 1.0 : SimplexEtf.cosine(k), dot, 1e-12, "K=" + k + " p=" + p);
                    }
                    for (int j = 0; j < p; j++) {
                        sum[j] += v[a * p + j];
                    }
                }
                assertArrayEquals(new double[p], sum, 1e-12);
            }
        }
    }

    // ---- independent dense computation ------------------------------------------------------

    record Direct(double nc1, double equinorm, double equiangularity, double etf, double nc3, double nc4, double[] res) {
    }

    /** Written directly from docs/theory.md#6-neural-collapse-metrics with full p x p matrices and EJML's pinv. */
    static Direct direct(double[] x, int[] y, int k, int p, DMatrixRMaj w) {
        int n = y.length;
        DMatrixRMaj mu = new DMatrixRMaj(p, k);
        int[] cnt = new int[k];
        for (int i = 0; i < n; i++) {
            cnt[y[i]]++;
            for (int j = 0; j < p; j++) {
                mu.add(j, y[i], x[i * p + j]);
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                mu.set(j, c, mu.get(j, c) / cnt[c]);
            }
        }
        DMatrixRMaj muG = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.sumRows(mu, muG);
        CommonOps_DDRM.scale(1.0 / k, muG);
        DMatrixRMaj mt = mu.copy();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                mt.add(j, c, -muG.get(j));
            }
        }
        DMatrixRMaj sw = new DMatrixRMaj(p, p);
        DMatrixRMaj d = new DMatrixRMaj(p, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                d.set(j, x[i * p + j] - mu.get(j, y[i]));
            }
            CommonOps_DDRM.multAddTransB(1.0 / n, d, d, sw);
        }
        DMatrixRMaj sb = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransB(1.0 / k, mt, mt, sb);
        DMatrixRMaj sbPinv = new DMatrixRMaj(p, p);
        CommonOps_DDRM.pinv(sb, sbPinv);
        DMatrixRMaj prod = new DMatrixRMaj(p, p);
        CommonOps_DDRM.mult(sw, sbPinv, prod);
        double nc1 = CommonOps_DDRM.trace(prod) / k;

        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            DMatrixRMaj col = CommonOps_DDRM.extractColumn(mt, c, null);
            norms[c] = CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(col, col, null)) > 0
                    ? Math.sqrt(CommonOps_DDRM.dot(col, col)) : 0;
        }
        double mean = 0;
        for (double v : norms) {
            mean += v / k;
        }
        double var = 0;
        for (double v : norms) {
            var += (v - mean) * (v - mean) / k;
        }
        DMatrixRMaj g = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(mt, mt, g);
        double ang = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (a != b) {
                    ang += Math.abs(g.get(a, b) / (norms[a] * norms[b]) + 1.0 / (k - 1));
                }
            }
        }
        ang /= k * (k - 1);
        DMatrixRMaj target = CommonOps_DDRM.identity(k);
        CommonOps_DDRM.add(target, -1.0 / k, new DMatrixRMaj(k, k, true, ones(k * k)), target);
        CommonOps_DDRM.scale(1 / Math.sqrt(k - 1.0), target);
        DMatrixRMaj gn = g.copy();
        CommonOps_DDRM.scale(1 / org.ejml.dense.row.NormOps_DDRM.normF(g), gn);
        DMatrixRMaj diff = new DMatrixRMaj(k, k);
        CommonOps_DDRM.subtract(gn, target, diff);
        double etf = org.ejml.dense.row.NormOps_DDRM.normF(diff);

        DMatrixRMaj wt = CommonOps_DDRM.transpose(w, null);
        CommonOps_DDRM.scale(1 / org.ejml.dense.row.NormOps_DDRM.normF(w), wt);
        DMatrixRMaj mtn = mt.copy();
        CommonOps_DDRM.scale(1 / org.ejml.dense.row.NormOps_DDRM.normF(mt), mtn);
        DMatrixRMaj d3 = new DMatrixRMaj(p, k);
        CommonOps_DDRM.subtract(wt, mtn, d3);
        double nc3 = org.ejml.dense.row.NormOps_DDRM.normF(d3);

        int mism = 0;
        DMatrixRMaj h = new DMatrixRMaj(p, 1);
        DMatrixRMaj s = new DMatrixRMaj(k, 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * p, h.data, 0, p);
            CommonOps_DDRM.mult(w, h, s);
            int arg = 0;
            for (int c = 1; c < k; c++) {
                if (s.get(c) > s.get(arg)) {
                    arg = c;
                }
            }
            int near = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dd = 0;
                for (int j = 0; j < p; j++) {
                    dd += Math.pow(x[i * p + j] - mu.get(j, c), 2);
                }
                if (dd < best) {
                    best = dd;
                    near = c;
                }
            }
            if (arg != near) {
                mism++;
            }
        }
        double[] res = new double[k];
        if (p >= k) {
            for (int c = 0; c < k; c++) {
                double dot = 0;
                double rn = 0;
                for (int j = 0; j < k; j++) {
                    double r = (j == c ? 1.0 : 0.0) - 1.0 / k;
                    dot += mt.get(j, c) * r;
                    rn += r * r;
                }
                res[c] = dot / (norms[c] * Math.sqrt(rn));
            }
        }
        return new Direct(nc1, Math.sqrt(var) / mean, ang, etf, nc3, (double) mism / n, res);
    }

    static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    @ParameterizedTest(name = "K={0}, p={1}, classifier={2}")
    @CsvSource({"3,3,false", "3,3,true", "4,7,true", "5,3,true", "6,6,false", "2,4,true"})
    void matchesDirectDenseComputation(int k, int p, boolean withClassifier) {
        Random rnd = new Random(1000L * k + p);
        int n = 40 * k + 13;
        double[] x = new double[n * p];
        int[] y = new int[n];
        double[] centres = new double[k * p];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = 2 * rnd.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = i < k ? i : rnd.nextInt(k); // unbalanced, every class present
            for (int j = 0; j < p; j++) {
                x[i * p + j] = 5.0 + centres[y[i] * p + j] + rnd.nextGaussian() * (1 + j % 2);
            }
        }
        double[] w = null;
        DMatrixRMaj wm;
        if (withClassifier) {
            w = new double[k * p];
            for (int i = 0; i < w.length; i++) {
                w[i] = centres[i] + 0.5 * rnd.nextGaussian();
            }
            wm = new DMatrixRMaj(k, p, true, w);
        } else {
            wm = new DMatrixRMaj(k, k, true, NeuralCollapse.logitClassifier(k));
        }
        Direct d = direct(x, y, k, p, wm);
        ClassStats stats = new ClassStats(k, p);
        for (int i = 0; i < n; i++) {
            stats.add(y[i], x, i * p);
        }
        NcMetrics oneCompute = NeuralCollapse.compute(x, y, k, p, w);
        NcMetrics onePass = NeuralCollapse.of(stats, w);
        for (NcMetrics m : new NcMetrics[] {oneCompute, onePass}) {
            assertEquals(d.nc1(), m.nc1(), 1e-10 * Math.max(1, d.nc1()), "nc1");
            assertEquals(d.equinorm(), m.nc2Equinorm(), 1e-10, "equinorm");
            assertEquals(d.equiangularity(), m.nc2Equiangularity(), 1e-10, "equiangularity");
            assertEquals(d.etf(), m.nc2EtfDistance(), 1e-10, "etf");
            assertEquals(d.nc3(), m.nc3(), 1e-10, "nc3");
            if (p >= k) {
                assertArrayEquals(d.res(), m.residualCos(), 1e-10);
            } else {
                assertTrue(Double.isNaN(m.residualCosMean()));
            }
        }
        assertEquals(d.nc4(), oneCompute.nc4(), 1e-15, "nc4");
        assertTrue(Double.isNaN(onePass.nc4()));
        assertTrue(d.nc4() > 0 || k == 2, "test data should have some NC4 mismatches");
    }

    @Test
    void undefinedCasesAreNaNWithNotes() {
        // identical class means: NC1 undefined
        double[] x = {0, 2, 1, 2, 2, 2, 1, 2};
        int[] y = {0, 1, 0, 1};
        NcMetrics m = NeuralCollapse.compute(x, y, 2, 2, null);
        assertTrue(Double.isNaN(m.nc1()));
        assertTrue(m.notes().stream().anyMatch(s -> s.startsWith("NC1 undefined")));
        // no classifier and p != K: NC3 and NC4 undefined
        double[] x3 = {0, 0, 0, 1, 1, 1, 2, 0, 0, 3, 3, 3};
        NcMetrics m3 = NeuralCollapse.compute(x3, new int[] {0, 1, 0, 1}, 2, 3, null);
        assertTrue(Double.isNaN(m3.nc3()) && Double.isNaN(m3.nc4()));
        // p < K: residual undefined
        NcMetrics m4 = NeuralCollapse.fromMeans(new double[] {0, 1, 2}, 3, 1, null);
        assertTrue(Double.isNaN(m4.residualCosMean()) && Double.isNaN(m4.nc1()));
        assertThrows(IllegalArgumentException.class, () -> NeuralCollapse.compute(x, new int[] {0, 0, 0, 0}, 2, 2, null));
    }

    @Test
    void fromMeansAgreesWithFullComputationOnMeanMetrics() {
        Random rnd = new Random(5);
        int k = 4;
        int p = 4;
        double[] x = new double[200 * p];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % k;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = (j == y[i] ? 3 : 0) + rnd.nextGaussian();
            }
        }
        NcMetrics full = NeuralCollapse.compute(x, y, k, p, null);
        ClassStats s = ClassStats.meansOnly(k, p);
        for (int i = 0; i < 200; i++) {
            s.add(y[i], x, i * p);
        }
        NcMetrics means = NeuralCollapse.fromMeans(s.means(), k, p, null);
        assertEquals(full.nc2EtfDistance(), means.nc2EtfDistance(), 0);
        assertEquals(full.nc3(), means.nc3(), 0);
        assertTrue(Double.isNaN(means.nc1()) && Double.isNaN(means.nc4()));
    }
}
