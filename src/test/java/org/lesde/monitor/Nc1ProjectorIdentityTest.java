package org.lesde.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The NC1 projector R = (M̃Q)^† with its products over the matrices' arrays gives the bits of the
 * one-entry-at-a-time loops through EJML's getters it replaced (kept here as the reference): the
 * same terms summed in the same order, for full-rank and rank-deficient means; from
 * {@link MeanGeometry#PINV_QR_MIN_CLASSES} classes with full column rank, the QR route agrees with it to 1e-12.
 */
class Nc1ProjectorIdentityTest {
    /** The loops of lesde 0.1, through get/set/add. */
    static DMatrixRMaj reference(double[] centred, int classes, int dim) {
        DMatrixRMaj q = MeanGeometry.helmert(classes);
        DMatrixRMaj n = new DMatrixRMaj(dim, classes - 1);
        for (int j = 0; j < dim; j++) {
            for (int c = 0; c < classes - 1; c++) {
                double s = 0;
                for (int k = 0; k <= c + 1; k++) {
                    s += centred[k * dim + j] * q.get(k, c);
                }
                n.set(j, c, s);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n.numRows, n.numCols, true, true, true);
        svd.decompose(n.copy());
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] sv = svd.getSingularValues();
        int m = svd.numberOfSingularValues();
        double max = 0;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, sv[i]);
        }
        double tol = max * Math.max(n.numRows, n.numCols) * Math.ulp(1.0);
        DMatrixRMaj out = new DMatrixRMaj(n.numCols, n.numRows);
        for (int i = 0; i < m; i++) {
            if (!(sv[i] > tol)) {
                continue;
            }
            double inv = 1.0 / sv[i];
            for (int r = 0; r < n.numCols; r++) {
                double vr = v.get(r, i) * inv;
                if (vr == 0) {
                    continue;
                }
                for (int c = 0; c < n.numRows; c++) {
                    out.add(r, c, vr * u.get(c, i));
                }
            }
        }
        return out;
    }

    /** Class means spanning {@code rank} random directions, plus {@code offset} along all. */
    private static double[] means(int k, int p, int rank, long seed) {
        Random rnd = new Random(seed);
        double[] basis = new double[rank * p];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = rnd.nextGaussian();
        }
        double[] means = new double[k * p];
        for (int c = 0; c < k; c++) {
            for (int b = 0; b < rank; b++) {
                double w = rnd.nextGaussian();
                for (int j = 0; j < p; j++) {
                    means[c * p + j] += w * basis[b * p + j];
                }
            }
        }
        return means;
    }

    @ParameterizedTest(name = "K = {0}, p = {1}, rank {2}")
    @CsvSource({"2, 1, 1", "3, 3, 2", "3, 2, 2", "10, 10, 9", "10, 4, 4", "10, 20, 3", "40, 41, 39", "40, 60, 12", "100, 100, 99",
        "127, 127, 126", "150, 150, 40", "150, 100, 100"})
    void sameBitsAsTheGetterLoops(int k, int p, int rank) {
        // below PINV_QR_MIN_CLASSES, or rank-deficient, or p < K − 1: the SVD, bit for bit
        double[] centred = MeanGeometry.centred(means(k, p, rank, 7L * k + p + rank), k, p);
        DMatrixRMaj fast = MeanGeometry.nc1Projector(centred, k, p);
        DMatrixRMaj ref = reference(centred, k, p);
        assertEquals(ref.numRows, fast.numRows);
        assertEquals(ref.numCols, fast.numCols);
        assertArrayEquals(ref.data, fast.data, 0.0);
    }

    /**
     * From {@link MeanGeometry#PINV_QR_MIN_CLASSES} classes, full column rank: the QR route's
     * R⁻¹Qᵀ is the SVD's pseudo-inverse to 1e-12 relative (Frobenius), and so is NC1's trace.
     */
    @ParameterizedTest(name = "K = {0}, p = {1}")
    @CsvSource({"128, 128", "128, 400", "200, 250", "300, 300"})
    void theQrRouteIsTheSvdPseudoInverse(int k, int p) {
        double[] centred = MeanGeometry.centred(means(k, p, k - 1, 31L * k + p), k, p);
        DMatrixRMaj viaQr = MeanGeometry.nc1Projector(centred, k, p);
        DMatrixRMaj ref = reference(centred, k, p);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < ref.data.length; i++) {
            diff += (viaQr.data[i] - ref.data[i]) * (viaQr.data[i] - ref.data[i]);
            norm += ref.data[i] * ref.data[i];
        }
        double rel = Math.sqrt(diff / norm);
        org.junit.jupiter.api.Assertions.assertTrue(rel < 1e-12, "relative difference " + rel);
        org.junit.jupiter.api.Assertions.assertTrue(rel > 0 || k < 0, "the QR route is taken (a difference of exactly 0 would mean the SVD ran)");
        // tr(R W Rᵀ) for a random symmetric positive W: NC1's use of the projector
        Random rnd = new Random(k);
        double[] a = new double[p * p];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        double t1 = 0;
        double t2 = 0;
        for (int row = 0; row < k - 1; row++) {
            for (int c = 0; c < p; c++) {
                double x1 = 0;
                double x2 = 0;
                for (int j = 0; j < p; j++) {
                    x1 += viaQr.data[row * p + j] * a[c * p + j];
                    x2 += ref.data[row * p + j] * a[c * p + j];
                }
                t1 += x1 * x1; // ||R Aᵀ||² = tr(R AᵀA Rᵀ)
                t2 += x2 * x2;
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(t2, t1, 1e-12 * t2);
    }
}
