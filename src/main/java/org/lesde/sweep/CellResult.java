package org.lesde.sweep;

/**
 * What a sweep records for one cell (all at the final time unless said otherwise).
 *
 * @param sepProbMin  minimum over class pairs of the fraction of paths separated along the
 *                    class-mean difference
 * @param sepProbMean mean over class pairs of that fraction
 * @param etfDistance NC2 ETF distance of the ensemble's class means
 * @param nc1         NC1 of the ensemble (paths as samples)
 * @param tSep        first output time at which sepProbMin >= the sweep threshold (NaN if never)
 */
public record CellResult(double sepProbMin, double sepProbMean, double etfDistance, double nc1, double tSep) {

    /** Column names, in {@link #values()} order. */
    public static final String[] COLUMNS = {"sep_prob_min", "sep_prob_mean", "etf_distance", "nc1", "t_sep"};

    public double[] values() {
        return new double[] {sepProbMin, sepProbMean, etfDistance, nc1, tSep};
    }
}
