package org.lesde.sim;

import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.model.LeModel;
import org.lesde.model.LeNoise;
import org.lesde.model.LeOperator;
import org.lesde.random.Streams;
import org.lesde.sde.BlowUpException;

/**
 * LE-SGD, the discrete particle dynamics (review eq. 41; docs/theory.md#21-le-sgd). n particles per class; at
 * iteration m (t = m·h) one particle (k', i') is drawn uniformly from all K·n, and every particle
 * moves: X_k^i ← X_k^i + h·E_kk'(t)·H_kk'·X_k'^i' + h·ε_k^i, ε ~ N(0, Σ) independent.
 *
 * <p>Particles are stored as n replicas of the full Kp state (replica i = (X_1^i; ...; X_K^i)),
 * so a Kp×Kp noise covariance and the summaries apply exactly as for SDE paths; replica i is
 * reported to the statistics as "path" i. The noise h·ε = sqrt(h)·G(t, x)·z with G the LE-SDE
 * diffusion (which already carries sqrt(h)). For centred proportional noise the centring
 * reference is the current class mean of the particles. Draws come from one stream (SGD family)
 * and the run is sequential, hence reproducible.
 */
public final class LeSgd {
    private LeSgd() {
    }

    /** Iterations for a horizon: round(horizon/h). */
    public static int iterations(double horizon, double h) {
        return (int) Math.max(1, Math.round(horizon / h));
    }

    /**
     * Runs the particles and returns the merged statistics (one per factory).
     *
     * @param outputs number of output intervals: rows at iterations round(r·M/outputs)
     */
    public static List<ChunkAccumulator> run(Assembly a, int particles, int outputs,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress) {
        return run(a, particles, outputs, statistics, progress, 0);
    }

    /**
     * {@link #run(Assembly, int, int, List, Progress)} for one of several independent
     * realisations: repeat r draws from stream r of the SGD family of the master seed (repeat 0 is
     * the single run; see docs/theory.md#66-comparing-the-sde-and-sgd-with-the-le-ode).
     */
    public static List<ChunkAccumulator> run(Assembly a, int particles, int outputs,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress, int repeat) {
        return run(a, particles, outputs, statistics, progress, repeat, new WorkClock());
    }

    /**
     * {@link #run(Assembly, int, int, List, Progress, int)}, adding the run's time and the time spent
     * observing the particles at the output rows to {@code clock}.
     */
    public static List<ChunkAccumulator> run(Assembly a, int particles, int outputs,
            List<Supplier<ChunkAccumulator>> statistics, Progress progress, int repeat, WorkClock clock) {
        final long start = System.nanoTime();
        long observing = 0;
        final LeModel model = a.model();
        final double[] mean0 = a.mean0();
        final int kk = model.classes();
        final int p = model.dim();
        final int n = kk * p;
        final double h = model.stepSize();
        final int iters = iterations(model.time().horizon(), h);
        final int rows = Math.min(outputs, iters) + 1;
        LeOperator.Kernel kernel = a.operator().kernel();
        LeNoise noise = a.noise();
        Streams streams = Streams.of(model.simulation().seed()).child(Streams.SGD);
        UniformRandomProvider rng = streams.stream(repeat);
        ZigguratSampler.NormalizedGaussian normal = Streams.normal(rng);

        double[] x = new double[particles * n];
        double[] xi = new double[n];
        for (int i = 0; i < particles; i++) {
            LePathWorker.initialState(normal, mean0, model.init().spread(), xi);
            System.arraycopy(xi, 0, x, i * n, n);
        }
        double[] v = new double[n];
        double[] delta = new double[n];
        double[] z = new double[n];
        double[] g = new double[n];
        double[] ref = new double[n];
        double sqrtH = Math.sqrt(h);
        ChunkedObservation obs = new ChunkedObservation(particles, statistics);
        int nextRow = 0;
        for (int m = 0; m <= iters; m++) {
            double t = m * h;
            if (nextRow < rows && Math.round((double) nextRow * iters / (rows - 1)) == m) {
                long s = System.nanoTime(); // one output row of every particle: timed whole
                for (int i = 0; i < particles; i++) {
                    System.arraycopy(x, i * n, xi, 0, n);
                    obs.observe(i, nextRow, t, xi);
                }
                observing += System.nanoTime() - s;
                nextRow++;
                progress.update(m, iters);
            }
            if (m == iters) {
                break;
            }
            int draw = rng.nextInt(kk * particles);
            int kPrime = draw / particles;
            int iPrime = draw % particles;
            java.util.Arrays.fill(v, 0.0);
            System.arraycopy(x, iPrime * n + kPrime * p, v, kPrime * p, p);
            kernel.apply(t, h, v, delta);
            if (noise.needsReference()) {
                java.util.Arrays.fill(ref, 0.0);
                for (int i = 0; i < particles; i++) {
                    for (int j = 0; j < n; j++) {
                        ref[j] += x[i * n + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    ref[j] /= particles;
                }
            }
            for (int i = 0; i < particles; i++) {
                int o = i * n;
                System.arraycopy(x, o, xi, 0, n);
                for (int j = 0; j < n; j++) {
                    z[j] = normal.sample();
                }
                noise.apply(t, xi, ref, z, g);
                for (int j = 0; j < n; j++) {
                    x[o + j] = xi[j] + delta[j] + sqrtH * g[j];
                }
            }
            BlowUpException.check(x, (m + 1) * h);
        }
        clock.add(System.nanoTime() - start, observing);
        return obs.merged();
    }
}
