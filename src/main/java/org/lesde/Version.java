package org.lesde;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The lesde version, read once from the {@code lesde.properties} resource that Maven filters at build time. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** The version of this build ({@code unknown} when the resource is missing). */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/lesde.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return p.getProperty("version", "unknown");
    }
}
