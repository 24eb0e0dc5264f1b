package org.lesde.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lesde.monitor.Metric;
import org.lesde.monitor.NcMetrics;
import org.lesde.monitor.NeuralCollapse;

/**
 * Neural-collapse metrics of the logged logits, per iteration: at iteration t the samples are the
 * rows with itr = t (one per trial: the logits of the sample drawn at that step, before the SGD
 * update), labelled by the logged y, with the logits as features (p = K, classifier
 * W = I − 11ᵀ/K, NC4 from the argmax of the logits; definitions in {@link NeuralCollapse}).
 * With one sample per trial and iteration these are noisy, small-sample statistics: a class
 * with a single sample contributes no within-class spread. Iterations at which some class has no
 * sample give NaN metrics.
 */
public final class LogMetrics {
    /** Column names of {@code fit_metrics.csv}: itr, samples, then the keys of {@link Metric}. */
    public static final List<String> HEADER = header();

    private LogMetrics() {
    }

    private static List<String> header() {
        List<String> h = new ArrayList<>(List.of("itr", "samples"));
        h.addAll(Metric.keys(Metric.Family.NEURAL_COLLAPSE));
        return List.copyOf(h);
    }

    /** One entry per iteration; null where a class has no sample at that iteration. */
    public static NcMetrics[] perIteration(TrainingLog log) {
        int t = log.iterations();
        int k = log.classes();
        int n = log.rows();
        int[] start = new int[t + 1];
        for (int i = 0; i < n; i++) {
            start[log.itr(i) + 1]++;
        }
        for (int m = 0; m < t; m++) {
            start[m + 1] += start[m];
        }
        int[] fill = Arrays.copyOf(start, t);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[fill[log.itr(i)]++] = i;
        }
        NcMetrics[] out = new NcMetrics[t];
        boolean[] present = new boolean[k];
        for (int m = 0; m < t; m++) {
            int cnt = start[m + 1] - start[m];
            double[] features = new double[cnt * k];
            int[] labels = new int[cnt];
            Arrays.fill(present, false);
            for (int s = 0; s < cnt; s++) {
                int row = order[start[m] + s];
                labels[s] = log.label(row);
                present[labels[s]] = true;
                for (int j = 0; j < k; j++) {
                    features[s * k + j] = log.logit(row, j);
                }
            }
            boolean all = true;
            for (boolean p : present) {
                all &= p;
            }
            out[m] = all ? NeuralCollapse.compute(features, labels, k, k, null) : null;
        }
        return out;
    }

    /**
     * The columns after itr of one iteration: the sample count ({@code samples} where {@code m}
     * is null, i.e. some class has no sample), then the metrics of {@link Metric}, NaN where undefined.
     */
    public static double[] values(NcMetrics m, int samples) {
        Metric[] all = Metric.of(Metric.Family.NEURAL_COLLAPSE).toArray(new Metric[0]);
        double[] v = new double[1 + all.length];
        v[0] = m == null ? samples : m.samples();
        for (int q = 0; q < all.length; q++) {
            v[1 + q] = m == null ? Double.NaN : all[q].of(m);
        }
        return v;
    }
}
