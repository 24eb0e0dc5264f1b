package org.lesde.sim;

import java.util.Arrays;

/**
 * A mergeable streaming quantile sketch of one real variable (docs/theory.md#311-quantile-sketch):
 * a stack of compactors of capacity {@code k} (even), level h holding items of weight 2^h. When a
 * level reaches k items it is sorted and every other item (offset 0 or 1) moves up with twice the
 * weight. The offset is a fair coin drawn from a fixed hash of (level, compaction count), not from a
 * shared or time-seeded generator: the sketch is a deterministic function of its inputs and of the
 * order of its merges (Apache DataSketches' KLL draws its coins from one unseeded static
 * {@code java.util.Random}, so it cannot give byte-identical results).
 *
 * <p>Rank error: a compaction at level h changes the rank of any fixed value by 0 or ±2^h, with
 * either sign equally likely. With S1 = Σ 2^h and S2 = Σ 4^h over the compactions done, the
 * estimated rank of a fixed value is off by at most S1 (always) and by more than
 * sqrt(2·ln(2/δ)·S2) with probability at most δ (Hoeffding). {@link #rankErrorBound} returns the
 * smaller of the two over n for δ = 0.01; it is 0 (exact quantiles) until the first compaction,
 * i.e. for n < k.
 */
public final class QuantileSketch {
    /** Default capacity per level. */
    public static final int DEFAULT_K = 512;
    /** δ of the probabilistic bound. */
    public static final double DELTA = 0.01;

    private final int k;
    private double[][] level = new double[1][];
    private int[] size = new int[1];
    private long[] compactions = new long[1];
    private long n;
    private double s1;
    private double s2;

    public QuantileSketch(int k) {
        if (k < 2 || k % 2 != 0) {
            throw new IllegalArgumentException("k must be even and >= 2, got " + k);
        }
        this.k = k;
        level[0] = new double[Math.min(k, 8)];
    }

    /** Values seen. */
    public long count() {
        return n;
    }

