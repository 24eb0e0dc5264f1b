package org.lesde.plot;

import java.util.Optional;

/** The file formats a figure can be written in; one list, read by option parsing, help and docs. */
public enum PlotFormat {
    PNG("png"), SVG("svg"), PDF("pdf");

    private final String key;

    PlotFormat(String key) {
        this.key = key;
    }

    /** The file extension and the word used on the command line. */
    public String key() {
        return key;
    }

    public static Optional<PlotFormat> byKey(String key) {
        for (PlotFormat f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** "png, svg, pdf": for messages and help. */
    public static String keys() {
        StringBuilder b = new StringBuilder();
        for (PlotFormat f : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(f.key);
        }
        return b.toString();
    }
}
