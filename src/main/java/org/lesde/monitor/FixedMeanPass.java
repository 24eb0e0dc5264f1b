package org.lesde.monitor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * Second pass over samples with the class means known in advance: accumulates what needs the
 * means, namely
 * <ul>
 *   <li>NC1 as (1/N) Σ_i ||R (h_i − μ_{y_i})||², R = (M̃Q)^† (see {@link NeuralCollapse}): O(pK)
 *       per sample and no p x p matrix, so it also scales to wide real-network features;</li>
 *   <li>NC4: the number of samples whose classifier argmax differs from the nearest class mean
 *       (Euclidean; ties go to the lowest class index in both argmax and argmin).</li>
 * </ul>
 *
 * <p><b>Exact use</b> (two passes, e.g. {@link NeuralCollapse#compute} or the {@code metrics}
 * command): pass 1 with {@link ClassStats#meansOnly}, then this pass with those means.
 *
 * <p><b>Streaming use</b> (one pass, e.g. in a simulator where the samples of an output time are
 * seen only once): build it on reference means known before the samples are seen, e.g. the ODE
 * solution (the ensemble expectation of a linear SDE) or the previous output's means. Then NC4
 * is the mismatch rate against those reference means, and NC1 is computed about them (it exceeds
 * the NC1 about the empirical means by the (reference − empirical)-mean offset term, of order
 * 1/number of paths when the reference is the exact expectation). Prefer the exact NC1 from
 * {@link ClassStats} with scatter when p is small.
 *
 * <p>Merging adds counts and sums in the given order: deterministic for a fixed chunking.
 * Not thread-safe: one instance per thread or chunk, then {@link #merge} in chunk order.
 */
public final class FixedMeanPass implements LabelledSamples {
    private final int classes;
    private final int dim;
    private final double[] means;
    private final double[] classifier;
    private final double[] bias;
    private final boolean logits;
    private final double[] r;
    /**
     * R transposed ({@code rT[j][c]}) and the means transposed ({@code meansT[j][k]}), shared
     * read-only: p rows of separate arrays, so the loops over c and k vectorise (see
     * {@link MonitorWork}).
     */
    private final double[][] rT;
    private final double[][] meansT;
    /** ||μ_k − μ_l|| ({@code [k*K + l]}), shared read-only (the pruning of {@link #nearestMeanPruned}). */
    private final double[] meanDistances;
    private final int rank;
    private final double[] work;
    /** Work: the rank projections and the K squared distances of one sample. */
    private final double[] proj;
    private final double[] dist;
    private long samples;
    private long mismatches;
    private double projectedScatter;

    /**
     * @param means class means {@code [k*p + j]} (copied)
     * @param classifier K x p row-major W ({@code [k*p + j]}), or null to take the features as
     *        logits (argmax of h; needs p = K, else NC4 is NaN)
     */
    public FixedMeanPass(double[] means, int classes, int dim, double[] classifier) {
        this(means, classes, dim, classifier, null, true);
    }

    /**
     * A pass whose classifier decision is argmax_k (W h + b)_k ({@code bias}: K entries, or null
     * for none; a bias needs a classifier).
     */
    public FixedMeanPass(double[] means, int classes, int dim, double[] classifier, double[] bias) {
        this(means, classes, dim, classifier, bias, true);
    }

    /**
     * A pass for NC4 only (no NC1 projector: no pseudo-inverse is computed and {@link #nc1()} is
     * NaN), for callers that take NC1 from {@link ClassStats} with scatter.
     */
    public static FixedMeanPass nc4Only(double[] means, int classes, int dim, double[] classifier) {
        return new FixedMeanPass(means, classes, dim, classifier, null, false);
    }

    /** An empty pass sharing this one's means, classifier and NC1 projector (all read-only). */
    public FixedMeanPass emptyCopy() {
        return new FixedMeanPass(this);
    }

    private FixedMeanPass(FixedMeanPass proto) {
        this.classes = proto.classes;
        this.dim = proto.dim;
        this.means = proto.means;
        this.classifier = proto.classifier;
        this.bias = proto.bias;
        this.logits = proto.logits;
        this.r = proto.r;
        this.rT = proto.rT;
        this.meansT = proto.meansT;
        this.meanDistances = proto.meanDistances;
        this.rank = proto.rank;
        this.work = new double[dim];
        this.proj = new double[rank];
        this.dist = new double[classes];
    }

    private FixedMeanPass(double[] means, int classes, int dim, double[] classifier, double[] bias, boolean nc1) {
        if (classes < 2 || dim < 1 || means.length != classes * dim) {
            throw new IllegalArgumentException("means must hold K*p values with K >= 2, got " + means.length
                    + " for K=" + classes + ", p=" + dim);
        }
        if (classifier != null && classifier.length != classes * dim) {
            throw new IllegalArgumentException("classifier must be K x p = " + classes + " x " + dim + ", got " + classifier.length + " values");
        }
        if (bias != null && (classifier == null || bias.length != classes)) {
            throw new IllegalArgumentException("a bias needs a classifier and K = " + classes + " entries");
        }
        this.classes = classes;
        this.dim = dim;
        this.means = means.clone();
        this.bias = bias == null ? null : bias.clone();
        this.classifier = classifier == null ? null : classifier.clone();
        this.logits = classifier == null && dim == classes;
        DMatrixRMaj proj = nc1 ? MeanGeometry.nc1Projector(MeanGeometry.centred(this.means, classes, dim), classes, dim) : null;
        this.r = proj == null ? null : proj.data.clone();
        this.rank = classes - 1;
        this.rT = this.r == null ? null : MonitorWork.transposeRows(this.r, rank, dim);
        this.meansT = MonitorWork.transposeRows(this.means, classes, dim);
        this.meanDistances = classes >= TRANSPOSED_MIN_CLASSES && classes <= PRUNE_MAX_CLASSES
                && (classifier != null || logits) ? meanDistances(this.means, classes, dim) : null;
        this.work = new double[dim];
        this.proj = new double[rank];
        this.dist = new double[classes];
    }

    /**
     * From this many classes on, the NC1 projections and the distances to the K means advance
     * together over j (transposed, vectorising loops); below, one row or class at a time is
     * faster. Both give the same numbers.
     */
    static final int TRANSPOSED_MIN_CLASSES = 8;

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public void add(int label, double[] h, int offset) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
        }
        samples++;
        int base = label * dim;
        for (int j = 0; j < dim; j++) {
            work[j] = h[offset + j] - means[base + j];
        }
        if (r != null) {
            projectedScatter += projectedNorm2(work);
        }
        if (classifier != null || logits) {
            if (predicted(h, offset) != nearestMean(h, offset)) {
                mismatches++;
            }
        }
    }

    /** Own work buffers for {@link #addPath(double[], int)}, made on first use. */
    private MonitorWork pathWork;

    /** The K × K distances between the means, {@code [k*K + l]}. */
    static double[] meanDistances(double[] means, int classes, int dim) {
        double[] d = new double[classes * classes];
        for (int k = 0; k < classes; k++) {
            for (int l = k + 1; l < classes; l++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    double e = means[k * dim + j] - means[l * dim + j];
                    s += e * e;
                }
                d[k * classes + l] = Math.sqrt(s);
                d[l * classes + k] = d[k * classes + l];
            }
        }
        return d;
    }

    @Override
    public void addPath(double[] x, int offset) {
        if (classes < TRANSPOSED_MIN_CLASSES) {
            LabelledSamples.super.addPath(x, offset);
            return;
        }
        if (pathWork == null) {
            pathWork = new MonitorWork(classes, dim);
        }
        addPath(x, offset, pathWork);
    }

    /**
     * Adds one path (sample c of class c is {@code x[offset + c*p ..]}) with the given work
     * buffers: the K samples' NC1 projections advance over the coordinates in tiles (see
     * {@link MonitorWork}), the tile's rows of the transposed projector reused by every sample
     * while in L1; each sample's nearest mean comes from {@link #nearestMeanPruned}. Each
     * projection and distance adds the same terms in the order of j as {@link #add}, and the
     * squared norms are added to the scatter in sample order, so the numbers are those of adding
     * the samples one at a time.
     */
    void addPath(double[] x, int offset, MonitorWork w) {
        if (classes < TRANSPOSED_MIN_CLASSES) {
            LabelledSamples.super.addPath(x, offset);
            return;
        }
        if (!w.fits(classes, dim)) {
            throw new IllegalArgumentException("work buffers for K=" + w.classes + ", p=" + w.dim + " used for K=" + classes + ", p=" + dim);
        }
        final int kk = classes;
        final int p = dim;
        final int tile = MonitorWork.TILE;
        samples += kk;
        if (r != null) {
            final double[][] c = w.centred;
            final double[][] v = w.proj;
            final double[][] q = rT;
            final int rk = rank;
            for (int s = 0; s < kk; s++) {
                final double[] cs = c[s];
                final int src = offset + s * p;
                final int base = s * p;
                for (int j = 0; j < p; j++) {
                    cs[j] = x[src + j] - means[base + j];
                }
                Arrays.fill(v[s], 0, rk, 0.0);
            }
            for (int j0 = 0; j0 < p; j0 += tile) {
                final int j1 = Math.min(p, j0 + tile);
                for (int s = 0; s < kk; s++) {
                    final double[] vs = v[s];
                    final double[] cs = c[s];
                    for (int j = j0; j < j1; j++) {
                        final double wj = cs[j];
                        final double[] qj = q[j];
                        for (int cc = 0; cc < rk; cc++) {
                            vs[cc] += qj[cc] * wj;
                        }
                    }
                }
            }
            for (int s = 0; s < kk; s++) {
                final double[] vs = v[s];
                double n2 = 0;
                for (int cc = 0; cc < rk; cc++) {
                    n2 += vs[cc] * vs[cc];
                }
                projectedScatter += n2;
            }
        }
        if (classifier != null || logits) {
            for (int s = 0; s < kk; s++) {
                final int off = offset + s * p;
                final int pred = predicted(x, off);
                if (pred != nearestMeanPruned(x, off, s)) {
                    mismatches++;
                }
            }
        }
    }

    /**
     * Margin of the pruning bound: a class k is skipped when ||μ_k − μ_a|| &gt; PRUNE·||h − μ_a||
     * (a: the anchor class). By the triangle inequality ||h − μ_k|| ≥ ||μ_k − μ_a|| − ||h − μ_a||,
     * so then ||h − μ_k||² &gt; (1 + 10⁻⁶)²·||h − μ_a||²: far beyond the rounding of the sums
     * (about p·2⁻⁵³ relative), the skipped class's computed distance would exceed the anchor's
     * and cannot be the nearest.
     */
    static final double PRUNE = 2.000002;

    /** Up to this many classes the K × K mean distances are kept per pass (K² doubles: 512 KB at 256). */
    static final int PRUNE_MAX_CLASSES = 256;

    /**
     * {@link #nearestMean} with an anchor class (the sample's label: once the classes separate,
     * usually the nearest): the squared distance to the anchor's mean first, then only the classes the triangle inequality does not rule out
     * (see {@link #PRUNE}; the distances between the means are computed once per pass), each
     * summed in the order of j and compared in class order, so the answer is the nearest mean's
     * index exactly as the full scan gives it. When many classes remain, the full (vectorising)
     * scan runs.
     */
    int nearestMeanPruned(double[] h, int offset, int anchor) {
        if (meanDistances == null) {
            return nearestMean(h, offset);
        }
        final int p = dim;
        final int kk = classes;
        double dp = 0;
        final int pb = anchor * p;
        for (int j = 0; j < p; j++) {
            final double e = h[offset + j] - means[pb + j];
            dp += e * e;
        }
        final double thr = PRUNE * Math.sqrt(dp);
        final double[] dm = meanDistances;
        final int row = anchor * kk;
        int candidates = 0;
        for (int k = 0; k < kk; k++) {
            if (!(dm[row + k] > thr)) {
                candidates++;
            }
        }
        if (candidates > 1 + kk / 8) {
            return nearestMean(h, offset);
        }
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < kk; k++) {
            double d;
            if (k == anchor) {
                d = dp;
            } else if (dm[row + k] > thr) {
                continue;
            } else {
                d = 0;
                final int b = k * p;
                for (int j = 0; j < p; j++) {
                    final double e = h[offset + j] - means[b + j];
                    d += e * e;
                }
            }
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** Argmax of the classifier scores W h (+ b with a bias; h itself for logits); lowest index on ties. */
    public int predicted(double[] h, int offset) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double s;
            if (classifier == null) {
                s = h[offset + k];
            } else {
                s = 0;
                for (int j = 0; j < dim; j++) {
                    s += classifier[k * dim + j] * h[offset + j];
                }
                if (bias != null) {
                    s += bias[k];
                }
            }
            if (s > bestScore) {
                bestScore = s;
                best = k;
            }
        }
        return best;
    }

    /**
     * ||R·w||², the rows' projections summed in row order. The rank projections advance together
     * over j (R transposed): each adds its terms in the order of j, exactly as one row at a time
     * would, while the loop over rows runs on contiguous memory and vectorises.
     */
    private double projectedNorm2(double[] w) {
        if (classes < TRANSPOSED_MIN_CLASSES) {
            return projectedNorm2OneRowAtATime(w);
        }
        final int rk = rank;
        final double[][] q = rT;
        final double[] v = proj;
        Arrays.fill(v, 0.0);
        for (int j = 0; j < dim; j++) {
            final double wj = w[j];
            final double[] qj = q[j];
            for (int c = 0; c < rk; c++) {
                v[c] += qj[c] * wj;
            }
        }
        double s = 0;
        for (int c = 0; c < rk; c++) {
            s += v[c] * v[c];
        }
        return s;
    }

    /** One row at a time (small K, and the reference of the transposed loop in tests). */
    double projectedNorm2OneRowAtATime(double[] w) {
        if (r == null) {
            return Double.NaN;
        }
        double s = 0;
        for (int c = 0; c < rank; c++) {
            double v = 0;
            int row = c * dim;
            for (int j = 0; j < dim; j++) {
                v += r[row + j] * w[j];
            }
            s += v * v;
        }
        return s;
    }

    /** The vectorised NC1 projection (tests); NaN without a projector. */
    double projectedNorm2ForTest(double[] w) {
        return r == null ? Double.NaN : projectedNorm2(w);
    }

    /**
     * Index of the nearest class mean (Euclidean); lowest index on ties. The K squared distances
     * advance together over j (means transposed), each summed in the order of j as one class at a
     * time would, then compared in class order.
     */
    public int nearestMean(double[] h, int offset) {
        if (classes < TRANSPOSED_MIN_CLASSES) {
            return nearestMeanOneAtATime(h, offset);
        }
        final int kk = classes;
        final double[][] mt = meansT;
        final double[] d = dist;
        Arrays.fill(d, 0.0);
        for (int j = 0; j < dim; j++) {
            final double hj = h[offset + j];
            final double[] mj = mt[j];
            for (int k = 0; k < kk; k++) {
                final double e = hj - mj[k];
                d[k] += e * e;
            }
        }
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < kk; k++) {
            if (d[k] < bestD) {
                bestD = d[k];
                best = k;
            }
        }
        return best;
    }

    /** One class at a time (small K, and the reference of the transposed loop in tests). */
    int nearestMeanOneAtATime(double[] h, int offset) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double d = 0;
            for (int j = 0; j < dim; j++) {
                double e = h[offset + j] - means[k * dim + j];
                d += e * e;
            }
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** Adds {@code other} (built on the same means and classifier) into this; returns this. */
    public FixedMeanPass merge(FixedMeanPass other) {
        if (other.classes != classes || other.dim != dim || !Arrays.equals(other.means, means)
                || !Arrays.equals(other.classifier, classifier) || !Arrays.equals(other.bias, bias)) {
            throw new IllegalArgumentException("can only merge passes built on the same means and classifier");
        }
        samples += other.samples;
        mismatches += other.mismatches;
        projectedScatter += other.projectedScatter;
        return this;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeLong(samples);
        out.writeLong(mismatches);
        out.writeDouble(projectedScatter);
    }

    void readState(DataInput in) throws IOException {
        samples = in.readLong();
        mismatches = in.readLong();
        projectedScatter = in.readDouble();
    }

    /** Forgets the samples (keeps means and classifier). */
    public void reset() {
        samples = 0;
        mismatches = 0;
        projectedScatter = 0;
    }

    public long samples() {
        return samples;
    }

    /** Samples whose classifier argmax differs from the nearest class mean. */
    public long mismatches() {
        return mismatches;
    }

    /** Whether NC4 can be computed (a classifier was given, or p = K). */
    public boolean hasClassifier() {
        return classifier != null || logits;
    }

    /** Whether NC1 is defined (the class means do not coincide). */
    public boolean nc1Defined() {
        return r != null;
    }

    /** NC1 about the means of this pass; NaN when undefined or no samples. */
    public double nc1() {
        return r == null || samples == 0 ? Double.NaN : projectedScatter / samples;
    }

    /** NC4 = mismatches / samples; NaN without classifier (and p != K) or without samples. */
    public double nc4() {
        return !hasClassifier() || samples == 0 ? Double.NaN : (double) mismatches / samples;
    }

    /** The class means this pass was built on (a copy). */
    public double[] means() {
        return means.clone();
    }

    double[] classifierOrNull() {
        return classifier;
    }
}
