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
        return of(means, cosines, null, classes, dim);
    }

    /**
     * The vertex cosines alone (what {@link #of} reports as {@link #vertexCos()}, the same values),
     * without the pairwise cosines.
     */
    public static double[] vertexCosines(double[] means, int classes, int dim) {
        return vertexCosines(means, null, classes, dim);
    }

    /**
     * Classes from which the vertex cosines come from the Gram matrix ({@link #vertexCosinesFromGram}):
     * O(K³) whatever p, against the Procrustes SVD of the p x (K−1) matrix M̃ᵀQ and three
     * O(pK²) products (at K = p = 1000: 1.3 s against 14 s). Below it the SVD costs microseconds
     * and keeps the numbers of lesde 0.1 bit for bit; the two agree to 1e-12 (EtfAlignmentTest).
     */
    public static final int GRAM_ROUTE_MIN_CLASSES = 32;

    /**
     * {@link #of(double[], double[], int, int)} given also the Gram matrix G = M̃ᵀM̃ of the
     * centred means (flat K x K, as {@code NeuralCollapse} computes it; null: computed if the Gram route needs it).
     */
    static EtfAlignment of(double[] means, double[] cosines, double[] gram, int classes, int dim) {
        double[] pairs = new double[classes * (classes - 1) / 2];
        int q = 0;
        for (int k = 0; k < classes; k++) {
            for (int l = k + 1; l < classes; l++) {
                pairs[q++] = cosines[k * classes + l];
            }
        }
        double[] vc = vertexCosines(means, gram, classes, dim);
        return new EtfAlignment(vc, quantile(vc, 0), quantile(vc, 0.5), quantile(vc, 1), quantile(pairs, 0.05),
                quantile(pairs, 0.5), quantile(pairs, 0.95));
    }

    /** The vertex cosines by the route for K (the Gram route given G, or computing it; or the SVD). */
    private static double[] vertexCosines(double[] means, double[] gram, int classes, int dim) {
        if (dim < classes - 1 || !MeanGeometry.allFinite(means)) {
            double[] vc = new double[classes];
            Arrays.fill(vc, Double.NaN);
            return vc;
        }
        double[] vc = null;
        if (classes >= GRAM_ROUTE_MIN_CLASSES) {
            double[] g = gram != null ? gram : NeuralCollapse.gram(MeanGeometry.centred(means, classes, dim), classes, dim);
            vc = vertexCosinesFromGram(g, classes); // null when M̃ is (nearly) rank-deficient: the SVD decides
        }
        return vc != null ? vc : procrustesVertexCosines(means, classes, dim);
    }

    /** Smallest eigenvalue of G + c·11ᵀ/K, relative to the largest, for the Gram route. */
    static final double GRAM_ROUTE_RANK_TOLERANCE = 1e-8;

    /**
     * The vertex cosines from the Gram matrix G = M̃ᵀM̃ of the centred means
     * (docs/theory.md#65-alignment-to-the-nearest-simplex-etf): cos(μ̃_k, e_k) =
     * sqrt(K/(K−1))·(G^{1/2})_kk / sqrt(G_kk). G has the eigenvalue 0 on the direction 1 (the
     * centred means sum to zero); G + c·11ᵀ/K with c = tr(G)/(K−1) moves it to c exactly, so its
     * square root is G^{1/2} + sqrt(c)·11ᵀ/K and no rounding-level eigenvalue enters a square
     * root. One symmetric eigendecomposition (EJML). Returns null when the centred means are
     * (nearly) rank-deficient (smallest eigenvalue below {@link #GRAM_ROUTE_RANK_TOLERANCE} times
     * the largest; the nearest ETF is then not unique and the SVD picks one) or G is not finite.
     */
    static double[] vertexCosinesFromGram(double[] gram, int classes) {
        double trace = 0;
        for (int k = 0; k < classes; k++) {
            trace += gram[k * classes + k];
        }
        if (!(trace > 0) || !MeanGeometry.allFinite(gram)) {
            return null;
        }
        double c = trace / (classes - 1);
        org.ejml.data.DMatrixRMaj a = new org.ejml.data.DMatrixRMaj(classes, classes);
        double shift = c / classes;
        for (int i = 0; i < gram.length; i++) {
            a.data[i] = gram[i] + shift;
        }
        var eig = org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(classes, true, true);
        if (!eig.decompose(a)) {
            return null;
        }
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < classes; i++) {
            double l = eig.getEigenvalue(i).real;
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        if (!(min > GRAM_ROUTE_RANK_TOLERANCE * max)) {
            return null;
        }
        double[] diag = new double[classes];
        for (int i = 0; i < classes; i++) {
            double root = Math.sqrt(eig.getEigenvalue(i).real);
            double[] v = eig.getEigenVector(i).data;
            for (int k = 0; k < classes; k++) {
                diag[k] += root * v[k] * v[k];
            }
        }
        double s = Math.sqrt(classes / (classes - 1.0));
        double r = Math.sqrt(c) / classes;
        double[] vc = new double[classes];
        for (int k = 0; k < classes; k++) {
            double gk = gram[k * classes + k];
            vc[k] = gk > 0 ? s * (diag[k] - r) / Math.sqrt(gk) : Double.NaN;
        }
        return vc;
    }

    /** The vertex cosines through the nearest ETF itself ({@link SimplexEtf#nearest}: Procrustes SVD). */
    static double[] procrustesVertexCosines(double[] means, int classes, int dim) {
        double[] vc = new double[classes];
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
        return vc;
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
