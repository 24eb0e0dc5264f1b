package org.lesde.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * Neural-collapse metrics (docs/theory.md#6-neural-collapse-metrics) from class statistics.
 *
 * <p><b>Notation.</b> Features h_i ∈ R^p with labels y_i ∈ {0..K−1}; class means μ_k; global mean
 * μ_G = (1/K) Σ_k μ_k (the unweighted mean of the class means, so unbalanced classes do not tilt
 * it); centred means μ̃_k = μ_k − μ_G, the columns of M̃ (p x K); within-class covariance
 * Σ_W = (1/N) Σ_i (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ (normalised by the total count N, pooled over
 * classes); between-class covariance Σ_B = (1/K) M̃M̃ᵀ. P = I − 11ᵀ/K.
 *
 * <p><b>Definitions chosen</b> (libraries differ; these are fixed here and in the output):
 * <ul>
 *   <li>NC1 = (1/K)·tr(Σ_W Σ_B^†), with the factor 1/K and the Moore–Penrose pseudo-inverse;
 *       Σ_B is never inverted. Computed as tr(R Σ_W Rᵀ) with R = (M̃Q)^†, Q an orthonormal basis
 *       of 1^⊥ (identical mathematically, better conditioned, O(pK²)); pseudo-inverse by EJML's
 *       SVD dropping singular values of M̃Q below σ_max·max(p, K−1)·ε. NaN when all class
 *       means coincide.</li>
 *   <li>NC2 equinorm = std_k ||μ̃_k|| / mean_k ||μ̃_k|| (population std, divisor K).</li>
 *   <li>NC2 equiangularity = mean over ordered pairs k ≠ k' of |cos(μ̃_k, μ̃_k') + 1/(K−1)|.</li>
 *   <li>NC2 ETF distance = || G/||G||_F − P/sqrt(K−1) ||_F, G = M̃ᵀM̃ (scale-free; 0 iff the centred
 *       means form a scaled simplex ETF).</li>
 *   <li>NC3 = || Wᵀ/||W||_F − M̃/||M̃||_F ||_F for the classifier W (K x p). With no classifier and
 *       p = K the features are taken as logits and W = P = I − 11ᵀ/K (stated in the notes);
 *       with no classifier and p ≠ K, NC3 is NaN.</li>
 *   <li>NC4 = fraction of samples whose classifier decision argmax_k (W h)_k (argmax_k h_k for
 *       logits, p = K, no W) differs from the nearest class mean argmin_k ||h − μ_k||; ties go to
 *       the lowest index. It needs the class means before the samples: see {@link FixedMeanPass}.</li>
 *   <li>Residual alignment: cos(μ̃_k, r_k) with r_k = e_k − (1/K)·1 in the first K coordinates and
 *       0 after (the simplex ETF of the logits); needs p ≥ K, else NaN. Reported per class and
 *       as the mean over classes.</li>
 *   <li>Cosine matrix: cos(μ̃_k, μ̃_k'), K x K, 1 on the diagonal (NaN for a zero centred mean).</li>
 * </ul>
 * A perfect simplex ETF with collapsed features (h_i = μ_{y_i}, μ̃ = ETF) has
 * NC1 = equinorm = equiangularity = ETF distance = NC4 = 0 and pairwise cosines −1/(K−1).
 *
 * <p><b>Entry points.</b> {@link #of(ClassStats, double[])}: one streaming pass (NC1 from the
 * tracked scatter, NC4 NaN); {@link #of(ClassStats, FixedMeanPass)}: two passes (exact NC1 and NC4);
 * {@link #compute}: both passes over in-memory features; {@link #fromMeans}: means only (e.g. the
 * ODE solution: NC1 and NC4 NaN).
 */
public final class NeuralCollapse {
    /** Note added when the features are taken as logits. */
    public static final String LOGIT_NOTE =
            "no classifier given and p = K: features taken as logits, NC3 uses W = I - 11^T/K, NC4 uses argmax of the features";

    private NeuralCollapse() {
    }

    /** μ_G = (1/K) Σ_k μ_k of flat means {@code [k*p + j]}. */
    public static double[] globalMean(double[] means, int classes, int dim) {
        checkMeans(means, classes, dim);
        return MeanGeometry.globalMean(means, classes, dim);
    }

    /** Centred means μ̃_k = μ_k − μ_G, flat {@code [k*p + j]}. */
    public static double[] centredMeans(double[] means, int classes, int dim) {
        checkMeans(means, classes, dim);
        return MeanGeometry.centred(means, classes, dim);
    }

    /** K x K cosines between centred class means, flat {@code [k*K + k']}. */
    public static double[] cosineMatrix(double[] means, int classes, int dim) {
        return cosines(centredMeans(means, classes, dim), classes, dim);
    }

    /** The logit classifier W = I − 11ᵀ/K (K x K, flat). */
    public static double[] logitClassifier(int classes) {
        double[] w = new double[classes * classes];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < classes; j++) {
                w[k * classes + j] = (k == j ? 1.0 : 0.0) - 1.0 / classes;
            }
        }
        return w;
    }

    /**
     * One streaming pass: all metrics from {@code stats}; NC1 from its within-class scatter (NaN
     * for means-only stats); NC4 is NaN (it needs a second pass: use
     * {@link #of(ClassStats, FixedMeanPass)}).
     *
     * @param classifier K x p W ({@code [k*p + j]}), or null (logits if p = K)
     */
    public static NcMetrics of(ClassStats stats, double[] classifier) {
        int k = stats.classes();
        int p = stats.dim();
        List<String> notes = new ArrayList<>();
        double[] means = stats.means();
        checkNoEmptyClass(stats);
        double nc1 = Double.NaN;
        if (stats.hasScatter()) {
            DMatrixRMaj r = MeanGeometry.nc1Projector(MeanGeometry.centred(means, k, p), k, p);
            if (r == null) {
                notes.add("NC1 undefined: the class means coincide (Σ_B = 0) or are not finite");
            } else {
                nc1 = traceRSRt(r, stats.withinCovariance(), p);
            }
        } else {
            notes.add("NC1 not computed: within-class scatter not tracked");
        }
        notes.add("NC4 not computed: it needs the class means before the samples (second pass)");
        return core(means, k, p, stats.total(), classifier, nc1, Double.NaN, notes);
    }

    /**
     * Two passes: means from {@code stats}, NC1 and NC4 from {@code pass}, which must have been
     * built on {@code stats.means()} and fed the same samples. Classifier: the pass's.
     */
    public static NcMetrics of(ClassStats stats, FixedMeanPass pass) {
        int k = stats.classes();
        int p = stats.dim();
        checkNoEmptyClass(stats);
        double[] means = stats.means();
        if (!java.util.Arrays.equals(means, pass.means())) {
            throw new IllegalArgumentException("the pass was not built on these stats' means");
        }
        List<String> notes = new ArrayList<>();
        if (!pass.nc1Defined()) {
            notes.add("NC1 undefined: the class means coincide (Σ_B = 0) or are not finite");
        }
        return core(means, k, p, stats.total(), pass.classifierOrNull(), pass.nc1(), pass.nc4(), notes);
    }

    /**
     * Exact metrics of in-memory features (two passes).
     *
     * @param features N x p row-major ({@code [i*p + j]})
     * @param labels N labels in 0..K−1 (each class must occur)
     * @param classifier K x p W, or null (logits if p = K)
     */
    public static NcMetrics compute(double[] features, int[] labels, int classes, int dim, double[] classifier) {
        return compute(features, labels, classes, dim, classifier, null);
    }

    /**
     * {@link #compute(double[], int[], int, int, double[])} with a classifier bias: NC4 uses
     * argmax_k (W h + b)_k, NC3 uses W alone ({@code bias}: K entries, or null; needs a classifier).
     */
    public static NcMetrics compute(double[] features, int[] labels, int classes, int dim, double[] classifier,
            double[] bias) {
        if (features.length != (long) labels.length * dim) {
            throw new IllegalArgumentException("features must hold N*p = " + labels.length + "*" + dim + " values, got " + features.length);
        }
        ClassStats stats = ClassStats.meansOnly(classes, dim);
        stats.addRows(labels, features);
        checkNoEmptyClass(stats);
        FixedMeanPass pass = new FixedMeanPass(stats.means(), classes, dim, classifier, bias);
        pass.addRows(labels, features);
        return of(stats, pass);
    }

    /**
     * Metrics of class means alone (e.g. the ODE solution): NC2, NC3, residual alignment and
     * cosines; NC1 and NC4 are NaN and {@code samples} is 0.
     */
    public static NcMetrics fromMeans(double[] means, int classes, int dim, double[] classifier) {
        checkMeans(means, classes, dim);
        List<String> notes = new ArrayList<>();
        notes.add("NC1 and NC4 not computed: class means only");
        return core(means.clone(), classes, dim, 0, classifier, Double.NaN, Double.NaN, notes);
    }

    private static void checkMeans(double[] means, int classes, int dim) {
        if (classes < 2 || dim < 1 || means == null || means.length != classes * dim) {
            throw new IllegalArgumentException("means must hold K*p values with K >= 2, p >= 1; got "
                    + (means == null ? "null" : means.length + " values") + " for K=" + classes + ", p=" + dim);
        }
    }

    private static void checkNoEmptyClass(ClassStats stats) {
        if (stats.classes() < 2) {
            throw new IllegalArgumentException("neural-collapse metrics need K >= 2 classes");
        }
        for (int k = 0; k < stats.classes(); k++) {
            if (stats.count(k) == 0) {
                throw new IllegalArgumentException("class " + k + " has no samples");
            }
        }
    }

    /** tr(R S Rᵀ) for R (r x p) and symmetric S (p x p flat). */
    private static double traceRSRt(DMatrixRMaj r, double[] s, int p) {
        int rows = r.numRows;
        double[] rs = new double[p];
        double tr = 0;
        for (int c = 0; c < rows; c++) {
            java.util.Arrays.fill(rs, 0);
            for (int a = 0; a < p; a++) {
                double ra = r.get(c, a);
                if (ra == 0) {
                    continue;
                }
                int row = a * p;
                for (int b = 0; b < p; b++) {
                    rs[b] += ra * s[row + b];
                }
            }
            for (int b = 0; b < p; b++) {
                tr += rs[b] * r.get(c, b);
            }
        }
        return tr;
    }

    private static double[] cosines(double[] c, int classes, int dim) {
        return cosines(gram(c, classes, dim), classes);
    }

    /**
     * The cosine matrix from the Gram matrix: G_kl / (‖μ̃_k‖·‖μ̃_l‖) with ‖μ̃_k‖ = sqrt(G_kk), 1 on
     * the diagonal (NaN for a zero centred mean).
     */
    private static double[] cosines(double[] g, int classes) {
        double[] norms = new double[classes];
        for (int k = 0; k < classes; k++) {
            norms[k] = Math.sqrt(g[k * classes + k]);
        }
        double[] cos = new double[classes * classes];
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                cos[k * classes + l] = k == l ? (norms[k] > 0 ? 1.0 : Double.NaN) : g[k * classes + l] / (norms[k] * norms[l]);
            }
        }
        return cos;
    }

    /**
     * The Gram matrix G = M̃ᵀM̃ of centred means c (flat K x K): each dot product summed over
     * j = 0..p−1 in order, computed for l ≥ k and mirrored (a product is commutative, so G is
     * exactly symmetric and entry (k, l) has the bits of the loop over all pairs).
     */
    static double[] gram(double[] c, int classes, int dim) {
        double[] g = new double[classes * classes];
        for (int k = 0; k < classes; k++) {
            int ko = k * dim;
            for (int l = k; l < classes; l++) {
                int lo = l * dim;
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += c[ko + j] * c[lo + j];
                }
                g[k * classes + l] = dot;
                g[l * classes + k] = dot;
            }
        }
        return g;
    }

    private static NcMetrics core(double[] means, int classes, int dim, long samples, double[] classifier,
            double nc1, double nc4, List<String> notes) {
        if (classifier != null && classifier.length != classes * dim) {
            throw new IllegalArgumentException("classifier must be K x p = " + classes + " x " + dim + ", got " + classifier.length + " values");
        }
        double[] c = MeanGeometry.centred(means, classes, dim);
        if (!MeanGeometry.allFinite(c)) {
            notes.add("class means are not finite");
        }
        // G = M̃ᵀM̃ once (upper triangle, mirrored): the norms, cosines, ETF distance and ETF
        // alignment all come from it
        double[] g = gram(c, classes, dim);
        double[] norms = new double[classes];
        for (int k = 0; k < classes; k++) {
            norms[k] = Math.sqrt(g[k * classes + k]);
        }
        double[] cos = cosines(g, classes);

        // NC2 equinorm
        double meanNorm = 0;
        for (double n : norms) {
            meanNorm += n;
        }
        meanNorm /= classes;
        double var = 0;
        for (double n : norms) {
            var += (n - meanNorm) * (n - meanNorm);
        }
        double equinorm = Math.sqrt(var / classes) / meanNorm;

        // NC2 equiangularity
        double target = -1.0 / (classes - 1);
        double ang = 0;
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                if (k != l) {
                    ang += Math.abs(cos[k * classes + l] - target);
                }
            }
        }
        double equiangularity = ang / ((double) classes * (classes - 1));

        // NC2 ETF distance on the Gram matrix G = M̃ᵀM̃
        double gNorm = 0;
        for (double dot : g) {
            gNorm += dot * dot;
        }
        gNorm = Math.sqrt(gNorm);
        double etf = 0;
        double scale = 1.0 / Math.sqrt(classes - 1.0);
        for (int k = 0; k < classes; k++) {
            for (int l = 0; l < classes; l++) {
                double pkl = ((k == l) ? 1.0 : 0.0) - 1.0 / classes;
                double d = g[k * classes + l] / gNorm - pkl * scale;
                etf += d * d;
            }
        }
        etf = Math.sqrt(etf);

        // NC3
        double[] w = classifier;
        if (w == null) {
            if (dim == classes) {
                w = logitClassifier(classes);
                notes.add(LOGIT_NOTE);
            } else {
                notes.add("NC3 and NC4 undefined: no classifier given and p = " + dim + " != K = " + classes);
            }
        }
        double nc3 = Double.NaN;
        if (w != null) {
            double wNorm = 0;
            double mNorm = 0;
            for (int i = 0; i < classes * dim; i++) {
                wNorm += w[i] * w[i];
                mNorm += c[i] * c[i];
            }
            wNorm = Math.sqrt(wNorm);
            mNorm = Math.sqrt(mNorm);
            double s = 0;
            for (int i = 0; i < classes * dim; i++) {
                double d = w[i] / wNorm - c[i] / mNorm;
                s += d * d;
            }
            nc3 = Math.sqrt(s);
        }

        // residual alignment
        double[] res = new double[classes];
        double resMean = 0;
        if (dim >= classes) {
            double rNorm = Math.sqrt((classes - 1.0) / classes);
            for (int k = 0; k < classes; k++) {
                double dot = 0;
                for (int j = 0; j < classes; j++) {
                    dot += c[k * dim + j] * (((k == j) ? 1.0 : 0.0) - 1.0 / classes);
                }
                res[k] = dot / (norms[k] * rNorm);
                resMean += res[k];
            }
            resMean /= classes;
        } else {
            java.util.Arrays.fill(res, Double.NaN);
            resMean = Double.NaN;
            notes.add("residual alignment undefined: p = " + dim + " < K = " + classes);
        }
        // alignment with the nearest simplex ETF (docs/theory.md#65-alignment-to-the-nearest-simplex-etf)
        EtfAlignment alignment = EtfAlignment.of(means, cos, g, classes, dim);
        return new NcMetrics(classes, dim, samples, nc1, equinorm, equiangularity, etf, nc3, nc4, res, resMean, cos,
                Collections.unmodifiableList(notes), alignment);
    }
}
