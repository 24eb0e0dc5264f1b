package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The figures' warm-up runs only on a core the run leaves idle, and never without figures. */
class FigureBatchWarmUpTest {
    private static boolean warmUpRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("lesde-figures-warm-up") && t.isAlive());
    }

    private static void awaitNoWarmUp() throws InterruptedException {
        for (int i = 0; i < 600 && warmUpRunning(); i++) {
            Thread.sleep(50);
        }
        assertFalse(warmUpRunning(), "an earlier warm-up did not stop");
    }

    @Test
    void noWarmUpWhenTheRunTakesEveryCore() throws Exception {
        awaitNoWarmUp();
        int cores = Runtime.getRuntime().availableProcessors();
        FigureBatch.WarmUp w = FigureBatch.warmUp(PlotOptions.DEFAULT, cores);
        assertFalse(warmUpRunning(), "a warm-up started although the run uses all " + cores + " cores");
        w.stop();
        FigureBatch.warmUp(PlotOptions.NONE, 1).stop();
        assertFalse(warmUpRunning(), "a warm-up started without figures");
    }

    @Test
    void warmUpOnAnIdleCore() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: never idle");
        awaitNoWarmUp();
        FigureBatch.WarmUp w = FigureBatch.warmUp(PlotOptions.DEFAULT, 1);
        try {
            assertTrue(warmUpRunning(), "no warm-up with a core left idle");
        } finally {
            w.stop();
        }
        awaitNoWarmUp();
    }
}
