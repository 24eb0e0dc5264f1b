package org.lesde.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class StreamsTest {
    @Test
    void directGeneratorConstructionEqualsCommonsRngFactory() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            Streams s = Streams.of(seed).child(Streams.PATHS);
            for (long index = 0; index < 50; index++) {
                UniformRandomProvider a = s.stream(index);
                UniformRandomProvider b = Streams.streamViaFactory(s, index);
                for (int i = 0; i < 64; i++) {
                    assertEquals(b.nextLong(), a.nextLong(), "seed " + seed + " stream " + index);
                }
            }
        }
    }

    @Test
    void reusedIncrementsEqualFreshOnes() {
        Streams s = Streams.of(3).child(Streams.PATHS);
        GaussianIncrements reused = new GaussianIncrements(Streams.normal(s.stream(99)));
        double[] a = new double[7];
        double[] b = new double[7];
        for (long path = 0; path < 5; path++) {
            GaussianIncrements fresh = new GaussianIncrements(Streams.normal(s.stream(path)));
            reused.use(Streams.normal(s.stream(path)));
            for (int step = 0; step < 20; step++) {
                double dt = step < 10 ? 0.01 : 0.02;
                fresh.next(dt, a);
                reused.next(dt, b);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
                }
            }
        }
    }
}
