package org.lesde.plot;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the SVG that VectorGraphics2D writes compact without changing what it shows: elements
 * drawn with zero opacity are dropped, coordinates are rounded to 1/10 px, runs of {@code <line>}
 * segments of one style (XChart draws a line series segment by segment) become one
 * {@code <path>}, and a shape drawn again with the same outline and style (XChart draws text as
 * glyph outlines: the same tick label or legend entry in every panel) refers to its first copy
 * ({@code <use>}). Package-private; input is VectorGraphics2D's one-element-per-line layout.
 */
final class SvgCompact {
    private static final Pattern ATTR = Pattern.compile("=\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("(-?\\d+)\\.(\\d{1,})");
    private static final Pattern LINE = Pattern.compile(
            "^(\\s*)<line style=\"([^\"]*)\" x1=\"([^\"]*)\" x2=\"([^\"]*)\" y1=\"([^\"]*)\" y2=\"([^\"]*)\"/>$");
    private static final Pattern PATH = Pattern.compile("^(\\s*)<path d=\"([^\"]*)\" style=\"([^\"]*)\"/>$");
    /** Outlines shorter than this are not worth a reference. */
    private static final int MIN_SHARED = 160;

    private SvgCompact() {
    }

    static String compact(String svg) {
        StringBuilder out = new StringBuilder(svg.length() / 3);
        String[] lines = svg.split("\n", -1);
        // pending merged <line> run
        String runIndent = null;
        String runStyle = null;
        StringBuilder runD = new StringBuilder();
        String lastX = null;
        String lastY = null;
        Map<String, String> shared = new HashMap<>();
        for (int li = 0; li < lines.length; li++) {
            String l = lines[li];
            if (invisible(l)) {
                continue;
            }
            l = round(l);
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                String style = m.group(2);
                if (runStyle != null && !runStyle.equals(style)) {
                    flush(out, runIndent, runStyle, runD);
                    runStyle = null;
                }
                if (runStyle == null) {
                    runIndent = m.group(1);
                    runStyle = style;
                    runD.setLength(0);
                    lastX = null;
                }
                if (!(m.group(3).equals(lastX) && m.group(5).equals(lastY))) {
                    runD.append(runD.length() == 0 ? "" : " ").append('M').append(m.group(3)).append(',').append(m.group(5));
                }
                runD.append(" L").append(m.group(4)).append(',').append(m.group(6));
                lastX = m.group(4);
                lastY = m.group(6);
                continue;
            }
            if (runStyle != null) {
                flush(out, runIndent, runStyle, runD);
                runStyle = null;
            }
            Matcher p = PATH.matcher(l);
            if (p.matches() && p.group(2).length() >= MIN_SHARED) {
                String key = p.group(3) + '|' + p.group(2);
                String id = shared.get(key);
                if (id != null) {
                    l = p.group(1) + "<use xlink:href=\"#" + id + "\"/>";
                } else {
                    id = "s" + shared.size();
                    shared.put(key, id);
                    l = p.group(1) + "<path id=\"" + id + "\" d=\"" + p.group(2) + "\" style=\"" + p.group(3) + "\"/>";
                }
            }
            out.append(l);
            if (li < lines.length - 1) {
                out.append('\n');
            }
        }
        if (runStyle != null) {
            flush(out, runIndent, runStyle, runD);
        }
        return out.toString();
    }

    private static void flush(StringBuilder out, String indent, String style, StringBuilder d) {
        out.append(indent).append("<path d=\"").append(d).append("\" style=\"").append(style).append("\"/>\n");
    }

    /** A stroke-only element with zero stroke opacity, or a fill-only one with zero fill opacity. */
    static boolean invisible(String l) {
        if (!(l.contains("<line ") || l.contains("<path ") || l.contains("<polyline ") || l.contains("<rect ")
                || l.contains("<ellipse "))) {
            return false;
        }
        boolean noStroke = l.contains("stroke:none") || l.contains("stroke-opacity:0;") || l.contains("stroke-opacity:0\"");
        boolean noFill = l.contains("fill:none") || l.contains("fill-opacity:0;") || l.contains("fill-opacity:0\"");
        return noStroke && noFill;
    }

