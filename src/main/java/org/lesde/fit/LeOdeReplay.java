package org.lesde.fit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.BadInputException;
import org.lesde.random.Streams;

/**
 * Replays the LE-ODE with estimated impacts, as the official {@code fwd_euler} does (docs/theory.md#7-fitting-a-training-log,
 * shared-data README §3): the unit-step residual-source Euler map, for t = 1..T−1,
 * <pre>
 *   Y^c(t) = Y^c(t−1) + (1/K)·[ α(t)·P_c Y^c(t−1) + β(t)·Σ_{c'≠c} P_{c'} Y^{c'}(t−1) ] (+ σ·Z^c(t))
 * </pre>
 * with P_c = r_c r_cᵀ/‖r_c‖², r_c = e_c − 1/K, p = K (logits as features), applied as
 * r_c·⟨r_c, y⟩/‖r_c‖² (O(K²) per trial and step). Note the coefficient
 * index t (not t−1) and that each class state is projected with its own class's P before it
 * acts on the others (source-indexed), exactly as in the official code.
 *
 * <p><b>Noise (an lesde extension; the official replay has none).</b> With {@code noise} σ > 0
 * each step adds σ·Z, Z ~ N(0, I_{K²}) independent per trial, step and coordinate: this is the
 * Euler–Maruyama scheme with unit step (ΔW ~ N(0, 1)) for the linear LE-SDE
 * dY = (1/K)A(t)Y dt + σ dW with additive isotropic noise, each trial driven by its own state
 * (the {@code self} closure of docs/theory.md#2-the-three-dynamics).
 *
 * <p><b>Randomness.</b> Trial i uses the stream {@code Streams.of(seed).child(REPLAY).stream(i)}:
 * first the K² Gaussian initial coordinates (class-major; only when the initial states are drawn
 * here), then K² normals per step when σ > 0. Results depend on the seed only.
 */
public final class LeOdeReplay {
    private LeOdeReplay() {
    }

    /**
     * @param mean   per iteration, the mean over trials of each coordinate (T x K²)
     * @param sd     per iteration, the standard deviation over trials (ddof 0)
     * @param initial the initial states (N x K²)
     * @param last   the states at the last iteration (N x K²)
     */
    public record Result(double[][] mean, double[][] sd, double[][] initial, double[][] last) {
        public int trials() {
            return initial.length;
        }

