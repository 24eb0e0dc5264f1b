package org.lesde;

/**
 * Validation helpers in the style of Commons RNG: each check names the field and the value
 * it rejected, and throws {@link BadInputException}.
 */
public final class Require {
    private Require() {
    }

    public static double finite(String field, double v) {
        if (!Double.isFinite(v)) {
            throw new BadInputException(field + " must be finite, got " + v);
        }
        return v;
    }

    public static double positive(String field, double v) {
        finite(field, v);
        if (!(v > 0)) {
            throw new BadInputException(field + " must be > 0, got " + v);
        }
        return v;
    }

    public static double nonNegative(String field, double v) {
        finite(field, v);
        if (v < 0) {
            throw new BadInputException(field + " must be >= 0, got " + v);
        }
        return v;
    }

    public static int atLeast(String field, int v, int min) {
        if (v < min) {
            throw new BadInputException(field + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    public static double[] finite(String field, double[] v) {
        for (int i = 0; i < v.length; i++) {
            finite(field + "[" + i + "]", v[i]);
        }
        return v;
    }

    public static double[][] finite(String field, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            finite(field + "[" + i + "]", m[i]);
        }
        return m;
    }

    /** Requires an rows x cols rectangular matrix. */
    public static double[][] shape(String field, double[][] m, int rows, int cols) {
        if (m.length != rows) {
            throw new BadInputException(field + " must have " + rows + " rows, got " + m.length);
        }
        for (int i = 0; i < rows; i++) {
            if (m[i].length != cols) {
                throw new BadInputException(field + "[" + i + "] must have " + cols + " entries, got " + m[i].length);
            }
        }
        return finite(field, m);
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(message);
        }
    }

    /** Longest part of a user's value that a message quotes. */
    public static final int QUOTE_MAX = 80;

    /**
     * A user's value in double quotes for a one-line message: at most {@link #QUOTE_MAX}
     * characters, then "…" and the full length; line breaks shown as \n so the message stays on
     * one line.
     */
    public static String quoted(String value) {
        String v = value.replace("\r", "\\r").replace("\n", "\\n");
        if (v.length() <= QUOTE_MAX) {
            return "\"" + v + "\"";
        }
        return "\"" + v.substring(0, QUOTE_MAX) + "…\" (" + value.length() + " characters)";
    }
}
