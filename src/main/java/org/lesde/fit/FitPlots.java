package org.lesde.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lesde.monitor.Metric;
import org.lesde.monitor.NcMetrics;
import org.lesde.plot.LineChart;

/**
 * The charts of {@code lesde fit} (PNG + SVG through {@link LineChart}):
 * <ul>
 * <li>{@code fit_AB}: Â(t), B̂(t) of the I- and L-models;</li>
 * <li>{@code fit_alpha_beta}: α̂(t), β̂(t) of both models (window W);</li>
 * <li>{@code fit_nc} and {@code fit_nc1}: the plotted metrics of the catalogue {@link Metric} of the
 * logged logits per iteration, those on a linear axis in {@code fit_nc}, those on a log axis in
 * {@code fit_nc1};</li>
 * <li>with a replay, {@code replay_vs_genuine_k<c>} per class c: the genuine class-mean logits
 * X̄^c_j(t) (solid), the replay mean (dashed) and the replay mean ± sd (band), per logit j
 * (the paper's Figure 5 layout).</li>
 * </ul>
 */
public final class FitPlots {
    private FitPlots() {
    }

    /** Writes all charts into {@code dir}; returns the base names written. */
    public static List<String> write(Path dir, Fit.Result r, NcMetrics[] nc) {
        List<String> names = new ArrayList<>();
        int t = r.iterations();
        int k = r.classes();
        double[] itr = new double[t];
        for (int m = 0; m < t; m++) {
            itr[m] = m;
        }
        LineChart.titled("A-hat = int alpha, B-hat = int beta").xLabel("iteration").xRange(0, t - 1)
                .yLabel("integrated impact").series("A-hat (I-model)", itr, r.i().a()).series("B-hat (I-model)", itr, r.i().b())
                .dashed("A-hat (L-model)", itr, r.l().a()).dashed("B-hat (L-model)", itr, r.l().b())
                .write(dir, "fit_AB");
        names.add("fit_AB");
        LineChart.titled("alpha-hat, beta-hat (Savitzky-Golay, window " + r.window() + ")").xLabel("iteration")
                .xRange(0, t - 1).yLabel("rate per iteration").series("alpha-hat (I-model)", itr, r.i().alpha())
                .series("beta-hat (I-model)", itr, r.i().beta()).dashed("alpha-hat (L-model)", itr, r.l().alpha())
                .dashed("beta-hat (L-model)", itr, r.l().beta()).write(dir, "fit_alpha_beta");
        names.add("fit_alpha_beta");
        if (nc != null) {
            // the catalogue's plotted metrics: those on a linear axis in fit_nc, those on a log axis in fit_nc1
            LineChart linear = LineChart.titled("Neural collapse of the logged logits").xRange(0, t - 1)
                    .xLabel("iteration (samples: all trials)").yLabel("metric");
            for (Metric q : Metric.plotted(false)) {
                linear.series(q.label(), itr, q.of(nc));
            }
            linear.write(dir, "fit_nc");
            LineChart log = LineChart.titled("Neural collapse of the logged logits (log scale)").xLabel("iteration (samples: all trials)")
                    .xRange(0, t - 1).yLabel("metric (log scale; 0 = perfect collapse)").logY();
            for (Metric q : Metric.plotted(true)) {
                log.series(q.label(), itr, q.of(nc));
            }
            log.write(dir, "fit_nc1");
            names.add("fit_nc");
            names.add("fit_nc1");
        }
        LeOdeReplay.Result rp = r.replay();
        if (rp != null) {
            for (int c = 0; c < k; c++) {
                LineChart ch = LineChart.titled("Class " + c + ": genuine vs LE-ODE replay").xRange(0, t - 1)
                        .xLabel("iteration (replay: " + rp.trials() + " trials, L-model rates, window " + r.replayWindow() + ")")
                        .yLabel("class-mean logit");
                for (int j = 0; j < k; j++) {
                    double[] g = new double[t];
                    double[] mu = new double[t];
                    double[] lo = new double[t];
                    double[] hi = new double[t];
                    for (int m = 0; m < t; m++) {
                        g[m] = r.means().get(m, c, j);
                        mu[m] = rp.mean()[m][c * k + j];
                        lo[m] = mu[m] - rp.sd()[m][c * k + j];
                        hi[m] = mu[m] + rp.sd()[m][c * k + j];
                    }
                    String logit = "logit " + j;
                    ch.series(logit + " genuine", itr, g).dashed(logit + " replay mean", itr, mu)
                            .band(logit + " replay mean +- sd", itr, lo, hi);
                }
                ch.write(dir, "replay_vs_genuine_k" + c);
                names.add("replay_vs_genuine_k" + c);
            }
        }
        return names;
    }
}
