package org.lesde.sim;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.random.GaussianIncrements;
import org.lesde.random.Streams;
import org.lesde.sde.Integrator;
import org.lesde.sde.PathObserver;
import org.lesde.sde.SdeSystem;
import org.lesde.sde.Stepper;
import org.lesde.sde.TimeGrid;

/**
 * Simulates independent LE-SDE paths on one thread: path i draws, from stream i of the paths
 * family, first its initial state X̄(0) + spread·Z and then its Brownian increments. State,
 * noise and work buffers are allocated once per worker; per path only the path's generator and
 * its ziggurat sampler are created.
 */
final class LePathWorker implements EnsembleRunner.PathWorker {
    private final Streams streams;
    private final double[] mean0;
    private final double spread;
    private final TimeGrid grid;
    private final Stepper.Step step;
    private final double[] x;
    private final double[] dW;
    private final GaussianIncrements increments;

    LePathWorker(SdeSystem system, Stepper stepper, Streams streams, double[] mean0, double spread, TimeGrid grid) {
        this.streams = streams;
        this.mean0 = mean0;
        this.spread = spread;
        this.grid = grid;
        this.step = stepper.bind(system.copyForThread());
        this.x = new double[system.dimension()];
        this.dW = new double[system.noiseDimension()];
        this.increments = new GaussianIncrements(Streams.normal(streams.stream(0)));
    }

    @Override
    public void runPath(long path, PathObserver observer) {
        ZigguratSampler.NormalizedGaussian normal = Streams.normal(streams.stream(path));
        initialState(normal, mean0, spread, x);
        Integrator.run(step, increments.use(normal), x, dW, grid, observer);
    }

    /** x = mean0 + spread·Z. */
    static void initialState(ZigguratSampler.NormalizedGaussian normal, double[] mean0, double spread, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = mean0[i] + spread * normal.sample();
        }
    }
}
