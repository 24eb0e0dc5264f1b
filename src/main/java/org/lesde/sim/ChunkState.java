package org.lesde.sim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link ChunkAccumulator} whose state can be written and read back exactly (every double as
 * its IEEE-754 bits), so that the chunks of one ensemble can be computed on different machines
 * ({@code simulate --shard}) and merged later in chunk order into the very numbers an unsharded
 * run folds in memory ({@code lesde merge}).
 */
public interface ChunkState extends ChunkAccumulator {

    /** Writes the accumulated state (not the read-only set-up the factory gives every copy). */
    void writeState(DataOutput out) throws IOException;

    /** Replaces the state of a fresh copy (from the same factory) by one {@link #writeState} wrote. */
    void readState(DataInput in) throws IOException;

    /** Writes {@code v.length} doubles. */
    static void write(DataOutput out, double[] v) throws IOException {
        for (double d : v) {
            out.writeDouble(d);
        }
    }

    /** Writes {@code v.length} longs. */
    static void write(DataOutput out, long[] v) throws IOException {
        for (long d : v) {
            out.writeLong(d);
        }
    }

    /** Fills {@code v} from the stream. */
    static void read(DataInput in, double[] v) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
    }

    /** Fills {@code v} from the stream. */
    static void read(DataInput in, long[] v) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
    }
}
