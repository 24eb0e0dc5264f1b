package org.lesde.fit;

import org.lesde.BadInputException;

/**
 * The whole analysis of a training log (docs/theory.md#7-fitting-a-training-log): class means → Â, B̂ of the I- and L-models →
 * α̂, β̂ by Savitzky–Golay → tail indices → optional LE-ODE replay driven by the L-model with its
 * own window (the official pipeline uses 21).
 */
public final class Fit {
    public static final int DEFAULT_WINDOW = 151;
    public static final int DEFAULT_TAIL = 1000;
    public static final int DEFAULT_REPLAY_WINDOW = 21;

    private Fit() {
    }

    /**
     * @param window        Savitzky–Golay window for α̂, β̂ (odd, >= 5, <= T)
     * @param tail          tail length for the tail indices, or null for min(1000, T−1)
     * @param replayTrials  number of replay trials (0: no replay; ignored when replayInit is given)
     * @param replayInit    explicit initial states (N x K²) or null for Gaussian ones
     * @param replayWindow  Savitzky–Golay window of the α̂, β̂ that drive the replay
     * @param replayNoise   σ of the additive replay noise (0: the official deterministic replay)
     * @param seed          master seed (Gaussian initial states and noise)
     */
    public record Options(int window, Integer tail, int replayTrials, double[][] replayInit, int replayWindow,
            double replayNoise, long seed) {
        public static Options defaults() {
            return new Options(DEFAULT_WINDOW, null, 0, null, DEFAULT_REPLAY_WINDOW, 0.0, 1L);
        }

        public boolean replay() {
            return replayInit != null || replayTrials > 0;
        }
    }

    /** One model's estimates: Â, B̂, their derivatives and tail indices. */
    public record Model(double[] a, double[] b, double[] alpha, double[] beta, TailIndex.Result tailA,
            TailIndex.Result tailB) {
    }

    /**
     * @param replayAlpha α̂ of the L-model with the replay window (null without replay)
     * @param initialSigma per-class Gaussian scales ‖X̄^c(0)‖/√K of the replay initial states
     */
    public record Result(ClassMeans means, Model i, Model l, double[] phi1L, double c1L, int window, int tail,
            int replayWindow, double[] replayAlpha, double[] replayBeta, double[] initialSigma,
            boolean gaussianInit, LeOdeReplay.Result replay) {
        public int classes() {
            return means.classes();
        }

        public int iterations() {
            return means.iterations();
        }
    }

    /** Validates options against a log with T iterations (throws {@link BadInputException}). */
    public static int validate(Options o, int iterations, int classes) {
        if (iterations < 5) {
            throw new BadInputException("the log has " + iterations + " iterations; fitting needs at least 5");
        }
        checkWindow("--window", o.window(), iterations);
        int tail;
        if (o.tail() == null) {
            tail = Math.min(DEFAULT_TAIL, iterations - 1);
        } else {
            tail = o.tail();
            if (tail < 1 || tail > iterations - 1) {
                throw new BadInputException("--tail must be in 1.." + (iterations - 1)
                        + " (iterations - 1: ln(1) = 0 at the first iteration), got " + tail);
            }
        }
        if (o.replay()) {
            checkWindow("--replay-window", o.replayWindow(), iterations);
            if (!(o.replayNoise() >= 0) || !Double.isFinite(o.replayNoise())) {
                throw new BadInputException("--replay-noise must be finite and >= 0, got " + o.replayNoise());
            }
            if (o.replayInit() != null) {
                for (double[] row : o.replayInit()) {
                    if (row.length != classes * classes) {
                        throw new BadInputException("replay initial states must have K*K = " + classes * classes
                                + " coordinates, got " + row.length);
                    }
                }
            } else if (o.replayTrials() < 1) {
                throw new BadInputException("--replay must be >= 1, got " + o.replayTrials());
            }
        }
        return tail;
    }

    private static void checkWindow(String field, int w, int iterations) {
        if (w > iterations) {
            throw new BadInputException(field + " must be <= the number of iterations in the log (" + iterations
                    + "), got " + w);
        }
        SavitzkyGolay.validateWindow(field, w, iterations);
    }

    public static Result run(ClassMeans means, Options o) {
        int k = means.classes();
        int t = means.iterations();
        int tail = validate(o, t, k);
        double[][] x = means.values();
        ImpactEstimator.Estimate ei = ImpactEstimator.estimateI(x, k);
        ImpactEstimator.Estimate el = ImpactEstimator.estimateL(x, k);
        Model mi = model(ei, o.window(), tail);
        Model ml = model(el, o.window(), tail);
        double[] ra = null;
        double[] rb = null;
        double[] sigma = LeOdeReplay.initialScales(x[0], k);
        LeOdeReplay.Result replay = null;
        boolean gaussian = o.replayInit() == null;
        if (o.replay()) {
            ra = o.replayWindow() == o.window() ? ml.alpha() : SavitzkyGolay.derivative(el.a(), o.replayWindow());
            rb = o.replayWindow() == o.window() ? ml.beta() : SavitzkyGolay.derivative(el.b(), o.replayWindow());
            double[][] init = gaussian
                    ? LeOdeReplay.gaussianInitialStates(x[0], k, o.replayTrials(), o.seed())
                    : o.replayInit();
            replay = LeOdeReplay.run(ra, rb, k, init, o.replayNoise(), o.seed(), gaussian);
        }
        return new Result(means, mi, ml, el.phi1(), el.c1(), o.window(), tail, o.replayWindow(), ra, rb, sigma,
                gaussian, replay);
    }

    private static Model model(ImpactEstimator.Estimate e, int window, int tail) {
        return new Model(e.a(), e.b(), SavitzkyGolay.derivative(e.a(), window), SavitzkyGolay.derivative(e.b(), window),
                TailIndex.estimate(e.a(), tail), TailIndex.estimate(e.b(), tail));
    }
}
