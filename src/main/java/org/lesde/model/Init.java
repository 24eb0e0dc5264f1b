package org.lesde.model;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.lesde.random.Streams;

/**
 * Initial state: class means X̄(0) (given, or drawn once per run as randomScale·N(0, I) from the
 * master seed's INIT stream), and each path / particle starts at X̄(0) + spread·N(0, I).
 */
public record Init(double[][] means, double randomScale, double spread) {

    public Init {
        means = means == null ? null : ModelMath.copy(means);
    }

    public boolean isRandom() {
        return means == null;
    }

    /** The flat class means X̄(0) (length K·p) for the given master seed. */
    public double[] resolveMeans(int classes, int dim, long seed) {
        double[] x = new double[classes * dim];
        if (means != null) {
            for (int k = 0; k < classes; k++) {
                System.arraycopy(means[k], 0, x, k * dim, dim);
            }
            return x;
        }
        ZigguratSampler.NormalizedGaussian g = Streams.normal(Streams.of(seed).child(Streams.INIT).stream(0));
        for (int i = 0; i < x.length; i++) {
            x[i] = randomScale * g.sample();
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Init i && java.util.Arrays.deepEquals(means, i.means)
                && randomScale == i.randomScale && spread == i.spread;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(means) * 31 + Double.hashCode(spread);
    }
}
