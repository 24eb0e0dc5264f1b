package org.lesde.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.lesde.model.Impact;
import org.lesde.model.LeOperator;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one drift evaluation out = (1/K)·A(t)·v with K = p, structured ({@link LeOperator.Kernel},
 * O(Kp + K²)) against the dense reference ({@link LeOperator#dense} times v, O((Kp)²)). The
 * dense matrix is built once per trial; at K = 100 it takes 800 MB (the fork gets -Xmx3g).
 * Run: {@code mvn -q -Pjmh test-compile exec:exec} (README "Performance").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class DriftKernelBenchmark {

    @Param({"3", "10", "100"})
    public int classes;

    @Param({"residual-source", "identity"})
    public String transform;

    private LeOperator.Kernel kernel;
    private double[][] dense;
    private double[] v;
    private double[] out;
    private double scale;

    @Setup(Level.Trial)
    public void setUp() {
        int k = classes;
        LeOperator op = new LeOperator(k, k, new Impact.TwoLevel(new Schedule.Constant(2.0), new Schedule.Constant(-0.5)),
                Transform.of(TransformKind.byKey(transform).orElseThrow()));
        kernel = op.kernel();
        dense = op.dense(0.5);
        SplittableRandom r = new SplittableRandom(1);
        v = new double[k * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        out = new double[k * k];
        scale = 1.0 / k;
    }

    @Benchmark
    public double[] structured() {
        kernel.apply(0.5, scale, v, out);
        return out;
    }

    @Benchmark
    public double[] dense() {
        final double[] x = v;
        for (int i = 0; i < dense.length; i++) {
            final double[] row = dense[i];
            double acc = 0;
            for (int j = 0; j < x.length; j++) {
                acc += row[j] * x[j];
            }
            out[i] = scale * acc;
        }
        return out;
    }
}
