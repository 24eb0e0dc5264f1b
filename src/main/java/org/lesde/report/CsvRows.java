package org.lesde.report;

import org.lesde.io.Csv;
import org.lesde.sim.ParallelTasks;

/**
 * The rows of a large CSV file formatted on the run's threads, block by block, and written in
 * order by the calling thread while the threads format the next blocks: formatting the numbers
 * ({@code Double.toString}) is most of the time of writing a large run's files
 * (docs/performance.md), and the bytes are those of one thread formatting every row, since each
 * row is formatted alone by the same code. Small files (below {@link #PARALLEL_CELLS} numbers)
 * are formatted on the calling thread.
 */
final class CsvRows {
    /** Appends the cells of row {@code row} to {@code out} ({@link Csv#append}), without the line's end. */
    @FunctionalInterface
    interface Row {
        void format(int row, StringBuilder out);
    }

    /** Files with fewer numbers than this are formatted on one thread. */
    static final long PARALLEL_CELLS = 1 << 20;

    /** About this many numbers per block of rows formatted by one task (a few MB of text). */
    static final long BLOCK_CELLS = 1 << 18;

    private CsvRows() {
    }

    /** Writes rows 0..rows−1 of {@code cellsPerRow} numbers each, formatted by {@code f}, on up to {@code threads} threads. */
    static void write(Csv c, int rows, long cellsPerRow, int threads, Row f) {
        if (threads <= 1 || (long) rows * cellsPerRow < PARALLEL_CELLS) {
            StringBuilder line = new StringBuilder(256);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                f.format(r, line);
                c.lines(line.append('\n'));
            }
            return;
        }
        int block = (int) Math.max(1, Math.min(rows, BLOCK_CELLS / Math.max(1, cellsPerRow)));
        int blocks = (rows + block - 1) / block;
        // the threads format the next blocks while this one writes the finished ones, in order
        ParallelTasks.ordered(threads, blocks, 2 * threads, "lesde-write", b -> {
            int r0 = b * block;
            int r1 = Math.min(rows, r0 + block);
            StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, (r1 - r0) * (cellsPerRow * 22 + 8)));
            for (int r = r0; r < r1; r++) {
                f.format(r, out);
                out.append('\n');
            }
            return out;
        }, c::lines);
    }
}
