package org.lesde.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Parses YAML (or JSON, a subset of it) into a Jackson tree, for input files edited by hand.
 * Differences from {@code ObjectMapper.readTree}:
 * <ul>
 * <li>the YAML special floats {@code .nan}, {@code .inf}, {@code -.inf} (any case) become the
 *     double values NaN / ±Infinity, so that the validator can reject them naming the field
 *     ("impact.alpha must be finite, got NaN") instead of failing with "Malformed numeric value";</li>
 * <li>a key that appears twice in one mapping is an error (Jackson silently keeps the last one);</li>
 * <li>a second YAML document ({@code ---}) is an error (Jackson silently ignores it);</li>
 * <li>every syntax error is one line with its line and column.</li>
 * </ul>
 */
public final class YamlTree {
    private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    /** Integers as YAML 1.2 and JSON write them: decimal digits, no leading zero (010 is octal 8 in YAML 1.1). */
    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    /** Decimal floats (no '_' separators, no base-60). */
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");
    /** Large matrices are legitimate: allow model files up to 64 Mi characters. */
    private static final int CODE_POINT_LIMIT = 64 * 1024 * 1024;

    /** "key:" with no value is null (not the empty string), so it is reported as "has no value". */
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private YamlTree() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(CODE_POINT_LIMIT);
        return o;
    }

    /**
     * Reads a file as strict UTF-8 and parses it; returns null for an empty document. Every error
     * is one line naming the file: not found, a folder, not UTF-8, unreadable, or the syntax
     * errors of {@link #parse}.
     *
     * @param kind what the file is, for the messages ("model file", "sweep file")
     */
    /** {@link #read(Path, String)} as a path-aware node; null for an empty document. */
    public static YamlNode readDocument(Path file, String kind) {
        return YamlNode.document(read(file, kind));
    }

    /** {@link #parse(String, String)} as a path-aware node; null for an empty document. */
    public static YamlNode parseDocument(String text, String source) {
        return YamlNode.document(parse(text, source));
    }

    public static JsonNode read(Path file, String kind) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(kind + " " + file + " is a folder, not a file");
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new BadInputException(kind + " not found: " + file);
        } catch (CharacterCodingException e) {
            throw new BadInputException(kind + " " + file + " is not UTF-8 text");
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read " + kind + " " + file + ": permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new BadInputException("cannot read " + kind + " " + file + ": " + oneLine(String.valueOf(e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses text (a leading byte-order mark is dropped); returns null for an empty document.
     *
     * @param source the file name used in error messages
     */
    public static JsonNode parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            JsonNode root = read(p, t, "");
            JsonToken extra;
            try {
                extra = p.nextToken();
            } catch (JsonProcessingException e) {
                throw malformed(source, e);
            }
            if (extra != null) {
                throw new BadInputException(source + ": more than one YAML document (a second '---' section" + where(p.currentLocation())
                        + "); put the whole model in one document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b.getMessage().startsWith(source) ? b : new BadInputException(source + ": " + b.getMessage(), b);
            }
            // SnakeYAML limits (document size, alias expansion) surface as unchecked exceptions
            throw new BadInputException(source + ": malformed YAML: " + oneLine(e.getMessage()), e);
        }
    }

    private static JsonNode read(JsonParser p, JsonToken t, String path) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (o.has(name)) {
                        throw new BadInputException("duplicate key " + child + where(p.currentLocation()));
                    }
                    JsonNode v = read(p, p.nextToken(), child);
                    o.set(name, v);
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(read(p, e, path + "[" + i++ + "]"));
                }
                return a;
            }
            case VALUE_NUMBER_INT -> {
                String text = p.getText().trim();
                if (!DECIMAL_INT.matcher(text).matches()) {
                    throw new BadInputException(name(path) + " must be written in decimal digits, got " + Require.quoted(text)
                            + " (YAML 1.1 forms such as 0x3, 0o7, 010, 5_0 or 1:30 are not read)" + where(p.currentLocation()));
                }
                try {
                    return switch (p.getNumberType()) {
                        case INT -> f.numberNode(p.getIntValue());
                        case LONG -> f.numberNode(p.getLongValue());
                        default -> f.numberNode(p.getBigIntegerValue());
                    };
                } catch (JsonProcessingException e) {
                    throw new BadInputException(name(path) + " is not a valid number, got " + Require.quoted(p.getText()) + where(p.currentLocation()));
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                String s = p.getText().trim();
                if (NAN.matcher(s).matches()) {
                    return f.numberNode(Double.NaN);
                }
                if (INF.matcher(s).matches()) {
                    return f.numberNode(s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                }
                if (!DECIMAL_FLOAT.matcher(s).matches()) {
                    throw new BadInputException(name(path) + " must be a decimal number such as 0.5 or 1e-3, got " + Require.quoted(s)
                            + " (YAML 1.1 forms such as 1_000.5 or 1:30.5 are not read)" + where(p.currentLocation()));
                }
                try {
                    return f.numberNode(p.getDoubleValue());
                } catch (JsonProcessingException | NumberFormatException e) {
                    throw new BadInputException(name(path) + " is not a valid number, got " + Require.quoted(s) + where(p.currentLocation()));
                }
            }
            case VALUE_STRING -> {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    // Jackson reports an alias (*name) as the text "name"; say what it is instead
                    throw new BadInputException(name(path) + ": YAML aliases (*" + p.getText() + ") are not supported;"
                            + " write the value out" + where(p.currentLocation()));
                }
                return f.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                // YAML 1.2: only true / false are booleans; YAML 1.1's yes, no, on, off, y, n stay
                // text, so "centred: yes" is refused by name and "name: no" is the name "no"
                String text = p.getText().trim();
                if (!BOOLEAN.matcher(text).matches()) {
                    return f.textNode(text);
                }
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new BadInputException(name(path) + ": unsupported YAML value" + where(p.currentLocation()));
        }
    }

    private static String name(String path) {
        return path.isEmpty() ? "the document" : path;
    }

    static String where(JsonLocation loc) {
        return loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
    }

    private static BadInputException malformed(String source, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            // SnakeYAML's own position of the problem, and its message without the source excerpt
            Mark pm = y.getProblemMark();
            StringBuilder b = new StringBuilder(source).append(": malformed YAML at line ").append(pm.getLine() + 1)
                    .append(", column ").append(pm.getColumn() + 1).append(": ").append(oneLine(y.getProblem()));
            if (y.getContext() != null && y.getContextMark() != null) {
                b.append(" (").append(oneLine(y.getContext())).append(" started at line ")
                        .append(y.getContextMark().getLine() + 1).append(')');
            }
            return new BadInputException(b.toString(), e);
        }
        String msg = oneLine(e.getOriginalMessage());
        return new BadInputException(source + ": malformed YAML" + where(e.getLocation()) + ": " + msg, e);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replace('\n', ' ').replace('\r', ' ').replaceAll("\\s+", " ").trim();
    }
}
