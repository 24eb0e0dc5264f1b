package org.lesde.bench;

import java.util.concurrent.TimeUnit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.BoxMullerNormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.MarsagliaNormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratNormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.lesde.random.Streams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the normals floor, nanoseconds per standard normal written into a buffer of 1024 (as the
 * Brownian increments are drawn), for Commons RNG's uniform sources and Gaussian samplers.
 * {@code source=XO_SHI_RO_256_PP, sampler=ziggurat} is what lesde uses (the path streams, built
 * as {@link Streams} builds them); the others are candidates for a future version of the random
 * numbers (a different stream or sampler changes every number: a version change, not done here).
 * {@code ziggurat} = {@link ZigguratSampler.NormalizedGaussian} (McFarland's 2016 ziggurat, 1.3+),
 * {@code ziggurat2000} = {@link ZigguratNormalizedGaussianSampler} (Marsaglia–Tsang 2000),
 * {@code marsaglia} = the polar method, {@code boxmuller} = Box–Muller.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NormalsBenchmark {
    static final int N = 1024;

    @Param({"XO_SHI_RO_256_PP", "XO_RO_SHI_RO_128_PP", "XO_SHI_RO_128_PP", "L64_X128_MIX", "L64_X256_MIX", "L128_X128_MIX",
            "SPLIT_MIX_64"})
    public String source;

    @Param({"ziggurat", "ziggurat2000", "marsaglia", "boxmuller"})
    public String sampler;

    private NormalizedGaussianSampler g;
    private ZigguratSampler.NormalizedGaussian zig;
    private final double[] buf = new double[N];

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = source.equals("XO_SHI_RO_256_PP") ? Streams.of(1).child(Streams.PATHS).stream(0)
                : RandomSource.valueOf(source).create(12345L);
        g = switch (sampler) {
            case "ziggurat" -> ZigguratSampler.NormalizedGaussian.of(rng);
            case "ziggurat2000" -> ZigguratNormalizedGaussianSampler.of(rng);
            case "marsaglia" -> MarsagliaNormalizedGaussianSampler.of(rng);
            case "boxmuller" -> BoxMullerNormalizedGaussianSampler.of(rng);
            default -> throw new IllegalArgumentException(sampler);
        };
        zig = g instanceof ZigguratSampler.NormalizedGaussian z ? z : null;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] fill() {
        if (zig != null) { // lesde's call: the final class, as GaussianIncrements calls it
            final ZigguratSampler.NormalizedGaussian z = zig;
            for (int i = 0; i < N; i++) {
                buf[i] = z.sample();
            }
            return buf;
        }
        final NormalizedGaussianSampler s = g;
        for (int i = 0; i < N; i++) {
            buf[i] = s.sample();
        }
        return buf;
    }
}
