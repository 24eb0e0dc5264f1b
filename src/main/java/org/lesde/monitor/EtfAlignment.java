package org.lesde.monitor;

import java.util.Arrays;

/**
 * Alignment of centred class means with the simplex ETF at any K (docs/theory.md#65-alignment-to-the-nearest-simplex-etf):
 * the cosine of each centred class mean μ̃_k with its vertex of the nearest scaled simplex ETF
 * ({@link SimplexEtf#nearest}: the orthogonal-Procrustes alignment), and the quantiles of the
 * K(K−1)/2 pairwise cosines cos(μ̃_k, μ̃_l), k &lt; l, whose ETF value is −1/(K−1). Undefined
 * values (p &lt; K − 1, a zero centred mean) are NaN.
 *
 * @param vertexCos cos(μ̃_k, e_k) per class (owned by the record: do not modify)
 */
public record EtfAlignment(double[] vertexCos, double vertexCosMin, double vertexCosMedian, double vertexCosMax,
        double pairCosQ05, double pairCosQ50, double pairCosQ95) {

    /** An alignment with every value undefined. */
    public static EtfAlignment undefined(int classes) {
        double[] v = new double[classes];
        Arrays.fill(v, Double.NaN);
        double n = Double.NaN;
        return new EtfAlignment(v, n, n, n, n, n, n);
    }

    /**
     * The alignment of the class means (flat, class k at {@code [k*p, (k+1)*p)}), given their
     * pairwise cosine matrix (flat K x K, NaN where a centred mean is 0).
     */
    public static EtfAlignment of(double[] means, double[] cosines, int classes, int dim) {
        double[] pairs = new double[classes * (classes - 1) / 2];
        int q = 0;
        for (int k = 0; k < classes; k++) {
            for (int l = k + 1; l < classes; l++) {
                pairs[q++] = cosines[k * classes + l];
            }
        }
        double[] vc = new double[classes];
        if (dim < classes - 1 || !MeanGeometry.allFinite(means)) {
            Arrays.fill(vc, Double.NaN);
        } else {
            double[] g = MeanGeometry.globalMean(means, classes, dim);
            double[] c = MeanGeometry.centred(means, classes, dim);
            double[] v = SimplexEtf.nearest(means, classes, dim);
            for (int k = 0; k < classes; k++) {
                double dot = 0;
                double cc = 0;
                double ee = 0;
                for (int j = 0; j < dim; j++) {
                    double e = v[k * dim + j] - g[j];
                    double x = c[k * dim + j];
                    dot += x * e;
                    cc += x * x;
                    ee += e * e;
                }
                vc[k] = cc > 0 && ee > 0 ? dot / Math.sqrt(cc * ee) : Double.NaN;
            }
        }
        return new EtfAlignment(vc, quantile(vc, 0), quantile(vc, 0.5), quantile(vc, 1), quantile(pairs, 0.05),
                quantile(pairs, 0.5), quantile(pairs, 0.95));
    }

    /**
     * The q-quantile by linear interpolation between order statistics (h = (n−1)q; NumPy's
     * default, R type 7); NaN if any value is NaN or there is none.
     */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        for (double v : s) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
        }
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= s.length - 1) {
            return s[s.length - 1];
        }
        return s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
    }
}
