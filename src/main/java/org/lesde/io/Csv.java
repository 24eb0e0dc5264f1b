package org.lesde.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lesde.RunFailedException;

/**
 * Minimal CSV writing with full double precision (shortest round-trip form of
 * {@link Double#toString(double)}), so that files are byte-identical for identical numbers.
 */
public final class Csv implements AutoCloseable {
    private final BufferedWriter w;
    private final Path path;
    private final StringBuilder line = new StringBuilder(256);

    private Csv(Path path, BufferedWriter w) {
        this.path = path;
        this.w = w;
    }

    public static Csv create(Path path, List<String> header) {
        try {
            Csv c = new Csv(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
            c.w.write(String.join(",", header));
            c.w.write('\n');
            return c;
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Formats a double: NaN as empty cell is NOT used; NaN/Infinity are written literally. */
    public static String format(double v) {
        return Double.toString(v);
    }

    /** Writes a row: leading cells (already formatted) then the numbers. */
    public void row(String[] lead, double[] values, int from, int to) {
        line.setLength(0);
        append(line, lead, values, from, to);
        flushLine();
    }

    /**
     * Appends the cells of a row to {@code out} as {@link #row(String[], double[], int, int)}
     * writes them, without the line's end: for rows formatted elsewhere (on other threads) and
     * written by {@link #lines}.
     */
    public static StringBuilder append(StringBuilder out, String[] lead, double[] values, int from, int to) {
        boolean first = true;
        if (lead != null) {
            for (String s : lead) {
                if (!first) {
                    out.append(',');
                }
                out.append(s);
                first = false;
            }
        }
        for (int i = from; i < to; i++) {
            if (!first) {
                out.append(',');
            }
            out.append(values[i]);
            first = false;
        }
        return out;
    }

    /** Writes lines already formatted by {@link #append}, each ended by {@code '\n'}. */
    public void lines(CharSequence text) {
        try {
            w.append(text);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public void row(double... values) {
        row(null, values, 0, values.length);
    }

    /** Writes a row of numbers and text cells ({@link CsvRow#cells}). */
    public void row(CsvRow row) {
        rawRow(row.cells());
    }

    /** Appends raw, already formatted cells. */
    public void rawRow(List<String> cells) {
        line.setLength(0);
        line.append(String.join(",", cells));
        flushLine();
    }

    private void flushLine() {
        line.append('\n');
        try {
            w.append(line);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            w.close();
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
