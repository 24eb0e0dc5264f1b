package org.lesde.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lesde.BadInputException;

/**
 * Reads a numeric CSV file (comma separated, optional header row, '#' comment lines and blank
 * lines ignored) with one-line errors that name the file, the line, the column and the value:
 * {@code impact.alpha.table: alpha.csv:7: column 2 (value) is not a number, got "abc"}.
 *
 * <p>Shared helper for every numeric input file (schedule tables, training logs, feature CSVs,
 * classifier matrices). Every row must have the same number of cells as the header (or as the
 * first row); by default every cell must be a finite number.
 */
public final class NumericCsv {

    /** The parsed content; {@code line(i)} is the 1-based file line of row i. */
    public record Data(Path file, List<String> header, double[][] rows, int[] lines) {
        public int columns() {
            return header.size();
        }

        public int line(int row) {
            return lines[row];
        }

        /** The index of a named column, or a one-line error naming the file and the known columns. */
        public int column(String name, String field) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new BadInputException(prefix(field) + file.getFileName() + ": missing column \"" + name + "\"; columns: "
                        + String.join(", ", header));
            }
            return i;
        }

        /** The values of one column. */
        public double[] values(int column) {
            double[] v = new double[rows.length];
            for (int r = 0; r < v.length; r++) {
                v[r] = rows[r][column];
            }
            return v;
        }
    }

    /** What to accept. */
    public record Options(int columns, boolean requireHeader, boolean allowNonFinite, boolean allowEmpty) {
        /** Any column count (consistent), header optional, finite numbers only, at least one row. */
        public static Options defaults() {
            return new Options(-1, false, false, false);
        }

        public Options withColumns(int n) {
            return new Options(n, requireHeader, allowNonFinite, allowEmpty);
        }

        public Options withRequiredHeader() {
            return new Options(columns, true, allowNonFinite, allowEmpty);
        }

        /** Accept NaN / Infinity cells ("NaN", "nan", "inf", "Infinity", and empty cells as NaN). */
        public Options withNonFinite() {
            return new Options(columns, requireHeader, true, allowEmpty);
        }

        public Options withEmpty() {
            return new Options(columns, requireHeader, allowNonFinite, true);
        }
    }

    private NumericCsv() {
    }

    /**
     * Reads a file.
     *
     * @param field the field (or option) that named the file, prefixed to every message; may be null
     */
    public static Data read(Path file, String field, Options options) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new BadInputException(prefix(field) + "file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new BadInputException(prefix(field) + "cannot read " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new BadInputException(prefix(field) + file + " is not UTF-8 text");
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable c = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            if (c instanceof CharacterCodingException) {
                throw new BadInputException(prefix(field) + file + " is not UTF-8 text");
            }
            if (Files.isDirectory(file)) {
                throw new BadInputException(prefix(field) + file + " is a folder, not a CSV file");
            }
            throw new BadInputException(prefix(field) + "cannot read " + file + ": " + YamlTree.oneLine(c.getMessage()));
        }
        return parse(lines, file, field, options);
    }

    /** Parses lines already read (file is used in messages only). */
    public static Data parse(List<String> lines, Path file, String field, Options options) {
        String name = prefix(field) + file.getFileName();
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        int width = options.columns();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = unquote(cells[c].trim());
            }
            if (header == null && rows.isEmpty() && (options.requireHeader() || !numericRow(cells))) {
                header = List.of(cells);
                if (width >= 0 && cells.length != width) {
                    throw new BadInputException(name + ":" + (i + 1) + ": expected " + width + " columns, got " + cells.length
                            + " in the header " + abbreviate(line));
                }
                width = cells.length;
                continue;
            }
            if (width < 0) {
                width = cells.length;
            }
            if (cells.length != width) {
                throw new BadInputException(name + ":" + (i + 1) + ": expected " + width + " columns, got " + cells.length + ": "
                        + abbreviate(line));
            }
            double[] v = new double[width];
            for (int c = 0; c < width; c++) {
                v[c] = cell(cells[c], options, name, i + 1, c, header);
            }
            rows.add(v);
            lineNos.add(i + 1);
        }
        if (rows.isEmpty() && !options.allowEmpty()) {
            throw new BadInputException(name + " has no data rows");
        }
        if (header == null) {
            String[] h = new String[Math.max(width, 0)];
            for (int c = 0; c < h.length; c++) {
                h[c] = "column" + (c + 1);
            }
            header = Arrays.asList(h);
        }
        int[] ln = new int[lineNos.size()];
        for (int r = 0; r < ln.length; r++) {
            ln[r] = lineNos.get(r);
        }
        return new Data(file, List.copyOf(header), rows.toArray(new double[0][]), ln);
    }

    private static double cell(String s, Options o, String name, int line, int col, List<String> header) {
        String where = name + ":" + line + ": column " + (col + 1) + (header != null ? " (" + header.get(col) + ")" : "");
        if (s.isEmpty()) {
            if (o.allowNonFinite()) {
                return Double.NaN;
            }
            throw new BadInputException(where + " is empty");
        }
        double v = parseNumber(s);
        if (Double.isNaN(v) && !isNanText(s)) {
            throw new BadInputException(where + " is not a number, got " + abbreviate(s));
        }
        if (!Double.isFinite(v) && !o.allowNonFinite()) {
            throw new BadInputException(where + " must be finite, got " + s);
        }
        return v;
    }

    /** Parses a number as Python/pandas would write it (also "nan", "inf", "-inf"); NaN if not a number. */
    static double parseNumber(String s) {
        switch (s.toLowerCase()) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // Double.parseDouble also accepts "1d", "0x1p3" and trailing 'f': refuse those
                char last = s.charAt(s.length() - 1);
                if (!(Character.isDigit(last) || last == '.') || s.contains("x") || s.contains("X")) {
                    return Double.NaN;
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
    }

    private static boolean isNanText(String s) {
        String l = s.toLowerCase();
        return l.equals("nan") || l.equals("+nan") || l.equals("-nan");
    }

    private static boolean numericRow(String[] cells) {
        for (String c : cells) {
            if (!c.isEmpty() && Double.isNaN(parseNumber(c)) && !isNanText(c)) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }

    private static String prefix(String field) {
        return field == null || field.isEmpty() ? "" : field + ": ";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? "\"" + s.substring(0, 57) + "...\"" : "\"" + s + "\"";
    }
}
