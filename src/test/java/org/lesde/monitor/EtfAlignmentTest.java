package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The two routes to the vertex cosines of the nearest simplex ETF
 * (docs/theory.md#65-alignment-to-the-nearest-simplex-etf): the Gram-matrix square root used from
 * {@link EtfAlignment#GRAM_ROUTE_MIN_CLASSES} classes and the Procrustes SVD of the nearest ETF
 * itself agree to 1e-12 on random states at K = 3, 10, 100 (p = K − 1, K, 2K), near and far from
 * an ETF; rank-deficient means leave the Gram route to the SVD; and NeuralCollapse's single Gram
 * pass gives the same cosines, norms and ETF distance as the loops over all pairs.
 */
class EtfAlignmentTest {
    private static double[] randomMeans(Random rnd, int k, int p, double towardsEtf) {
        double[] etf = SimplexEtf.vertices(k, p);
        double[] m = new double[k * p];
        for (int i = 0; i < m.length; i++) {
            m[i] = 0.7 + towardsEtf * etf[i] * 3 + rnd.nextGaussian();
        }
        return m;
    }

    private static double[] gram(double[] means, int k, int p) {
        return NeuralCollapse.gram(MeanGeometry.centred(means, k, p), k, p);
    }

    @ParameterizedTest(name = "K = {0}, p = {1}")
    @CsvSource({"3, 2", "3, 3", "3, 6", "10, 9", "10, 10", "10, 20", "100, 99", "100, 100", "100, 200"})
    void gramRouteEqualsTheProcrustesSvdTo1e12(int k, int p) {
        Random rnd = new Random(31L * k + p);
        double worst = 0;
        for (int trial = 0; trial < 6; trial++) {
            double[] m = randomMeans(rnd, k, p, trial / 2.0); // 0: random, 2.5: close to an ETF
            double[] svd = EtfAlignment.procrustesVertexCosines(m, k, p);
            double[] fast = EtfAlignment.vertexCosinesFromGram(gram(m, k, p), k);
            assertNotNull(fast, "full-rank means take the Gram route");
            for (int i = 0; i < k; i++) {
                assertTrue(Double.isFinite(svd[i]), "class " + i);
                worst = Math.max(worst, Math.abs(fast[i] - svd[i]) / Math.abs(svd[i]));
            }
        }
        assertTrue(worst < 1e-12, "largest relative difference " + worst);
    }

    @Test
    void anExactEtfHasVertexCosineOne() {
        for (int k : new int[] {3, 40, 150}) {
            double[] v = SimplexEtf.vertices(k, k + 2);
            double[] fast = EtfAlignment.vertexCosinesFromGram(gram(v, k, k + 2), k);
            for (int i = 0; i < k; i++) {
                assertEquals(1.0, fast[i], 1e-13, "K = " + k + ", class " + i);
            }
        }
    }

    @Test
    void rankDeficientMeansAreLeftToTheSvd() {
        int k = 40;
        int p = 50;
        Random rnd = new Random(5);
        // the centred means span 20 < K - 1 dimensions: every class mean in the span of the first 20
        double[] basis = new double[20 * p];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = rnd.nextGaussian();
        }
        double[] m = new double[k * p];
        for (int c = 0; c < k; c++) {
            for (int b = 0; b < 20; b++) {
                double w = rnd.nextGaussian();
                for (int j = 0; j < p; j++) {
                    m[c * p + j] += w * basis[b * p + j];
                }
            }
        }
        assertNull(EtfAlignment.vertexCosinesFromGram(gram(m, k, p), k));
        double[] cos = NeuralCollapse.cosineMatrix(m, k, p);
        EtfAlignment a = EtfAlignment.of(m, cos, k, p);
        assertArrayEquals(EtfAlignment.procrustesVertexCosines(m, k, p), a.vertexCos(), 0.0, "the SVD's values, bit for bit");
        assertNull(EtfAlignment.vertexCosinesFromGram(new double[k * k], k), "all means equal");
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {3, 10, 31})
    void belowTheThresholdTheAlignmentIsTheSvds(int k) {
        double[] m = randomMeans(new Random(k), k, k, 1);
        EtfAlignment a = EtfAlignment.of(m, NeuralCollapse.cosineMatrix(m, k, k), k, k);
        assertArrayEquals(EtfAlignment.procrustesVertexCosines(m, k, k), a.vertexCos(), 0.0);
        assertArrayEquals(a.vertexCos(), EtfAlignment.vertexCosines(m, k, k), 0.0, "the vertex cosines alone");
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {32, 100})
    void fromTheThresholdTheAlignmentIsTheGramRoutes(int k) {
        double[] m = randomMeans(new Random(k), k, k + 1, 1);
        EtfAlignment a = EtfAlignment.of(m, NeuralCollapse.cosineMatrix(m, k, k + 1), k, k + 1);
        assertArrayEquals(EtfAlignment.vertexCosinesFromGram(gram(m, k, k + 1), k), a.vertexCos(), 0.0);
        NcMetrics nc = NeuralCollapse.fromMeans(m, k, k + 1, null);
        assertArrayEquals(a.vertexCos(), nc.alignment().vertexCos(), 0.0, "the metrics' alignment uses the same Gram matrix");
        assertArrayEquals(a.vertexCos(), EtfAlignment.vertexCosines(m, k, k + 1), 0.0, "the vertex cosines alone");
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {3, 10, 57})
    void theSingleGramPassGivesTheBitsOfTheLoopsOverAllPairs(int k) {
        int p = k + 3;
        double[] m = randomMeans(new Random(100 + k), k, p, 0.5);
        double[] c = MeanGeometry.centred(m, k, p);
        NcMetrics nc = NeuralCollapse.fromMeans(m, k, p, null);
        double[] cos = nc.cosines();
        double gNorm = 0;
        double[] g = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int j = 0; j < p; j++) {
                    dot += c[a * p + j] * c[b * p + j];
                }
                g[a * k + b] = dot;
                gNorm += dot * dot;
            }
        }
        assertArrayEquals(g, NeuralCollapse.gram(c, k, p), 0.0);
        // the cosines as lesde 0.1 computed them: norms by their own loop, each pair's dot again
        double[] ref = new double[k * k];
        double[] norms = new double[k];
        for (int a = 0; a < k; a++) {
            double ss = 0;
            for (int j = 0; j < p; j++) {
                ss += c[a * p + j] * c[a * p + j];
            }
            norms[a] = Math.sqrt(ss);
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                ref[a * k + b] = a == b ? (norms[a] > 0 ? 1.0 : Double.NaN) : g[a * k + b] / (norms[a] * norms[b]);
            }
        }
        assertArrayEquals(ref, cos, 0.0, "cosines");
        assertArrayEquals(ref, NeuralCollapse.cosineMatrix(m, k, p), 0.0, "cosineMatrix");
        gNorm = Math.sqrt(gNorm);
        double etf = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double d = g[a * k + b] / gNorm - (((a == b) ? 1.0 : 0.0) - 1.0 / k) / Math.sqrt(k - 1.0);
                etf += d * d;
            }
        }
        assertEquals(Math.sqrt(etf), nc.nc2EtfDistance(), 0.0, "ETF distance");
    }
}
