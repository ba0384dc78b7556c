package dev.watchdog.agent.tools;

import java.time.Duration;

/**
 * Searches the configured log sources and renders what it found as compact text for the model
 * (counts by level, top error types, a few sample lines). Adapted from the log sources where
 * Watchdog is wired.
 *
 * <p>Sources that cannot be read are reported inside the text, not thrown. An invalid query (a
 * bad {@code /regex/}, an unknown level) may throw {@link IllegalArgumentException} with a
 * message for the model.
 */
@FunctionalInterface
public interface LogSearcher {

    /** For installations without log sources: says so, so the model does not take it as "no errors". */
    LogSearcher NONE = (query, window, level) ->
            "No log sources are configured, so logs cannot be searched; nothing is known about the logs.";

    /**
     * @param query  a case-insensitive substring, or {@code /regex/}; empty matches everything
     * @param window how far back from now to search
     * @param level  minimum level ({@code error}, {@code warn}, ...), or null for all
     */
    String search(String query, Duration window, String level);
}