    /** Writes the whole state exactly (levels with their capacities, counts, sums as IEEE bits). */
    void writeState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(level.length);
        for (int h = 0; h < level.length; h++) {
            out.writeInt(level[h].length);
            out.writeInt(size[h]);
            out.writeLong(compactions[h]);
            for (int i = 0; i < size[h]; i++) {
                out.writeDouble(level[h][i]);
            }
        }
        out.writeLong(n);
        out.writeDouble(s1);
        out.writeDouble(s2);
    }

    /** Replaces the state by one {@link #writeState} wrote (same k). */
    void readState(java.io.DataInput in) throws java.io.IOException {
        int levels = in.readInt();
        if (levels < 1 || levels > 64) {
            throw new java.io.IOException("quantile sketch with " + levels + " levels");
        }
        level = new double[levels][];
        size = new int[levels];
        compactions = new long[levels];
        for (int h = 0; h < levels; h++) {
            int cap = in.readInt();
            int sz = in.readInt();
            if (cap < 0 || sz < 0 || sz > cap || cap > (1 << 24)) {
                throw new java.io.IOException("quantile sketch level " + h + ": size " + sz + ", capacity " + cap);
            }
            level[h] = new double[cap];
            size[h] = sz;
            compactions[h] = in.readLong();
            for (int i = 0; i < sz; i++) {
                level[h][i] = in.readDouble();
            }
        }
        n = in.readLong();
        s1 = in.readDouble();
        s2 = in.readDouble();
    }

    public void update(double x) {
        push(0, x);
        n++;
        if (size[0] >= k) {
            compact(0);
        }
    }

    private void push(int h, double x) {
        double[] b = level[h];
        if (size[h] == b.length) {
            b = Arrays.copyOf(b, Math.max(8, 2 * b.length));
            level[h] = b;
        }
        b[size[h]++] = x;
    }

    private void ensureLevel(int h) {
        if (h < level.length) {
            return;
        }
        int old = level.length;
        level = Arrays.copyOf(level, h + 1);
        size = Arrays.copyOf(size, h + 1);
        compactions = Arrays.copyOf(compactions, h + 1);
        for (int i = old; i <= h; i++) {
            level[i] = new double[8];
        }
    }

    private void compact(int h) {
        while (h < level.length && size[h] >= k) {
            ensureLevel(h + 1);
            double[] b = level[h];
            int m = size[h] & ~1; // an even number of items moves; an odd one stays
            Arrays.sort(b, 0, size[h]);
            int offset = coin(h, compactions[h]++);
            for (int i = offset; i < m; i += 2) {
                push(h + 1, b[i]);
            }
            int rest = size[h] - m;
            if (rest == 1) {
                b[0] = b[m];
            }
            size[h] = rest;
            double w = Math.scalb(1.0, h);
            s1 += w;
            s2 += w * w;
            h++;
        }
    }

    /** The data-independent fair coin of compaction {@code c} at level {@code h}. */
    static int coin(int h, long c) {
        long z = 0x9E3779B97F4A7C15L * (c + 1) + 0xBF58476D1CE4E5B9L * (h + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z >>> 63);
    }

    /** Adds {@code other}'s items (this sketch then summarises both streams; other is unchanged). */
    public void merge(QuantileSketch other) {
        if (other.k != k) {
            throw new IllegalArgumentException("sketches of different k");
        }
        ensureLevel(other.level.length - 1);
        for (int h = 0; h < other.level.length; h++) {
            double[] b = other.level[h];
            for (int i = 0; i < other.size[h]; i++) {
                push(h, b[i]);
            }
        }
        n += other.n;
        s1 += other.s1;
        s2 += other.s2;
        for (int h = 0; h < level.length; h++) {
            if (size[h] >= k) {
                compact(h);
            }
        }
    }

    /**
     * The q-quantile (0 ≤ q ≤ 1): the smallest retained value whose cumulative weight reaches
     * q·n (the inverse of the empirical distribution function when exact); NaN when empty.
     *
     * @param work caller-owned scratch of length ≥ {@link #retained()} (values) — sorted in place
     * @param weights caller-owned scratch of the same length
     */
    public double quantile(double q, double[] work, long[] weights) {
        double[] out = new double[1];
        quantiles(new double[] {q}, out, 0, work, weights);
        return out[0];
    }

    /**
     * The quantiles at every level of {@code qs} into {@code out[off..]}, from one sort of the
     * retained items (each level sorted on its own, then merged by value: a tie between levels
     * cannot change a returned value, so this equals sorting all items together).
     *
     * @param work caller-owned scratch of length ≥ {@link #retained()} — the merged values
     * @param weights caller-owned scratch of the same length — their log2 weights
     */
    public void quantiles(double[] qs, double[] out, int off, double[] work, long[] weights) {
        if (n == 0) {
            Arrays.fill(out, off, off + qs.length, Double.NaN);
            return;
        }
        int m = mergeSorted(work, weights);
        for (int j = 0; j < qs.length; j++) {
            double target = qs[j] * n;
            long cum = 0;
            double v = work[m - 1];
            for (int i = 0; i < m; i++) {
                cum += 1L << weights[i];
                if (cum >= target) {
                    v = work[i];
                    break;
                }
            }
            out[off + j] = v;
        }
    }

    /**
     * The retained items sorted by value into v with their levels in w: each level copied and
     * sorted on its own (the sketch itself is not changed), then the levels merged.
     */
    private int mergeSorted(double[] v, long[] w) {
        int levels = level.length;
        int m = 0;
        int[] start = new int[levels + 1];
        for (int h = 0; h < levels; h++) {
            start[h] = m;
            m += size[h];
        }
        start[levels] = m;
        double[] seg = new double[m];
        for (int h = 0; h < levels; h++) {
            System.arraycopy(level[h], 0, seg, start[h], size[h]);
            Arrays.sort(seg, start[h], start[h + 1]);
        }
        int[] head = Arrays.copyOf(start, levels);
        for (int i = 0; i < m; i++) {
            int best = -1;
            for (int h = 0; h < levels; h++) {
                if (head[h] < start[h + 1] && (best < 0 || Double.compare(seg[head[h]], seg[head[best]]) < 0)) {
                    best = h;
                }
            }
            v[i] = seg[head[best]++];
            w[i] = best;
        }
        return m;
    }

    /** Retained items. */
    public int retained() {
        int m = 0;
        for (int s : size) {
            m += s;
        }
        return m;
    }

    /** The normalised rank-error bound (see the class comment); 0 when exact. */
    public double rankErrorBound() {
        if (n == 0 || s1 == 0) {
            return 0;
        }
        return Math.min(s1, Math.sqrt(2 * Math.log(2 / DELTA) * s2)) / n;
    }

    /** Items a sketch of capacity k retains at most after n values: k per level, log2(n/k) + 1 levels. */
    public static double maxRetained(double n, int k) {
        if (n <= k) {
            return n;
        }
        return k * (Math.ceil(Math.log(n / k) / Math.log(2)) + 2);
    }
}
