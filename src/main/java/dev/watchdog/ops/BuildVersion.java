package dev.watchdog.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build this is: the Maven version, the git commit it was built from and when, as Maven wrote
 * them into {@code watchdog-version.properties}; "unknown" for what the build could not tell
 * (a source tree without git, or classes run straight from an IDE).
 */
public record BuildVersion(String version, String revision, String buildTime) {

    private static final String UNKNOWN = "unknown";

    public static BuildVersion current() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/watchdog-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            // both stay unknown
        }
        return new BuildVersion(known(properties.getProperty("version")), known(properties.getProperty("revision")),
                known(properties.getProperty("build-time")));
    }

    /** What {@code watchdog version} prints after the name. */
    public String describe() {
        return version + " (revision " + revision + ", built " + buildTime + ")";
    }

    /** An unfiltered {@code ${...}} placeholder means Maven had no value for it. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }
}
