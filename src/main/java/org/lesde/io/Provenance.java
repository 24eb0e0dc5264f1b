package org.lesde.io;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lesde.Version;

/**
 * The provenance block every summary carries under the key {@value #KEY} ({@code summary.json},
 * {@code fit.json}, {@code sweep.json}, {@code check.json}, the JSON of {@code metrics}):
 * {@code {"software": "lesde", "version": ..., "command": ..., "java": ...}}. It holds no
 * wall-clock time, so equal runs write equal summaries (a merged sweep equals the unsharded one).
 */
public final class Provenance {
    /** The key of the block in every summary. */
    public static final String KEY = "provenance";

    private Provenance() {
    }

    /** The block for a result written by the lesde command {@code command} (e.g. {@code simulate}). */
    public static Map<String, Object> of(String command) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("software", "lesde");
        p.put("version", Version.get());
        p.put("command", command);
        p.put("java", System.getProperty("java.version"));
        return p;
    }

    /** Puts the block into a summary under {@value #KEY} and returns the summary. */
    public static Map<String, Object> into(Map<String, Object> summary, String command) {
        summary.put(KEY, of(command));
        return summary;
    }
}
