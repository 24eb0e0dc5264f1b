package org.lesde.fit;

/**
 * The moving average the paper's code draws over the scatter of Â, B̂ and α̂, β̂
 * (docs/theory.md#76-the-papers-figures): pandas' {@code Series.rolling(window=w, min_periods=1,
 * center=True).mean()}. The value at i is the mean of the non-NaN entries among
 * x[i − ⌊w/2⌋ .. i − ⌊w/2⌋ + w − 1] clipped to the series (so for an even window the label sits
 * at the upper middle: rows i−5 … i+4 for w = 10), NaN where that window holds no finite entry.
 */
public final class MovingAverage {
    /** The window of the official figures. */
    public static final int OFFICIAL_WINDOW = 10;

    private MovingAverage() {
    }

    /** The centred rolling mean of {@code x} with window {@code w >= 1} (a new array). */
    public static double[] centred(double[] x, int w) {
        if (w < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + w);
        }
        int n = x.length;
        double[] out = new double[n];
        int back = w / 2;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - back);
            int hi = Math.min(n - 1, i - back + w - 1);
            double s = 0.0;
            int cnt = 0;
            for (int j = lo; j <= hi; j++) {
                if (!Double.isNaN(x[j])) {
                    s += x[j];
                    cnt++;
                }
            }
            out[i] = cnt == 0 ? Double.NaN : s / cnt;
        }
        return out;
    }
}
