package org.lesde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.lesde.RunFailedException;

/** Results in task order for any thread count; the first failure in task order is the one thrown. */
class ParallelTasksTest {
    @Test
    void resultsComeInTaskOrderForAnyThreadCount() {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            expected.add(i * i);
        }
        for (int threads : new int[] {1, 2, 3, 8, 100}) {
            assertEquals(expected, ParallelTasks.map(threads, 37, "t", i -> {
                if (i % 5 == 0) {
                    Thread.onSpinWait(); // a little unevenness
                }
                return i * i;
            }), threads + " threads");
        }
        assertEquals(List.of(), ParallelTasks.map(4, 0, "t", i -> i));
    }

    @Test
    void oneThreadRunsInTheCallersThreadAndSeveralOnNamedDaemons() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        ParallelTasks.map(1, 5, "lesde-x", i -> names.add(Thread.currentThread().getName()));
        assertEquals(Set.of(Thread.currentThread().getName()), names);
        names.clear();
        ParallelTasks.map(3, 30, "lesde-x", i -> names.add(Thread.currentThread().getName() + Thread.currentThread().isDaemon()));
        assertEquals(Set.of("lesde-xtrue"), names);
    }

    @Test
    void theFirstFailureInTaskOrderIsThrownAsItself() {
        IllegalStateException first = new IllegalStateException("task 3");
        for (int threads : new int[] {1, 4}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelTasks.map(threads, 10, "t", i -> {
                if (i == 3) {
                    throw first;
                }
                if (i == 7) {
                    throw new IllegalStateException("task 7");
                }
                return i;
            }));
            assertSame(first, e, threads + " threads");
        }
        AssertionError err = new AssertionError("boom");
        assertSame(err, assertThrows(AssertionError.class, () -> ParallelTasks.map(2, 4, "t", i -> {
            if (i == 1) {
                throw err;
            }
            return i;
        })));
        assertThrows(RunFailedException.class, () -> {
            Thread.currentThread().interrupt();
            try {
                ParallelTasks.map(2, 4, "t", i -> i);
            } finally {
                Thread.interrupted();
            }
        });
    }

    /** ordered: every result consumed in task order on the caller's thread, at most `ahead` (or one per thread) waiting. */
    @Test
    void orderedConsumesInTaskOrderWithBoundedLookAhead() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<Integer> seen = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
            int[] maxAhead = {0};
            Thread caller = Thread.currentThread();
            ParallelTasks.ordered(threads, 41, 4, "lesde-x", i -> {
                started.incrementAndGet();
                if (i % 7 == 0) {
                    Thread.onSpinWait();
                }
                return i * i;
            }, r -> {
                assertSame(caller, Thread.currentThread());
                seen.add(r);
                maxAhead[0] = Math.max(maxAhead[0], started.get() - seen.size());
            });
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 41; i++) {
                expected.add(i * i);
            }
            assertEquals(expected, seen, threads + " threads");
            org.junit.jupiter.api.Assertions.assertTrue(maxAhead[0] <= Math.max(4, threads), threads + " threads: " + maxAhead[0] + " ahead");
        }
        IllegalStateException first = new IllegalStateException("task 2");
        List<Integer> consumed = new ArrayList<>();
        assertSame(first, assertThrows(IllegalStateException.class, () -> ParallelTasks.ordered(3, 10, 3, "t", i -> {
            if (i == 2) {
                throw first;
            }
            if (i == 5) {
                throw new IllegalStateException("task 5");
            }
            return i;
        }, consumed::add)));
        assertEquals(List.of(0, 1), consumed, "the results before the failure are consumed, none after");
    }
}
