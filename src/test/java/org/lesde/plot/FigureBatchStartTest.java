package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lesde.RunFailedException;

/** A batch started in the background returns what {@link FigureBatch#run} returns, and throws its first failure at join. */
class FigureBatchStartTest {
    private static FigureBatch batch(int threads, RuntimeException failAt2) {
        FigureBatch b = FigureBatch.of(threads);
        for (int i = 0; i < 5; i++) {
            int k = i;
            b.add(() -> {
                if (k == 2 && failAt2 != null) {
                    throw failAt2;
                }
                return List.of(Path.of("f" + k + ".png"), Path.of("f" + k + ".svg"));
            });
        }
        return b;
    }

    @Test
    void startedReturnsWhatRunReturns() {
        for (int threads : new int[] {1, 2, 3}) {
            AtomicInteger told = new AtomicInteger();
            List<Path> started = batch(threads, null).start((done, total) -> told.incrementAndGet()).join();
            assertEquals(batch(threads, null).run(FigureBatch.Progress.NONE), started, threads + " threads");
            assertEquals(6, told.get(), "progress: 0 of 5, then after each figure");
        }
    }

    @Test
    void theCallerGoesOnWhileTheFiguresAreDrawn() throws InterruptedException {
        CountDownLatch callerWent = new CountDownLatch(1);
        FigureBatch b = FigureBatch.of(2).add(() -> {
            try {
                assertTrue(callerWent.await(30, TimeUnit.SECONDS), "the caller was blocked by start");
            } catch (InterruptedException e) {
                throw new RunFailedException("interrupted", e);
            }
            return List.of(Path.of("a.png"));
        });
        FigureBatch.Started s = b.start(FigureBatch.Progress.NONE);
        callerWent.countDown();
        assertEquals(List.of(Path.of("a.png")), s.join());
    }

    @Test
    void theFailureIsThrownAtJoinAndKeptQuietOnRequest() {
        RunFailedException boom = new RunFailedException("cannot write f2.png: disk full");
        for (int threads : new int[] {1, 2}) {
            FigureBatch.Started s = batch(threads, boom).start(FigureBatch.Progress.NONE);
            assertSame(boom, assertThrows(RunFailedException.class, s::join));
            batch(threads, boom).start(FigureBatch.Progress.NONE).joinQuietly(); // waits, throws nothing
        }
    }
}
