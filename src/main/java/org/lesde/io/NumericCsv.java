package org.lesde.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.lesde.BadInputException;

/**
 * The one reader of numeric CSV input (schedule tables, training logs, replay initial states,
 * feature files, classifier matrices): comma separated, optional header row, '#' comment lines
 * and blank lines ignored, a UTF-8 byte-order mark tolerated, gzip-compressed input recognised
 * by its magic bytes (so {@code .csv.gz} works everywhere), with one-line errors that name the
 * file, the line, the column and the value:
 * {@code impact.alpha.table: alpha.csv:7: column 2 (value) is not a number, got "abc"}.
 *
 * <p><b>One number grammar:</b> decimal numbers as Python, pandas and NumPy write them (digits,
 * sign, point, exponent: {@code 1}, {@code -2.5}, {@code 1e-3}, {@code .5}), plus {@code nan} and
 * {@code inf} / {@code infinity} with optional sign, any case, where non-finite values are
 * allowed. Java-only syntax ({@code 1d}, {@code 2f}, {@code 0x1p3}, {@code 1_0}) is refused.
 * Integers are whole numbers in that grammar ({@code 3}, {@code 3.0}).
 *
 * <p>Two modes: {@link #read} returns every cell as a double ({@link Data}); {@link #stream}
 * calls a {@link Rows} handler once per data row with a reused {@link Row} whose cells are parsed
 * on demand (no per-row allocation besides the line itself, unused columns never parsed): the
 * mode of large files such as 120 000-row training logs. Every row must have the same number of
 * cells as the header (or as the first row).
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

    /** Whether the first line is a header. */
    public enum Header {
        /** A header when the first line is not all numbers. */
        OPTIONAL,
        /** The first line is the header. */
        REQUIRED,
        /** No header: the first line is data. */
        NONE
    }

    /** What to accept. */
    public record Options(int columns, Header header, boolean allowNonFinite, boolean allowEmpty) {
        /** Any column count (consistent), header optional, finite numbers only, at least one row. */
        public static Options defaults() {
            return new Options(-1, Header.OPTIONAL, false, false);
        }

        public Options withColumns(int n) {
            return new Options(n, header, allowNonFinite, allowEmpty);
        }

        public Options withRequiredHeader() {
            return new Options(columns, Header.REQUIRED, allowNonFinite, allowEmpty);
        }

        /** The first line is data, whatever it holds. */
        public Options withoutHeader() {
            return new Options(columns, Header.NONE, allowNonFinite, allowEmpty);
        }

        /** Accept NaN / Infinity cells ("NaN", "nan", "inf", "Infinity", and empty cells as NaN). */
        public Options withNonFinite() {
            return new Options(columns, header, true, allowEmpty);
        }

        public Options withEmpty() {
            return new Options(columns, header, allowNonFinite, true);
        }
    }

    /** Receives the rows of {@link #stream}. */
    public interface Rows {
        /** Called once with the header's cells (trimmed, unquoted) before any row, when there is a header. */
        default void header(List<String> names, Row line) {
        }

        /** One data row; {@code row} is reused for the next one, so keep what it holds, not it. */
        void row(Row row);
    }

    /** A line of the file being streamed: cells parsed on demand, errors naming file, line, column and value. */
    public static final class Row {
        private final String name;
        private final Options options;
        private List<String> header;
        private String line;
        private int lineNo;
        private int cells;
        private int[] from = new int[16];
        private int[] to = new int[16];

        Row(String name, Options options) {
            this.name = name;
            this.options = options;
        }

        /** The 1-based line number in the file. */
        public int line() {
            return lineNo;
        }

        /** The number of cells. */
        public int size() {
            return cells;
        }

        /** The line as read (for rows passed on verbatim). */
        public String raw() {
            return line;
        }

        /** "file:line" for messages about the whole row. */
        public String where() {
            return name + ":" + lineNo;
        }

        /** "file:line: column c (name)" for messages about cell c (0-based). */
        public String where(int c) {
            return where() + ": column " + (c + 1) + (header != null && c < header.size() ? " (" + header.get(c) + ")" : "");
        }

        /** Cell c (0-based), trimmed and unquoted. */
        public String text(int c) {
            String s = line.substring(from[c], to[c]);
            return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
                    ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
        }

        /** Cell c as a number in the grammar of the file's options (finite unless non-finite values are allowed). */
        public double number(int c) {
            int a = from[c];
            int b = to[c];
            if (a == b) {
                if (options.allowNonFinite()) {
                    return Double.NaN;
                }
                throw new BadInputException(where(c) + " is empty");
            }
            if (plain(line, a, b)) {
                try {
                    return plainNumber(line.substring(a, b));
                } catch (NumberFormatException e) {
                    throw new BadInputException(where(c) + " is not a number, got " + abbreviate(text(c)));
                }
            }
            String s = text(c);
            double v = parseNumber(s);
            if (Double.isNaN(v) && !isNanText(s)) {
                throw new BadInputException(where(c) + " is not a number, got " + abbreviate(s));
            }
            if (!Double.isFinite(v) && !options.allowNonFinite()) {
                throw new BadInputException(where(c) + " must be finite, got " + s);
            }
            return v;
        }

        /** Cell c as an int: a whole number ({@code 3} or {@code 3.0}) within the int range. */
        public int integer(int c) {
            int a = from[c];
            int b = to[c];
            if (a == b) {
                throw new BadInputException(where(c) + " is empty (expected an integer)");
            }
            // fast path: optional sign and up to 9 digits
            int i = a;
            boolean neg = line.charAt(i) == '-';
            if (neg || line.charAt(i) == '+') {
                i++;
            }
            if (i < b && b - i <= 9) {
                int v = 0;
                for (; i < b; i++) {
                    char ch = line.charAt(i);
                    if (ch < '0' || ch > '9') {
                        break;
                    }
                    v = 10 * v + (ch - '0');
                }
                if (i == b) {
                    return neg ? -v : v;
                }
            }
            double d = plain(line, a, b) ? parseOrNaN(line.substring(a, b)) : Double.NaN;
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
            throw new BadInputException(where(c) + " is not an integer, got " + abbreviate(text(c)));
        }

        /** Splits a line into trimmed cells. */
        void split(String text, int no) {
            line = text;
            lineNo = no;
            int n = 0;
            int start = 0;
            int len = text.length();
            while (true) {
                int comma = text.indexOf(',', start);
                int end = comma < 0 ? len : comma;
                if (n == from.length) {
                    from = Arrays.copyOf(from, 2 * n);
                    to = Arrays.copyOf(to, 2 * n);
                }
                int a = start;
                int b = end;
                while (a < b && text.charAt(a) <= ' ') {
                    a++;
                }
                while (b > a && text.charAt(b - 1) <= ' ') {
                    b--;
                }
                from[n] = a;
                to[n] = b;
                n++;
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            cells = n;
        }

        List<String> texts() {
            String[] t = new String[cells];
            for (int c = 0; c < cells; c++) {
                t[c] = text(c);
            }
            return List.of(t);
        }

        boolean numeric() {
            for (int c = 0; c < cells; c++) {
                String s = text(c);
                if (!s.isEmpty() && Double.isNaN(parseNumber(s)) && !isNanText(s)) {
                    return false;
                }
            }
            return true;
        }
    }

    private NumericCsv() {
    }

    /**
     * Reads a file, every cell a number.
     *
     * @param field the field (or option) that named the file, prefixed to every message; may be null
     */
    public static Data read(Path file, String field, Options options) {
        Collector c = new Collector();
        stream(file, field, options, c);
        return c.data(file);
    }

    /** Parses lines already read (file is used in messages only). */
    public static Data parse(List<String> lines, Path file, String field, Options options) {
        Collector c = new Collector();
        Iterator<String> it = lines.iterator();
        try {
            scan(() -> it.hasNext() ? it.next() : null, prefix(field) + file.getFileName(), options, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: the lines are in memory
        }
        return c.data(file);
    }

    /**
     * Streams a file (plain or gzip) through {@code rows}; returns the number of data rows.
     *
     * @param field the field (or option) that named the file, prefixed to every message; may be null
     */
    public static int stream(Path file, String field, Options options, Rows rows) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(prefix(field) + file + " is a folder, not a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return stream(in, prefix(field) + file.getFileName(), options, rows);
        } catch (NoSuchFileException e) {
            throw new BadInputException(prefix(field) + "file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new BadInputException(prefix(field) + "cannot read " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new BadInputException(prefix(field) + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(prefix(field) + "cannot read " + file + ": " + YamlTree.oneLine(e.getMessage()));
        }
    }

    /**
     * Streams CSV text (plain or gzip, recognised by its magic bytes) through {@code rows};
     * {@code name} starts every message. The stream is not closed. Returns the number of data rows.
     */
    public static int stream(InputStream in, String name, Options options, Rows rows) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
        bin.mark(2);
        int b0 = bin.read();
        int b1 = bin.read();
        bin.reset();
        try {
            InputStream text = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(bin, 1 << 16) : bin;
            BufferedReader r = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            return scan(r::readLine, name, options, rows);
        } catch (ZipException e) {
            throw new BadInputException(name + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new BadInputException(name + ": truncated gzip data", e);
        } catch (CharacterCodingException e) {
            throw new BadInputException(name + " is not UTF-8 text", e);
        }
    }

    private interface Lines {
        String next() throws IOException;
    }

    private static int scan(Lines lines, String name, Options o, Rows rows) throws IOException {
        Row row = new Row(name, o);
        boolean first = true;
        int width = o.columns();
        int n = 0;
        int no = 0;
        String raw;
        while ((raw = lines.next()) != null) {
            no++;
            if (no == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            int a = 0;
            while (a < raw.length() && raw.charAt(a) <= ' ') {
                a++;
            }
            if (a == raw.length() || raw.charAt(a) == '#') {
                continue;
            }
            row.split(raw, no);
            if (first) {
                first = false;
                if (o.header() == Header.REQUIRED || o.header() == Header.OPTIONAL && !row.numeric()) {
                    row.header = row.texts();
                    if (width >= 0 && row.cells != width) {
                        throw new BadInputException(row.where() + ": expected " + width + " columns, got " + row.cells
                                + " in the header " + abbreviate(raw.trim()));
                    }
                    width = row.cells;
                    rows.header(row.header, row);
                    continue;
                }
            }
            if (width < 0) {
                width = row.cells;
            }
            if (row.cells != width) {
                throw new BadInputException(row.where() + ": expected " + width + " columns, got " + row.cells + ": "
                        + abbreviate(raw.trim()));
            }
            rows.row(row);
            n++;
        }
        if (first && o.header() == Header.REQUIRED) {
            throw new BadInputException(name + ": empty file (expected a header line)");
        }
        if (n == 0 && !o.allowEmpty()) {
            throw new BadInputException(name + " has no data rows");
        }
        return n;
    }

    /** The handler of {@link #read}: every cell as a number. */
    private static final class Collector implements Rows {
        private List<String> header;
        private final List<double[]> values = new ArrayList<>();
        private int[] lines = new int[64];
        private int width = -1;

        @Override
        public void header(List<String> names, Row line) {
            header = names;
        }

        @Override
        public void row(Row row) {
            double[] v = new double[row.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = row.number(c);
            }
            if (values.size() == lines.length) {
                lines = Arrays.copyOf(lines, 2 * lines.length);
            }
            lines[values.size()] = row.line();
            values.add(v);
            width = v.length;
        }

        Data data(Path file) {
            List<String> h = header;
            if (h == null) {
                String[] g = new String[Math.max(width, 0)];
                for (int c = 0; c < g.length; c++) {
                    g[c] = "column" + (c + 1);
                }
                h = Arrays.asList(g);
            }
            return new Data(file, List.copyOf(h), values.toArray(new double[0][]), Arrays.copyOf(lines, values.size()));
        }
    }

    /** Parses a number in the grammar above (also "nan", "inf", "-inf"); NaN if not a number. */
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
                return plain(s, 0, s.length()) ? parseOrNaN(s) : Double.NaN;
            }
        }
    }

    /** Decimal syntax only: digits, sign, point, exponent, at least one digit (refuses Java's "1d", "2f", "0x1p3"). */
    private static boolean plain(String s, int from, int to) {
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if (ch != '+' && ch != '-' && ch != '.' && ch != 'e' && ch != 'E') {
                return false;
            }
        }
        return digit;
    }

    /**
     * A cell of {@link #plain} characters as {@code Double.parseDouble} reads it, the same double
     * bit for bit (a NumberFormatException where it throws one): through jackson-core's copy of
     * FastDoubleParser (correctly rounded, like the JDK's parser), about 3× faster warm and 2×
     * cold, where the JDK's parser takes its big-integer path for the 17 significant digits that
     * lesde and NumPy write (docs/performance.md). {@code NumericCsvParseTest} compares the two.
     */
    static double plainNumber(String s) {
        return com.fasterxml.jackson.core.io.NumberInput.parseDouble(s, true);
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isNanText(String s) {
        String l = s.toLowerCase();
        return l.equals("nan") || l.equals("+nan") || l.equals("-nan");
    }

    private static String prefix(String field) {
        return field == null || field.isEmpty() ? "" : field + ": ";
    }

    private static String abbreviate(String s) {
        return org.lesde.Require.quoted(s);
    }
}
