package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The streaming summaries of one ensemble run, each added with its type and the memory one copy
 * declares, and read back after the run through the typed {@link Slot} that adding it returned
 * (no positional casts). {@link MemoryEstimate} sums the declared bytes of the copies in flight.
 */
public final class Summaries {

    /** One summary: its factory (one fresh copy per chunk) and the bytes one copy holds. */
    public record Summary<T extends ChunkAccumulator>(String name, Class<T> type, Supplier<T> factory, double bytes) {
    }

    /** The typed handle of a summary added to a plan. */
    public static final class Slot<T extends ChunkAccumulator> {
        private final Summaries owner;
        private final Class<T> type;
        private final int index;

        private Slot(Summaries owner, Class<T> type, int index) {
            this.owner = owner;
            this.type = type;
            this.index = index;
        }

        /** The merged summary after the run. */
        public T get() {
            return type.cast(owner.merged().get(index));
        }
    }

    private final List<Summary<?>> plan = new ArrayList<>();
    private List<ChunkAccumulator> merged;

    /** Adds a summary; its slot reads the merged result after {@link #complete}. */
    public <T extends ChunkAccumulator> Slot<T> add(Summary<T> s) {
        if (merged != null) {
            throw new IllegalStateException("summaries already complete");
        }
        plan.add(s);
        return new Slot<>(this, s.type(), plan.size() - 1);
    }

    /** Adds summaries whose merged results are read back by type with {@link #find}. */
    public void addAll(List<? extends Summary<?>> more) {
        for (Summary<?> s : more) {
            add(s);
        }
    }

    /** The declarations, in order. */
    public List<Summary<?>> plan() {
        return List.copyOf(plan);
    }

    /** The bytes of one copy of every summary (a chunk's worth). */
    public double bytesPerChunk() {
        double b = 0;
        for (Summary<?> s : plan) {
            b += s.bytes();
        }
        return b;
    }

    /** The factories, in order (what {@link EnsembleRunner} takes). */
    public List<Supplier<ChunkAccumulator>> factories() {
        List<Supplier<ChunkAccumulator>> l = new ArrayList<>();
        for (Summary<?> s : plan) {
            Supplier<? extends ChunkAccumulator> f = s.factory();
            l.add(f::get);
        }
        return l;
    }

    /** Records the merged results of the run (same order as the plan). */
    public Summaries complete(List<ChunkAccumulator> results) {
        if (results.size() != plan.size()) {
            throw new IllegalStateException("expected " + plan.size() + " summaries, got " + results.size());
        }
        merged = List.copyOf(results);
        return this;
    }

    /** The one merged summary of the given type among those added with {@link #addAll}, or null. */
    public <T extends ChunkAccumulator> T find(Class<T> type) {
        T found = null;
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).type() == type) {
                if (found != null) {
                    throw new IllegalStateException("more than one summary of type " + type.getSimpleName());
                }
                found = type.cast(merged().get(i));
            }
        }
        return found;
    }

    private List<ChunkAccumulator> merged() {
        if (merged == null) {
            throw new IllegalStateException("the run has not completed");
        }
        return merged;
    }
}