    /** Rounds the numbers inside attribute values to 1 decimal (1/10 px; opacities keep 2). */
    static String round(String l) {
        String head = l.stripLeading();
        if (l.indexOf('"') < 0 || head.startsWith("<?") || head.startsWith("<!") || head.startsWith("<svg")) {
            return l; // the XML declaration, the DOCTYPE and the root (version numbers) stay as written
        }
        Matcher a = ATTR.matcher(l);
        StringBuilder b = new StringBuilder(l.length());
        while (a.find()) {
            String v = a.group(1);
            if (v.startsWith("url(") || v.startsWith("#") || v.startsWith("http") || v.startsWith("rgb") || l.contains("<text")) {
                a.appendReplacement(b, Matcher.quoteReplacement(a.group(0)));
                continue;
            }
            Matcher n = NUMBER.matcher(v);
            StringBuilder nv = new StringBuilder(v.length());
            while (n.find()) {
                n.appendReplacement(nv, Matcher.quoteReplacement(two(n.group(1), n.group(2))));
            }
            n.appendTail(nv);
            a.appendReplacement(b, Matcher.quoteReplacement("=\"" + nv + "\""));
        }
        a.appendTail(b);
        return b.toString();
    }

    /**
     * The numbers of one attribute value rounded as {@link #round} rounds them (every match of
     * {@code -?\d+\.\d+}, left to right), without the regular expressions: for {@link SvgWriter}.
     */
    static String roundValue(String v) {
        int n = v.length();
        StringBuilder b = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            if (v.charAt(j) == '-') {
                j++;
            }
            int k = j;
            while (k < n && isDigit(v.charAt(k))) {
                k++;
            }
            if (k > j && k + 1 < n && v.charAt(k) == '.' && isDigit(v.charAt(k + 1))) {
                int m = k + 1;
                while (m < n && isDigit(v.charAt(m))) {
                    m++;
                }
                if (b == null) {
                    b = new StringBuilder(n);
                }
                b.append(v, copied, i).append(two(v.substring(i, k), v.substring(k + 1, m)));
                copied = m;
                i = m;
            } else {
                i++;
            }
        }
        if (b == null) {
            return v;
        }
        return b.append(v, copied, n).toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String two(String whole, String frac) {
        int d = whole.equals("0") || whole.equals("-0") ? 2 : 1; // opacities and widths below 1 keep 2 decimals
        if (frac.length() <= d) {
            return trim(whole + "." + frac);
        }
        return trim(roundHalfUp(whole, frac, d));
    }

    /**
     * whole.frac rounded half up (away from zero) to d decimals on its decimal digits, as
     * {@code String.format("%.df")} rounds, without the formatter (it dominated the figures' time).
     */
    static String roundHalfUp(String whole, String frac, int d) {
        boolean negative = whole.startsWith("-");
        char[] digits = ((negative ? whole.substring(1) : whole) + frac.substring(0, d)).toCharArray();
        if (frac.charAt(d) >= '5') {
            digits = plusOne(digits);
        }
        int intLen = digits.length - d;
        StringBuilder b = new StringBuilder(digits.length + 2);
        if (negative) {
            b.append('-');
        }
        b.append(digits, 0, intLen).append('.').append(digits, intLen, d);
        return b.toString();
    }

    /** The decimal digits of {@code digits} plus one in the last place (one digit longer on a carry out). */
    static char[] plusOne(char[] digits) {
        int i = digits.length - 1;
        while (i >= 0 && digits[i] == '9') {
            digits[i--] = '0';
        }
        if (i >= 0) {
            digits[i]++;
            return digits;
        }
        char[] wider = new char[digits.length + 1];
        wider[0] = '1';
        System.arraycopy(digits, 0, wider, 1, digits.length);
        return wider;
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int e = s.length();
        while (s.charAt(e - 1) == '0') {
            e--;
        }
        if (s.charAt(e - 1) == '.') {
            e--;
        }
        String t = s.substring(0, e);
        return t.equals("-0") ? "0" : t;
    }
}
