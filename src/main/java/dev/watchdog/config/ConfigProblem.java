package dev.watchdog.config;

/**
 * One thing wrong with the configuration: where (file, line, key path) and what is allowed.
 * Rendered as {@code watchdog.yml:12: prometheus.poll-interval: "30x" is not a duration ...}.
 */
public record ConfigProblem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
    }
}
