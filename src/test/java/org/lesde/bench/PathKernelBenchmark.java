package org.lesde.bench;

import java.util.concurrent.TimeUnit;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.model.LeModel;
import org.lesde.model.LeSystem;
import org.lesde.random.BrownianIncrements;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;
import org.lesde.sde.BlowUpException;
import org.lesde.sde.Integrator;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;
import org.lesde.sim.Assembly;
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
 * JMH: one chunk of 32 paths of a bench workload ({@code paper-k3}: mean closure, additive noise,
 * Euler–Maruyama; {@code milstein-k10}: self closure, proportional noise, Milstein) over all its
 * steps, without summaries, against the floor: the same number of normals drawn from the same
 * path streams. {@code kernel=current} is the step path of {@code simulate} (the affine segment
 * driver on blocks of 32 paths for paper-k3; one path at a time with the fused Milstein update
 * for milstein-k10); {@code kernel=baseline} is lesde 0.1's loop, kept here: one path at a time,
 * one step at a time, increment drawn per step, the step through a plain {@link Stepper.Step}
 * (paper-k3: the fused table update; milstein-k10: drift increment, diagonal diffusion and the
 * Milstein loop through scratch arrays; both with today's drift kernel) and the blow-up check
 * after every step. Divide by 32·steps·K·p for the cost per component-step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathKernelBenchmark {
    static final int PATHS = 32;

    @Param({"paper-k3", "milstein-k10"})
    public String workload;

    @Param({"current", "baseline"})
    public String kernel;

    private TimeGrid grid;
    private Streams streams;
    private double[] mean0;
    private double spread;
    private Stepper.Step step;
    private Stepper.Step plain;
    private int n;
    private double[][] x;
    private double[][] dW;
    private GaussianIncrements[] bm;
    private Integrator.Workspace ws;
    private double[] buf;
    private double sink;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = workload.equals("paper-k3") ? Workloads.paperK3(false) : Workloads.milsteinK10(false);
        LeModel m = w.model();
        Assembly a = Assembly.of(m);
        grid = a.grid();
        mean0 = a.mean0();
        spread = m.init().spread();
        streams = Streams.of(m.simulation().seed()).child(Streams.PATHS);
        n = m.stateDim();
        LeSystem sys = new LeSystem(a.operator(), a.noise(), m.closure(), a.meanPart().table());
        step = m.simulation().solver().stepper().orElseThrow().bind(sys);
        if (m.noise().kind().type() == org.lesde.sde.NoiseType.ADDITIVE) {
            Stepper.Step s = step;
            plain = s::step;
        } else { // lesde 0.1's Milstein step for diagonal noise
            double[] da = new double[n];
            double[] g = new double[n];
            double[] dg = new double[n];
            plain = (t, dt, xx, w2) -> {
                sys.driftIncrement(t, dt, xx, da);
                sys.diagonalDiffusion(t, xx, g, dg);
                for (int i = 0; i < n; i++) {
                    double v = w2[i];
                    xx[i] += da[i] + g[i] * v + 0.5 * g[i] * dg[i] * (v * v - dt);
                }
            };
        }
        x = new double[PATHS][n];
        dW = new double[PATHS][n];
        bm = new GaussianIncrements[PATHS];
        for (int b = 0; b < PATHS; b++) {
            bm[b] = new GaussianIncrements(Streams.normal(streams.stream(b)));
        }
        ws = new Integrator.Workspace(n);
        buf = new double[1024];
    }

    /** Steps of the workload (for per-component-step figures). */
    int steps() {
        return grid.steps();
    }

    /** State components K·p. */
    int dimension() {
        return n;
    }

    private void start(int b) {
        ZigguratSampler.NormalizedGaussian normal = Streams.normal(streams.stream(b));
        for (int i = 0; i < n; i++) {
            x[b][i] = mean0[i] + spread * normal.sample();
        }
        bm[b].use(normal);
    }

    @Benchmark
    public double chunk() {
        if (kernel.equals("baseline")) {
            for (int b = 0; b < PATHS; b++) {
                start(b);
                baselinePath(plain, bm[b], x[b], dW[b], grid);
            }
            return sink + x[PATHS - 1][0];
        }
        if (step instanceof Stepper.AffineStep) {
            for (int b = 0; b < PATHS; b++) {
                start(b);
            }
            Integrator.run(step, bm, x, dW, PATHS, grid, (b, row, t, s) -> sink += s[0], ws);
        } else {
            BrownianIncrements[] one = new BrownianIncrements[1];
            for (int b = 0; b < PATHS; b++) {
                start(b);
                one[0] = bm[b];
                double[][] xb = {x[b]};
                double[][] wb = {dW[b]};
                Integrator.run(step, one, xb, wb, 1, grid, (m, row, t, s) -> sink += s[0], ws);
            }
        }
        return sink + x[PATHS - 1][0];
    }

    /** The same count of normals (initial states and increments) from the same streams. */
    @Benchmark
    public double normalsFloor() {
        double acc = 0;
        long per = (long) (grid.steps() + 1) * n;
        for (int b = 0; b < PATHS; b++) {
            ZigguratSampler.NormalizedGaussian g = Streams.normal(streams.stream(b));
            for (long done = 0; done < per; done += buf.length) {
                int len = (int) Math.min(buf.length, per - done);
                for (int i = 0; i < len; i++) {
                    buf[i] = g.sample();
                }
                acc += buf[len - 1];
            }
        }
        return acc;
    }

    /** lesde 0.1's driver loop for one path (observations at the output rows). */
    private void baselinePath(Stepper.Step st, BrownianIncrements w, double[] xb, double[] wb, TimeGrid g) {
        int nextOut = 1;
        sink += xb[0];
        double dt = g.dt();
        int steps = g.steps();
        int nextOutStep = g.outputs() > 1 ? g.outputStep(1) : -1;
        double t = g.time(0);
        for (int s = 0; s < steps; s++) {
            double t1 = g.time(s + 1);
            w.next(dt, wb);
            st.step(t, dt, xb, wb);
            BlowUpException.check(xb, t1);
            if (s + 1 == nextOutStep) {
                sink += xb[0];
                nextOut++;
                nextOutStep = nextOut < g.outputs() ? g.outputStep(nextOut) : -1;
            }
            t = t1;
        }
    }
}