        /** Whether every mean and sd is finite (false when the coefficients were not finite). */
        public boolean finite() {
            for (int m = 0; m < mean.length; m++) {
                for (int s = 0; s < mean[m].length; s++) {
                    if (!Double.isFinite(mean[m][s]) || !Double.isFinite(sd[m][s])) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * Gaussian initial states as in the official code: coordinate j of class c of trial i is
     * σ_c·Z with σ_c = ‖X̄^c(0)‖/√K, drawn from trial i's replay stream.
     */
    public static double[][] gaussianInitialStates(double[] xbar0, int k, int trials, long seed) {
        if (trials < 1) {
            throw new BadInputException("replay trials must be >= 1, got " + trials);
        }
        double[] sigma = initialScales(xbar0, k);
        Streams streams = Streams.of(seed).child(Streams.REPLAY);
        double[][] init = new double[trials][k * k];
        for (int i = 0; i < trials; i++) {
            ZigguratSampler.NormalizedGaussian z = Streams.normal(streams.stream(i));
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    init[i][c * k + j] = sigma[c] * z.sample();
                }
            }
        }
        return init;
    }

    /** σ_c = ‖X̄^c(0)‖₂/√K per class. */
    public static double[] initialScales(double[] xbar0, int k) {
        double[] sigma = new double[k];
        for (int c = 0; c < k; c++) {
            double ss = 0.0;
            for (int j = 0; j < k; j++) {
                double x = xbar0[c * k + j];
                ss += x * x;
            }
            sigma[c] = Math.sqrt(ss) / Math.sqrt(k);
        }
        return sigma;
    }

    /**
     * Runs the replay.
     *
     * @param alpha   α̂(t), t = 0..T−1 (α̂(0) is unused)
     * @param beta    β̂(t)
     * @param initial N x K² initial states (copied)
     * @param noise   σ >= 0 of the additive noise (0 = the official deterministic replay)
     * @param seed    master seed (used only when noise > 0)
     * @param gaussianInitDrawn whether the initial states were drawn from the same streams
     *                (then the noise continues each trial's stream after its K² initial draws)
     */
    public static Result run(double[] alpha, double[] beta, int k, double[][] initial, double noise, long seed,
            boolean gaussianInitDrawn) {
        int t = alpha.length;
        if (beta.length != t) {
            throw new IllegalArgumentException("alpha and beta lengths differ");
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new BadInputException("replay noise must be finite and >= 0, got " + noise);
        }
        int kk = k * k;
        int n = initial.length;
        if (n < 1) {
            throw new BadInputException("replay needs at least one trial");
        }
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            if (initial[i].length != kk) {
                throw new BadInputException("initial state " + i + " must have K*K = " + kk + " entries, got " + initial[i].length);
            }
            y[i] = initial[i].clone();
        }
        // P_c y = r_c (r_c . y) / ||r_c||^2 with r_c = e_c - 1/K: O(K) per class rather than the
        // official K x K matrix product (agrees with it to ~1e-16), and the sum over the other
        // classes as (sum over all) - (own), so a step costs O(K^2) per trial.
        final double diagR = 1.0 - 1.0 / k; // r_c[c]
        final double offR = -1.0 / k;        // r_c[j], j != c
        double ss = diagR * diagR;
        for (int j = 1; j < k; j++) {
            ss += offR * offR;
        }
        final double rNorm2 = ss;
        ZigguratSampler.NormalizedGaussian[] z = new ZigguratSampler.NormalizedGaussian[n];
        if (noise > 0) {
            Streams streams = Streams.of(seed).child(Streams.REPLAY);
            for (int i = 0; i < n; i++) {
                UniformRandomProvider rng = streams.stream(i);
                z[i] = Streams.normal(rng);
                if (gaussianInitDrawn) {
                    for (int s = 0; s < kk; s++) {
                        z[i].sample(); // skip the draws that produced the initial state
                    }
                }
            }
        }
        double[][] mean = new double[t][kk];
        double[][] sd = new double[t][kk];
        stats(y, mean[0], sd[0]);
        double[] py = new double[kk];
        double[] next = new double[kk];
        double[] total = new double[k];
        for (int m = 1; m < t; m++) {
            double a = alpha[m];
            double b = beta[m];
            for (int i = 0; i < n; i++) {
                double[] yi = y[i];
                java.util.Arrays.fill(total, 0.0);
                for (int c = 0; c < k; c++) {
                    double dot = 0.0;
                    for (int j = 0; j < k; j++) {
                        dot += (j == c ? diagR : offR) * yi[c * k + j];
                    }
                    double coef = dot / rNorm2;
                    for (int j = 0; j < k; j++) {
                        double v = (j == c ? diagR : offR) * coef;
                        py[c * k + j] = v;
                        total[j] += v;
                    }
                }
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < k; j++) {
                        double others = total[j] - py[c * k + j];
                        next[c * k + j] = yi[c * k + j] + (a * py[c * k + j] + b * others) / k;
                    }
                }
                if (noise > 0) {
                    for (int s = 0; s < kk; s++) {
                        next[s] += noise * z[i].sample();
                    }
                }
                System.arraycopy(next, 0, yi, 0, kk);
            }
            stats(y, mean[m], sd[m]);
        }
        double[][] init = new double[n][];
        for (int i = 0; i < n; i++) {
            init[i] = initial[i].clone();
        }
        return new Result(mean, sd, init, y);
    }

    /** Mean and population standard deviation (ddof 0) over trials, per coordinate. */
    private static void stats(double[][] y, double[] mean, double[] sd) {
        int n = y.length;
        int kk = mean.length;
        for (int s = 0; s < kk; s++) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += y[i][s];
            }
            double mu = sum / n;
            double ss = 0.0;
            for (int i = 0; i < n; i++) {
                double d = y[i][s] - mu;
                ss += d * d;
            }
            mean[s] = mu;
            sd[s] = Math.sqrt(ss / n);
        }
    }
}
