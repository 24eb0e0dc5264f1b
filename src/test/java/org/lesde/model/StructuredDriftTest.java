package org.lesde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The structured A(t)·v equals the dense Kp×Kp product for every transform kind and impact form. */
class StructuredDriftTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{2, 2}, {2, 5}, {3, 3}, {3, 4}, {7, 7}, {7, 9}};
        for (int[] s : shapes) {
            for (TransformKind kind : TransformKind.values()) {
                for (String impact : new String[] {"two-level", "two-level-powerlaw", "matrix"}) {
                    out.add(Arguments.of(s[0], s[1], kind, impact, kind == TransformKind.MATRIX));
                    if (kind == TransformKind.MATRIX) {
                        out.add(Arguments.of(s[0], s[1], kind, impact, false));
                    }
                }
            }
        }
        return out.stream().map(a -> a);
    }

    @ParameterizedTest(name = "K={0} p={1} {2} {3} shared={4}")
    @MethodSource("cases")
    void structuredEqualsDense(int k, int p, TransformKind kind, String impactForm, boolean shared) {
        SplittableRandom rnd = new SplittableRandom(31L * k + p);
        Impact impact = switch (impactForm) {
            case "two-level" -> new Impact.TwoLevel(new Schedule.Constant(1.7), new Schedule.Constant(-0.4));
            case "two-level-powerlaw" -> new Impact.TwoLevel(new Schedule.PowerLaw(2.0, 0.6), new Schedule.PowerLaw(-0.3, 0.9));
            default -> {
                double[][] e = new double[k][k];
                for (double[] row : e) {
                    for (int j = 0; j < k; j++) {
                        row[j] = rnd.nextDouble(-1, 1);
                    }
                }
                yield new Impact.Matrix(e);
            }
        };
        Transform transform;
        if (kind == TransformKind.MATRIX) {
            int count = shared ? 1 : k * k;
            double[][][] ms = new double[count][p][p];
            for (double[][] m : ms) {
                for (double[] row : m) {
                    for (int j = 0; j < p; j++) {
                        row[j] = rnd.nextDouble(-1, 1);
                    }
                }
            }
            transform = new Transform(kind, ms);
        } else {
            transform = Transform.of(kind);
        }
        LeOperator op = new LeOperator(k, p, impact, transform);
        LeOperator.Kernel kernel = op.kernel();
        int n = k * p;
        double[] v = new double[n];
        double[] out = new double[n];
        for (double t : new double[] {0.0, 0.7, 3.2}) {
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextDouble(-2, 2);
            }
            double scale = 0.37;
            kernel.apply(t, scale, v, out);
            double[][] a = op.dense(t);
            for (int i = 0; i < n; i++) {
                double ref = 0;
                for (int j = 0; j < n; j++) {
                    ref += a[i][j] * v[j];
                }
                assertEquals(scale * ref, out[i], 1e-12, "row " + i + " at t=" + t);
            }
        }
    }
}
