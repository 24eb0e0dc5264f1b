package org.lesde.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lesde.BadInputException;
import org.lesde.model.Schedule;

/**
 * A schedule table file: CSV with two columns (t, value), an optional header row, times
 * strictly increasing. Resolved relative to the model file's folder.
 */
public final class TableFile {
    private TableFile() {
    }

    public static Schedule.Table read(String name, Path dir, String field) {
        Path file = dir == null ? Path.of(name) : dir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(field + ": table file not found: " + file);
        } catch (IOException e) {
            throw new BadInputException(field + ": cannot read table file " + file + ": " + e.getMessage());
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*");
            if (cells.length != 2) {
                throw new BadInputException(field + ": " + file.getFileName() + " line " + (i + 1) + " must have 2 columns (t,value), got " + cells.length);
            }
            double t;
            double v;
            try {
                t = Double.parseDouble(cells[0]);
                v = Double.parseDouble(cells[1]);
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && i == firstContentLine(lines)) {
                    continue; // header row
                }
                throw new BadInputException(field + ": " + file.getFileName() + " line " + (i + 1) + " is not numeric: \"" + line + "\"");
            }
            if (!Double.isFinite(t) || !Double.isFinite(v)) {
                throw new BadInputException(field + ": " + file.getFileName() + " line " + (i + 1) + " must be finite, got \"" + line + "\"");
            }
            if (!rows.isEmpty() && !(t > rows.get(rows.size() - 1)[0])) {
                throw new BadInputException(field + ": " + file.getFileName() + " line " + (i + 1)
                        + ": times must be strictly increasing, got " + rows.get(rows.size() - 1)[0] + " then " + t);
            }
            rows.add(new double[] {t, v});
        }
        if (rows.isEmpty()) {
            throw new BadInputException(field + ": table file " + file + " has no (t, value) rows");
        }
        double[] ts = new double[rows.size()];
        double[] vs = new double[rows.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = rows.get(i)[0];
            vs[i] = rows.get(i)[1];
        }
        return new Schedule.Table(ts, vs, name);
    }

    private static int firstContentLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }
}
