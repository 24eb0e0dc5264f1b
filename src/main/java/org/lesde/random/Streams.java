package org.lesde.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The one entry point for randomness: a master seed is split into independent, reproducible
 * streams addressed by index (a path, a particle set, a sweep cell, ...). Stream {@code i} of seed
 * {@code s} is a XoShiRo256++ generator whose 256-bit state is four successive outputs of
 * SplitMix64 started at {@code mix(s) + i * golden} (the "split by hashing" scheme of
 * SplittableRandom / numpy's SeedSequence). Because a stream depends only on (seed, index),
 * results never depend on how work is divided between threads.
 *
 * <p>Streams are grouped by purpose with {@link #child(long)}, e.g. the SDE paths use
 * {@code Streams.of(seed).child(PATHS)} and the SGD particles {@code child(SGD)}, so adding a
 * consumer never shifts the numbers of another.
 */
public final class Streams {
    /** Purpose tags for {@link #child(long)}. */
    public static final long PATHS = 1;
    public static final long SGD = 2;
    public static final long INIT = 3;
    public static final long REPLAY = 4;
    public static final long SWEEP = 5;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final long key;

    private Streams(long key) {
        this.key = key;
    }

    /** Streams of a master seed. */
    public static Streams of(long masterSeed) {
        return new Streams(mix64(masterSeed ^ 0x6C65736465L)); // "lesde"
    }

    /** An independent family of streams for one purpose (or one sweep cell). */
    public Streams child(long tag) {
        return new Streams(mix64(key + mix64(tag + GOLDEN)));
    }

    /** A seed derived from this family and an index (e.g. the master seed of a sweep cell). */
    public long derivedSeed(long index) {
        return mix64(key ^ mix64(index * GOLDEN + 1));
    }

    /** The generator of stream {@code index}. */
    public UniformRandomProvider stream(long index) {
        long z = key + (index + 1) * GOLDEN;
        long[] state = new long[4];
        for (int i = 0; i < 4; i++) {
            z += GOLDEN;
            state[i] = mix64(z);
        }
        // The generator's own constructor: the same state (hence the same numbers) as
        // RandomSource.XO_SHI_RO_256_PP.create(state), without the reflective factory (one stream
        // is created per path).
        return new XoShiRo256PlusPlus(state);
    }

    /** The same stream through Commons RNG's factory (reference for the tests). */
    static UniformRandomProvider streamViaFactory(Streams s, long index) {
        long z = s.key + (index + 1) * GOLDEN;
        long[] state = new long[4];
        for (int i = 0; i < 4; i++) {
            z += GOLDEN;
            state[i] = mix64(z);
        }
        return RandomSource.XO_SHI_RO_256_PP.create(state);
    }

    /** A fast standard normal sampler (Marsaglia–Tsang ziggurat, McFarland's variant) on {@code rng}. */
    public static ZigguratSampler.NormalizedGaussian normal(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** SplitMix64 finaliser (Stafford variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
