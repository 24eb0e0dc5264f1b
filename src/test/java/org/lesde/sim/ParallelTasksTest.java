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
}
