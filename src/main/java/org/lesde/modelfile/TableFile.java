package org.lesde.modelfile;

import java.nio.file.Path;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.io.NumericCsv;
import org.lesde.model.Schedule;

/**
 * A schedule table file: CSV with two columns (t, value), an optional header row, times
 * strictly increasing, every cell a finite number. Resolved relative to the model file's folder.
 * Errors name the field, the file, the line and the value (see {@link NumericCsv}).
 */
public final class TableFile {
    private TableFile() {
    }

    public static Schedule.Table read(String name, Path dir, String field) {
        return read(name, dir, field, false);
    }

    /**
     * @param nonNegative when true every value must be >= 0 (noise levels)
     */
    public static Schedule.Table read(String name, Path dir, String field, boolean nonNegative) {
        if (name.isBlank()) {
            throw new BadInputException(field + " must name a CSV file, got " + Require.quoted(name));
        }
        Path file = dir == null ? Path.of(name) : dir.resolve(name);
        NumericCsv.Data d = NumericCsv.read(file, field, NumericCsv.Options.defaults().withColumns(2));
        double[][] rows = d.rows();
        double[] ts = new double[rows.length];
        double[] vs = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ts[i] = rows[i][0];
            vs[i] = rows[i][1];
            if (i > 0 && !(ts[i] > ts[i - 1])) {
                throw new BadInputException(field + ": " + file.getFileName() + ":" + d.line(i)
                        + ": times must be strictly increasing, got " + ts[i - 1] + " then " + ts[i]);
            }
            if (nonNegative && vs[i] < 0) {
                throw new BadInputException(field + ": " + file.getFileName() + ":" + d.line(i)
                        + ": value must be >= 0, got " + vs[i]);
            }
        }
        return new Schedule.Table(ts, vs, name);
    }
}
