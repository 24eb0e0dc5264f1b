package org.lesde.monitor;

import java.util.List;

/**
 * Neural-collapse metrics of one set of labelled features (one output time, one source). All
 * definitions are in {@link NeuralCollapse}, the catalogue of the scalar metrics (keys, labels) in
 * {@link Metric}; a metric that is undefined for the input is NaN and
 * {@link #notes()} says why. The arrays are owned by this record: do not modify them.
 *
 * @param classes K
 * @param dim p
 * @param samples N (0 when computed from class means only)
 * @param nc1 (1/K)·tr(Σ_W Σ_B^†)
 * @param nc2Equinorm std_k ||μ̃_k|| / mean_k ||μ̃_k|| (population std)
 * @param nc2Equiangularity mean over k ≠ k' of |cos(μ̃_k, μ̃_k') + 1/(K−1)|
 * @param nc2EtfDistance || G/||G||_F − (I − 11ᵀ/K)/sqrt(K−1) ||_F with G = M̃ᵀM̃
 * @param nc3 || Wᵀ/||W||_F − M̃/||M̃||_F ||_F
 * @param nc4 fraction of samples whose classifier argmax differs from the nearest class mean
 * @param residualCos cos(μ̃_k, r_k) per class, r_k = e_k − 1/K·1 in the first K coordinates
 * @param residualCosMean mean of residualCos
 * @param cosines K x K cosines cos(μ̃_k, μ̃_k'), flat {@code [k*K + k']}
 * @param notes definition choices and reasons for NaN values, one line each
 * @param alignment cosines with the nearest simplex ETF and quantiles of the pairwise cosines
 */
public record NcMetrics(int classes, int dim, long samples, double nc1, double nc2Equinorm,
        double nc2Equiangularity, double nc2EtfDistance, double nc3, double nc4, double[] residualCos,
        double residualCosMean, double[] cosines, List<String> notes, EtfAlignment alignment) {

    /** The same metrics with NC1, NC4 and the notes replaced (e.g. from a second pass over the samples). */
    public NcMetrics withSampleMetrics(double nc1, double nc4, List<String> notes) {
        return new NcMetrics(classes, dim, samples, nc1, nc2Equinorm, nc2Equiangularity, nc2EtfDistance, nc3, nc4,
                residualCos, residualCosMean, cosines, notes, alignment);
    }

    /** Pairwise cosine between centred class means k and k2. */
    public double cosine(int k, int k2) {
        return cosines[k * classes + k2];
    }
}
