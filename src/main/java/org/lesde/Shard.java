package org.lesde;

import java.util.Map;

/**
 * Shard i of n (0 &lt;= i &lt; n) of an indexed set of work items: the items c with c mod n = i.
 * Sweeps shard their cells, {@code simulate} the chunks of its ensemble. The one parser of
 * {@code --shard i/n} and of the Slurm job-array variables ({@code --shard-from-env}).
 */
public record Shard(int index, int count) {
    /** Everything (shard 0 of 1). */
    public static final Shard ALL = new Shard(0, 1);

    /** The Slurm job-array variables {@link #fromEnvironment} reads: task id, first id, number of tasks. */
    public static final String TASK_ID = "SLURM_ARRAY_TASK_ID";
    public static final String TASK_MIN = "SLURM_ARRAY_TASK_MIN";
    public static final String TASK_COUNT = "SLURM_ARRAY_TASK_COUNT";

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    /** Parses "i/n" given to {@code field} (one-line error naming the field otherwise). */
    public static Shard parse(String s, String field) {
        String[] parts = s.split("/", -1);
        if (parts.length == 2) {
            try {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new Shard(i, n);
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new BadInputException(field + " must be i/n with 0 <= i < n (e.g. 0/4), got " + Require.quoted(s));
    }

    /**
     * The shard of a Slurm job-array task: i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN and
     * n = SLURM_ARRAY_TASK_COUNT, so {@code --array=0-7} and {@code --array=1-8} both give shards
     * 0/8 … 7/8. Arrays with a step or gaps ({@code --array=0-15:2}, {@code 1,3,7}) do not number
     * their tasks 0 … n−1 and are refused.
     *
     * @param field the option that asked for it, for messages
     */
    public static Shard fromEnvironment(Map<String, String> env, String field) {
        long id = variable(env, TASK_ID, field);
        long min = variable(env, TASK_MIN, field);
        long count = variable(env, TASK_COUNT, field);
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new BadInputException(field + ": " + TASK_COUNT + " must be >= 1, got " + count);
        }
        long i = id - min;
        if (i < 0 || i >= count) {
            throw new BadInputException(field + ": " + TASK_ID + " " + id + " is not in " + min + ".." + (min + count - 1)
                    + " (" + TASK_MIN + " " + min + ", " + TASK_COUNT + " " + count + "); use a contiguous array such as"
                    + " --array=0-" + (count - 1));
        }
        return new Shard((int) i, (int) count);
    }

    private static long variable(Map<String, String> env, String name, String field) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new BadInputException(field + ": environment variable " + name + " is not set (run it as a Slurm array task,"
                    + " sbatch --array=0-N, or give --shard i/n)");
        }
        try {
            long x = Long.parseLong(v.trim());
            if (x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new BadInputException(field + ": environment variable " + name + " must be a non-negative integer, got "
                    + Require.quoted(v));
        }
    }

    /**
     * The shard given by {@code --shard} ({@code text}) or {@code --shard-from-env}; {@link #ALL}
     * when neither; refuses both at once.
     */
    public static Shard of(String text, boolean fromEnv, Map<String, String> env) {
        if (text != null && fromEnv) {
            throw new BadInputException("--shard and --shard-from-env exclude each other; give one");
        }
        if (fromEnv) {
            return fromEnvironment(env, "--shard-from-env");
        }
        return text == null ? ALL : parse(text, "--shard");
    }

    public boolean contains(long item) {
        return item % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
