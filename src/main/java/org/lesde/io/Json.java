package org.lesde.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON writer and reader of lesde (the only place besides the YAML reader that uses
 * Jackson). Values are plain Java: {@code Map} (written in insertion order), {@code List},
 * numbers, strings, booleans and null. Output is pretty-printed with two-space indents and
 * {@code \n} line ends; write non-finite numbers through {@link #finiteOrNull}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    /** The configured mapper (for tests that inspect written files). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Replaces NaN/Infinity by null so the file is valid JSON. */
    public static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Writes a value to a file (pretty-printed). */
    public static void write(Path file, Object value) {
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            MAPPER.writer(pp).writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The value as pretty-printed JSON text. */
    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value as compact JSON text (no spaces or line breaks): a stable fingerprint. */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a JSON file into plain Java values ({@code Map}, {@code List}, {@code Number},
     * {@code String}, {@code Boolean}, null); a missing or malformed file is bad input naming
     * {@code what} (e.g. "sweep.json of shard out/s0").
     */
    public static Object read(Path file, String what) {
        try {
            return MAPPER.readValue(file.toFile(), Object.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BadInputException(what + ": missing " + file);
        } catch (IOException e) {
            throw new BadInputException(what + ": cannot read " + file + " as JSON (" + YamlTree.oneLine(e.getMessage()) + ")");
        }
    }
}
