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
 * same terms summed in the same order, for full-rank and rank-deficient means.
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

    @ParameterizedTest(name = "K = {0}, p = {1}, rank {2}")
    @CsvSource({"2, 1, 1", "3, 3, 2", "3, 2, 2", "10, 10, 9", "10, 4, 4", "10, 20, 3", "40, 41, 39", "40, 60, 12", "100, 100, 99"})
    void sameBitsAsTheGetterLoops(int k, int p, int rank) {
        Random rnd = new Random(7L * k + p + rank);
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
        double[] centred = MeanGeometry.centred(means, k, p);
        DMatrixRMaj fast = MeanGeometry.nc1Projector(centred, k, p);
        DMatrixRMaj ref = reference(centred, k, p);
        assertEquals(ref.numRows, fast.numRows);
        assertEquals(ref.numCols, fast.numCols);
        assertArrayEquals(ref.data, fast.data, 0.0);
    }
}
