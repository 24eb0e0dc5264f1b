package org.lesde.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation loss and accuracy of a training log per iteration, over trials
 * (docs/theory.md#76-the-papers-figures): at every iteration
 * where some row holds a finite {@code val_loss} or {@code val_acc}, the number of such rows n,
 * their mean and their standard deviation (ddof 1; NaN for n < 2). The figure's band is
 * mean ± 1.96·sd/√n (a normal 95 % interval for the mean over trials).
 *
 * @param itr       the iterations with validation values
 * @param n         rows with a finite value (val_loss if present, else val_acc)
 * @param lossMean  per iteration (NaN without a val_loss column)
 * @param lossSd    per iteration
 * @param accMean   per iteration (NaN without a val_acc column)
 * @param accSd     per iteration
 */
public record Validation(int[] itr, int[] n, double[] lossMean, double[] lossSd, double[] accMean, double[] accSd) {
    /** Columns of {@code validation.csv}. */
    public static final List<String> HEADER = List.of("itr", "n", "val_loss_mean", "val_loss_sd", "val_acc_mean", "val_acc_sd");

    /** The per-iteration statistics, or null if the log has neither column or no finite value. */
    public static Validation of(TrainingLog log) {
        if (!log.hasValLoss() && !log.hasValAcc()) {
            return null;
        }
        int t = log.iterations();
        double[][] loss = moments(log, t, true);
        double[][] acc = moments(log, t, false);
        List<Integer> keep = new ArrayList<>();
        for (int m = 0; m < t; m++) {
            if ((loss != null && loss[0][m] > 0) || (acc != null && acc[0][m] > 0)) {
                keep.add(m);
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        int q = keep.size();
        int[] itr = new int[q];
        int[] n = new int[q];
        double[] lm = new double[q];
        double[] ls = new double[q];
        double[] am = new double[q];
        double[] as = new double[q];
        for (int i = 0; i < q; i++) {
            int m = keep.get(i);
            itr[i] = m;
            n[i] = (int) (loss != null ? loss[0][m] : acc[0][m]);
            lm[i] = loss == null ? Double.NaN : mean(loss, m);
            ls[i] = loss == null ? Double.NaN : sd(loss, m);
            am[i] = acc == null ? Double.NaN : mean(acc, m);
            as[i] = acc == null ? Double.NaN : sd(acc, m);
        }
        return new Validation(itr, n, lm, ls, am, as);
    }

    /** Count, sum and sum of squared deviations (two passes) per iteration; null if the column is absent. */
    private static double[][] moments(TrainingLog log, int t, boolean loss) {
        if (loss ? !log.hasValLoss() : !log.hasValAcc()) {
            return null;
        }
        double[][] s = new double[3][t];
        for (int i = 0; i < log.rows(); i++) {
            double v = loss ? log.valLoss(i) : log.valAcc(i);
            if (Double.isFinite(v)) {
                s[0][log.itr(i)]++;
                s[1][log.itr(i)] += v;
            }
        }
        for (int i = 0; i < log.rows(); i++) {
            double v = loss ? log.valLoss(i) : log.valAcc(i);
            if (Double.isFinite(v)) {
                int m = log.itr(i);
                double d = v - s[1][m] / s[0][m];
                s[2][m] += d * d;
            }
        }
        return s;
    }

    private static double mean(double[][] s, int m) {
        return s[0][m] == 0 ? Double.NaN : s[1][m] / s[0][m];
    }

    private static double sd(double[][] s, int m) {
        return s[0][m] < 2 ? Double.NaN : Math.sqrt(s[2][m] / (s[0][m] - 1));
    }

    /** Index of the last row (the last validated iteration). */
    public int last() {
        return itr.length - 1;
    }
}
