package org.lesde.bench;

import java.util.concurrent.TimeUnit;

import org.lesde.model.Closure;
import org.lesde.model.Impact;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.model.LeSystem;
import org.lesde.model.MeanTrajectory;
import org.lesde.model.Noise;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;
import org.lesde.sde.BlowUpException;
import org.lesde.sde.TimeGrid;
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
 * JMH: the pieces of one additive-noise, mean-closure EM step on a state of n = K·p components
 * (K = p, n = K² components per call): drawing the Brownian increment (n normals), the fused
 * update {@link LeSystem#addEulerIncrement} x += (X̄(t+dt) − X̄(t)) + s·dW (as a lockstep-block
 * member after the first: the step's increment already computed), and the blow-up check. Divide
 * by n for the per-component cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StepKernelBenchmark {

    @Param({"3", "100"})
    public int classes;

    private int n;
    private GaussianIncrements increments;
    private LeSystem system;
    private double[] x;
    private double[] dW;

    @Setup(Level.Trial)
    public void setUp() {
        increments = new GaussianIncrements(Streams.normal(Streams.of(1).child(Streams.PATHS).stream(0)));
        int k = classes;
        n = k * k;
        double[] data = new double[2 * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(i);
        }
        MeanTrajectory table = new MeanTrajectory(TimeGrid.ofSteps(1.0, 1, 1), n, data);
        LeOperator op = new LeOperator(k, k, new Impact.TwoLevel(new Schedule.Constant(2.0), new Schedule.Constant(-0.5)),
                Transform.of(TransformKind.RESIDUAL_SOURCE));
        system = new LeSystem(op, new LeNoise(new Noise.Additive(new Schedule.Constant(1.0)), k, k, 0.01), Closure.MEAN,
                table);
        x = new double[n];
        dW = new double[n];
        increments.next(0.01, dW);
        a = new double[n];
        b = new double[n];
    }

    private double[] a;
    private double[] b;

    @Benchmark
    public double[] brownianIncrement() {
        increments.next(0.01, dW);
        return dW;
    }

    @Benchmark
    public double[] fusedUpdate() {
        system.addEulerIncrement(0.0, 1.0, x, dW, a, b);
        return x;
    }

    @Benchmark
    public double[] check() {
        BlowUpException.check(x, 0.0);
        return x;
    }
}
