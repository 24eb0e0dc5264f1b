package org.lesde.sim;

/**
 * Per output row and coordinate, a {@link QuantileSketch} of the ensemble (docs/outputs.md,
 * sde_quantiles.csv). One copy per chunk; copies merge in chunk order, so the sketches (and the
 * quantiles read from them) are the same for any thread count.
 */
public final class EnsembleQuantiles implements ChunkState {
    private final int rows;
    private final int n;
    private final int k;
    private final QuantileSketch[] sketches;

    public EnsembleQuantiles(int rows, int n, int k) {
        this.rows = rows;
        this.n = n;
        this.k = k;
        this.sketches = new QuantileSketch[rows * n];
        for (int i = 0; i < sketches.length; i++) {
            sketches[i] = new QuantileSketch(k);
        }
    }

    /** The summary of a run of {@code paths} paths (one copy per chunk) with its declared bytes. */
    public static Summaries.Summary<EnsembleQuantiles> summary(int rows, int n, int k, long paths) {
        return new Summaries.Summary<>("quantile sketches", EnsembleQuantiles.class,
                () -> new EnsembleQuantiles(rows, n, k), bytes(rows, n, k, paths));
    }

    /**
     * The bytes of one copy, counted at the size of the merged sketches (an upper bound for every
     * chunk's copy): rows·n sketches of at most {@link QuantileSketch#maxRetained} doubles.
     */
    public static double bytes(double rows, double n, int k, double paths) {
        double perSketch = QuantileSketch.maxRetained(paths, k) * 1.5 * MemoryEstimate.DOUBLE + 6 * MemoryEstimate.ARRAY;
        return rows * n * perSketch;
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        int o = row * n;
        for (int i = 0; i < n; i++) {
            sketches[o + i].update(x[i]);
        }
    }

    @Override
    public void writeState(java.io.DataOutput out) throws java.io.IOException {
        for (QuantileSketch q : sketches) {
            q.writeState(out);
        }
    }

    @Override
    public void readState(java.io.DataInput in) throws java.io.IOException {
        for (QuantileSketch q : sketches) {
            q.readState(in);
        }
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        EnsembleQuantiles b = (EnsembleQuantiles) later;
        for (int i = 0; i < sketches.length; i++) {
            sketches[i].merge(b.sketches[i]);
        }
    }

    public int rows() {
        return rows;
    }

    public int dimension() {
        return n;
    }

    public int k() {
        return k;
    }

    /** The sketch of coordinate i at output row r. */
    public QuantileSketch sketch(int r, int i) {
        return sketches[r * n + i];
    }

    /** The largest rank-error bound over all sketches. */
    public double maxRankErrorBound() {
        double e = 0;
        for (QuantileSketch s : sketches) {
            e = Math.max(e, s.rankErrorBound());
        }
        return e;
    }
}
