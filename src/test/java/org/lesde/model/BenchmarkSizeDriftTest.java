package org.lesde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The structured A(t)·v of {@link LeOperator.Kernel} against the dense reference: the whole
 * matrix {@link LeOperator#dense} where it fits (K = 3 and K = 10, p = K and p > K, every transform
 * kind, two-level and general impacts, time-varying schedules), and for the benchmark sizes
 * K = p = 100 and K = p = 1000 (a dense A would take 800 MB / 8 TB) selected rows of A built
 * blockwise from E and the residual directions, never the whole matrix. Agreement to 1e-12
 * relative to the size of the product.
 */
class BenchmarkSizeDriftTest {
    static final double TOL = 1e-12;

    static Impact twoLevel(double a, double b) {
        return new Impact.TwoLevel(new Schedule.Constant(a), new Schedule.Constant(b));
    }

    static Impact timeVarying() {
        return new Impact.TwoLevel(new Schedule.PowerLaw(2.0, 0.5), new Schedule.PowerLaw(-0.7, 0.25));
    }

    static Impact general(int k, SplittableRandom r) {
        double[][] e = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                e[i][j] = r.nextDouble(-1, 1);
            }
        }
        return new Impact.Matrix(e);
    }

    static Transform transform(TransformKind kind, int k, int p, SplittableRandom r, boolean shared) {
        if (kind != TransformKind.MATRIX) {
            return Transform.of(kind);
        }
        int count = shared ? 1 : k * k;
        double[][][] h = new double[count][p][p];
        for (double[][] m : h) {
            for (double[] row : m) {
                for (int j = 0; j < p; j++) {
                    row[j] = r.nextDouble(-1, 1);
                }
            }
        }
        return new Transform(TransformKind.MATRIX, h);
    }

    static double[] randomVector(int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** max |a − b| <= TOL·max(1, max |b|). */
    static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 1;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(err <= TOL * scale, what + ": max error " + err + " > " + TOL + " x " + scale);
    }

    static double[] denseTimes(double[][] a, double scale, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double acc = 0;
            for (int j = 0; j < v.length; j++) {
                acc += a[i][j] * v[j];
            }
            out[i] = scale * acc;
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(TransformKind.class)
    void denseAndStructuredAgreeForK3AndK10(TransformKind kind) {
        SplittableRandom r = new SplittableRandom(kind.ordinal());
        for (int k : new int[] {3, 10}) {
            for (int p : new int[] {k, k + 2}) {
                for (int variant = 0; variant < 3; variant++) {
                    Impact e = switch (variant) {
                        case 0 -> twoLevel(2.0, -0.5);
                        case 1 -> timeVarying();
                        default -> general(k, r);
                    };
                    for (boolean shared : new boolean[] {true, false}) {
                        LeOperator op = new LeOperator(k, p, e, transform(kind, k, p, r, shared));
                        LeOperator.Kernel kernel = op.kernel();
                        for (double t : new double[] {0.0, 0.37, 5.0}) {
                            double[] v = randomVector(k * p, r);
                            double[] out = new double[k * p];
                            double scale = 1.0 / k;
                            kernel.apply(t, scale, v, out);
                            assertClose(denseTimes(op.dense(t), scale, v), out,
                                    kind + " K=" + k + " p=" + p + " impact " + variant + " t=" + t);
                        }
                    }
                }
            }
        }
    }

    /**
     * Row r = k·p + i of A(t), built blockwise: A[r][l·p + j] = E_kl(t)·H_kl[i][j] with
     * H from the residual directions (identity / residual kinds only).
     */
    static double[] denseRow(LeOperator op, double t, int r) {
        int kk = op.classes();
        int p = op.dim();
        double[] e = new double[kk * kk];
        op.impact().fill(t, kk, e);
        double[][] u = op.residualDirections();
        int k = r / p;
        int i = r % p;
        double[] row = new double[kk * p];
        for (int l = 0; l < kk; l++) {
            double ekl = e[k * kk + l];
            for (int j = 0; j < p; j++) {
                double h = switch (op.transform().kind()) {
                    case IDENTITY -> i == j ? 1 : 0;
                    case RESIDUAL_SOURCE -> u[l][i] * u[l][j];
                    case RESIDUAL_TARGET -> u[k][i] * u[k][j];
                    case RESIDUAL_OUTER -> u[k][i] * u[l][j];
                    default -> throw new IllegalArgumentException();
                };
                row[l * p + j] = ekl * h;
            }
        }
        return row;
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void benchmarkSizesAgreeRowByRow(int k) {
        SplittableRandom r = new SplittableRandom(k);
        int n = k * k;
        double[] v = randomVector(n, r);
        int[] rows = {0, 1, k - 1, k, k + 1, n / 2 + 3, n - k, n - 1};
        for (TransformKind kind : new TransformKind[] {TransformKind.RESIDUAL_SOURCE, TransformKind.IDENTITY,
            TransformKind.RESIDUAL_TARGET, TransformKind.RESIDUAL_OUTER}) {
            for (Impact e : new Impact[] {twoLevel(2.0, -0.5), timeVarying()}) {
                LeOperator op = new LeOperator(k, k, e, Transform.of(kind));
                double[] out = new double[n];
                double t = 0.3;
                double scale = 1.0 / k;
                op.kernel().apply(t, scale, v, out);
                double[] expected = new double[rows.length];
                double[] actual = new double[rows.length];
                for (int q = 0; q < rows.length; q++) {
                    double[] row = denseRow(op, t, rows[q]);
                    double acc = 0;
                    for (int j = 0; j < n; j++) {
                        acc += row[j] * v[j];
                    }
                    expected[q] = scale * acc;
                    actual[q] = out[rows[q]];
                }
                assertClose(expected, actual, kind + " K=p=" + k);
            }
        }
    }

    @Test
    void blockwiseRowsMatchTheDenseMatrix() {
        SplittableRandom r = new SplittableRandom(5);
        for (TransformKind kind : new TransformKind[] {TransformKind.RESIDUAL_SOURCE, TransformKind.IDENTITY,
            TransformKind.RESIDUAL_TARGET, TransformKind.RESIDUAL_OUTER}) {
            LeOperator op = new LeOperator(4, 6, general(4, r), Transform.of(kind));
            double[][] a = op.dense(1.5);
            for (int row = 0; row < a.length; row++) {
                double[] b = denseRow(op, 1.5, row);
                for (int j = 0; j < b.length; j++) {
                    assertEquals(a[row][j], b[j], 0.0, kind + " row " + row);
                }
            }
        }
    }
}
