package org.lesde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --shard i/n and --shard-from-env (the Slurm job-array variables), 0- and 1-based arrays, bad values. */
class ShardTest {
    static Map<String, String> env(String id, String min, String count) {
        Map<String, String> e = new HashMap<>();
        if (id != null) {
            e.put(Shard.TASK_ID, id);
        }
        if (min != null) {
            e.put(Shard.TASK_MIN, min);
        }
        if (count != null) {
            e.put(Shard.TASK_COUNT, count);
        }
        return e;
    }

    @ParameterizedTest(name = "--array={1}-{3}: task {0} is shard {4}")
    @CsvSource({
        // --array=0-7
        "0, 0, 8, 7, 0/8", "7, 0, 8, 7, 7/8",
        // --array=1-8 (1-based): the same eight shards
        "1, 1, 8, 8, 0/8", "8, 1, 8, 8, 7/8", "5, 1, 8, 8, 4/8",
        // --array=10-12
        "12, 10, 3, 12, 2/3"})
    void slurmArraysOfAnyStartGiveShardsZeroToNMinusOne(String id, String min, String count, String last, String expected) {
        assertEquals(expected, Shard.fromEnvironment(env(id, min, count), "--shard-from-env").toString());
    }

    @Test
    void everyTaskOfAOneBasedArrayIsADifferentShard() {
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int id = 1; id <= 8; id++) {
            Shard s = Shard.fromEnvironment(env(Integer.toString(id), "1", "8"), "--shard-from-env");
            assertEquals(8, s.count());
            seen.add(s.index());
        }
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4, 5, 6, 7), seen);
    }

    @ParameterizedTest(name = "id={0} min={1} count={2}")
    @CsvSource(nullValues = "null", value = {
        "null, 0, 8, SLURM_ARRAY_TASK_ID", "3, null, 8, SLURM_ARRAY_TASK_MIN", "3, 0, null, SLURM_ARRAY_TASK_COUNT",
        "'', 0, 8, SLURM_ARRAY_TASK_ID", "three, 0, 8, SLURM_ARRAY_TASK_ID", "3, 0x0, 8, SLURM_ARRAY_TASK_MIN",
        "3, 0, 8.0, SLURM_ARRAY_TASK_COUNT", "-1, 0, 8, SLURM_ARRAY_TASK_ID", "3, 0, 0, SLURM_ARRAY_TASK_COUNT",
        // a task outside the array (a step or gaps: --array=0-15:2 has 8 tasks up to 14)
        "14, 0, 8, SLURM_ARRAY_TASK_ID", "0, 1, 8, SLURM_ARRAY_TASK_ID"})
    void missingOrGarbledVariablesAreNamed(String id, String min, String count, String named) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> Shard.fromEnvironment(env(id, min, count), "--shard-from-env"));
        assertTrue(e.getMessage().startsWith("--shard-from-env: "), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void shardTextIsParsedOrRefusedNamingTheOption() {
        assertEquals(new Shard(2, 5), Shard.parse("2/5", "--shard"));
        for (String bad : new String[] {"5/5", "-1/3", "1/0", "1", "1/2/3", "a/b", "", "1/ 2x"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> Shard.parse(bad, "--shard"));
            assertTrue(e.getMessage().startsWith("--shard must be i/n"), e.getMessage());
        }
        assertEquals(Shard.ALL, Shard.of(null, false, Map.of()));
        assertThrows(BadInputException.class, () -> Shard.of("0/2", true, env("0", "0", "2")));
        assertEquals(new Shard(1, 2), Shard.of(null, true, env("2", "1", "2")));
    }
}
