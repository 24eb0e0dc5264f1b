package org.lesde.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lesde.BadInputException;
import org.lesde.Require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A typed, path-aware view of a parsed YAML/JSON node: every accessor names the field path in
 * its error ("impact.alpha.powerlaw.r must be a number, got \"abc\""), and {@link #requireNoOtherKeys}
 * rejects unknown keys with the closest known key as a suggestion.
 */
public final class YamlNode {
    private final JsonNode node;
    private final String path;

    public YamlNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Reads a YAML (or JSON) file with {@link YamlTree#read}; an empty document gives a node that is not a mapping. */
    public static YamlNode read(Path file, String kind) {
        return new YamlNode(YamlTree.read(file, kind), "");
    }

    /** A number node (not attached to a tree). */
    public static YamlNode number(double v) {
        return new YamlNode(JsonNodeFactory.instance.numberNode(v), "");
    }

    /** A whole-number node (not attached to a tree). */
    public static YamlNode number(long v) {
        return new YamlNode(JsonNodeFactory.instance.numberNode(v), "");
    }

    /** A deep copy at the root path (changes to it do not reach this tree). */
    public YamlNode copy() {
        return new YamlNode(node == null ? null : node.deepCopy(), "");
    }

    /**
     * Sets a dotted key of this mapping (e.g. {@code impact.alpha.powerlaw.r}) to a copy of
     * {@code value}, creating mappings on the way; {@code field} names the setting in errors.
     */
    public void set(String dotted, YamlNode value, String field) {
        if (value == null || value.node == null || value.node.isMissingNode()) {
            throw new BadInputException(field + " has no value");
        }
        String[] parts = dotted.split("\\.");
        ObjectNode o = (ObjectNode) requireObject().node;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode c = o.get(parts[i]);
            o = c != null && c.isObject() ? (ObjectNode) c : o.putObject(parts[i]);
        }
        o.set(parts[parts.length - 1], value.node.deepCopy());
    }

    /** Sets a key of this mapping to a text value. */
    public void set(String key, String text) {
        ((ObjectNode) requireObject().node).put(key, text);
    }

    /** The value at a dotted key, or null when a part is missing or the value is not a whole number. */
    public Long wholeNumberAt(String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n != null && n.isIntegralNumber() ? n.longValue() : null;
    }

    /** The scalar's text as written (a number, a boolean or a text value). */
    public String scalarText() {
        return node == null ? "null" : node.asText();
    }

    /** Compact JSON text of the node: a stable fingerprint of its content. */
    public String toJson() {
        return Json.compact(node);
    }

    public String path() {
        return path;
    }

    /** A parsed document as a node at the root path; null for an empty document. */
    public static YamlNode document(JsonNode root) {
        return root == null || root.isMissingNode() || root.isNull() ? null : new YamlNode(root, "");
    }

    public JsonNode raw() {
        return node;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean isObject() {
        return node != null && node.isObject();
    }

    public boolean isArray() {
        return node != null && node.isArray();
    }

    public boolean isNumber() {
        return node != null && node.isNumber();
    }

    public boolean isText() {
        return node != null && node.isTextual();
    }

    /**
     * Whether the mapping has the key. A key written without a value ({@code seed:}, or
     * {@code seed: ~}) is an error here, not "absent": an optional key left empty must not
     * silently take its default.
     */
    public boolean has(String key) {
        if (node != null && node.isObject() && node.has(key) && node.get(key).isNull()) {
            throw new BadInputException(child(key) + " has no value (null); give a value or remove the key");
        }
        return node != null && node.isObject() && node.has(key);
    }

    /** A required child. */
    public YamlNode get(String key) {
        requireObject();
        if (!has(key)) {
            if (node.has(key)) {
                throw new BadInputException(child(key) + " has no value (null); give a value or remove the key");
            }
            throw new BadInputException("missing required key " + child(key));
        }
        return new YamlNode(node.get(key), child(key));
    }

    /** An optional child, or null. */
    public YamlNode opt(String key) {
        requireObject();
        return has(key) ? new YamlNode(node.get(key), child(key)) : null;
    }

    public YamlNode requireObject() {
        if (node == null || !node.isObject()) {
            throw new BadInputException(path + " must be a mapping (key: value), got " + describe());
        }
        return this;
    }

    /** The keys present. */
    public List<String> keys() {
        requireObject();
        List<String> k = new ArrayList<>();
        node.fieldNames().forEachRemaining(k::add);
        return k;
    }

    /** Rejects keys other than the allowed ones, suggesting the closest allowed key. */
    public void requireNoOtherKeys(String... allowed) {
        requireObject();
        Set<String> ok = new LinkedHashSet<>(List.of(allowed));
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            String k = it.next().getKey();
            if (!ok.contains(k)) {
                String hint = closest(k, ok);
                throw new BadInputException("unknown key " + child(k)
                        + (hint != null ? " (did you mean " + child(hint) + "?)" : "")
                        + "; allowed: " + String.join(", ", ok));
            }
        }
    }

    public double asDouble() {
        if (isNonFiniteText()) {
            throw new BadInputException(path + " must be finite, got " + describe());
        }
        if (node == null || !node.isNumber()) {
            // YAML .nan / .inf arrive as numbers (see YamlTree) and fail the finite check below
            throw new BadInputException(path + " must be a number, got " + describe());
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new BadInputException(path + " must be finite, got " + v);
        }
        return v;
    }

    /**
     * True for text that spells a non-finite number ("NaN", "nan", "Infinity", "-inf", ...):
     * YAML reads these as strings, but the user meant a number, so the error should say "finite".
     */
    public boolean isNonFiniteText() {
        if (node == null || !node.isTextual()) {
            return false;
        }
        String s = node.textValue().trim().toLowerCase();
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("nan") || s.equals("inf") || s.equals("infinity") || s.equals(".nan") || s.equals(".inf");
    }

    public int asInt() {
        if (isNonFiniteText() || (node != null && node.isNumber() && !Double.isFinite(node.doubleValue()))) {
            throw new BadInputException(path + " must be a finite whole number, got " + describe());
        }
        if (node == null || !node.isNumber() || !node.canConvertToInt()
                || node.doubleValue() != Math.rint(node.doubleValue())) {
            throw new BadInputException(path + " must be a whole number, got " + describe());
        }
        return node.intValue();
    }

    public long asLong() {
        if (isNonFiniteText() || (node != null && node.isNumber() && !Double.isFinite(node.doubleValue()))) {
            throw new BadInputException(path + " must be a finite whole number, got " + describe());
        }
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadInputException(path + " must be a whole number (64-bit), got " + describe());
        }
        return node.longValue();
    }

    public boolean asBoolean() {
        if (node == null || !node.isBoolean()) {
            throw new BadInputException(path + " must be true or false, got " + describe());
        }
        return node.booleanValue();
    }

    public String asText() {
        if (node == null || !node.isTextual()) {
            throw new BadInputException(path + " must be a text value, got " + describe());
        }
        return node.textValue();
    }

    /** The elements of a list. */
    public List<YamlNode> elements() {
        if (node == null || !node.isArray()) {
            throw new BadInputException(path + " must be a list, got " + describe());
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    public double[] asDoubleArray() {
        List<YamlNode> e = elements();
        double[] v = new double[e.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = e.get(i).asDouble();
        }
        return v;
    }

    /** A rows×cols matrix (rows/cols < 0: any, but rectangular). */
    public double[][] asMatrix(int rows, int cols) {
        List<YamlNode> e = elements();
        if (rows >= 0 && e.size() != rows) {
            throw new BadInputException(path + " must have " + rows + " rows, got " + e.size());
        }
        double[][] m = new double[e.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = e.get(i).asDoubleArray();
            int want = cols >= 0 ? cols : m[0].length;
            if (m[i].length != want) {
                throw new BadInputException(path + "[" + i + "] must have " + want + " entries, got " + m[i].length);
            }
        }
        if (m.length == 0) {
            throw new BadInputException(path + " must not be empty");
        }
        return m;
    }

    public String describe() {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return Require.quoted(node.textValue());
        }
        if (node.isObject()) {
            return "a mapping " + abbreviate(node.toString());
        }
        if (node.isArray()) {
            return "a list " + abbreviate(node.toString());
        }
        return node.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** The allowed key closest to k (edit distance <= max(2, |k|/3)), or null. */
    public static String closest(String k, Set<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = levenshtein(k.toLowerCase(), a.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return bestD <= Math.max(2, k.length() / 3) ? best : null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
