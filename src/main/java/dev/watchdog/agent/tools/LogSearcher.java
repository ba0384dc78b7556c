package dev.watchdog.agent.tools;

import dev.watchdog.logs.LogQuery;
import dev.watchdog.logs.LogSearch;
import dev.watchdog.logs.LogSearchResult;
import dev.watchdog.logs.LogSources;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * The structured result of a search over any window, for the pre-work that compares windows;
     * empty for searchers that only render text (tests, no sources).
     */
    default Optional<LogSearchResult> find(LogQuery query) {
        return Optional.empty();
    }

    /**
     * The searcher over configured log sources: text for the model, structured results for the
     * pre-work (none when no source is configured, so "no errors" is never read into an empty list).
     */
    static LogSearcher over(LogSearch sources) {
        boolean none = sources instanceof LogSources configured && configured.isEmpty();
        return new LogSearcher() {
            @Override
            public String search(String query, Duration window, String level) {
                return sources.search(new LogQuery(query, window, level, null)).render();
            }

            @Override
            public Optional<LogSearchResult> find(LogQuery query) {
                return none ? Optional.empty() : Optional.of(sources.search(query));
            }
        };
    }
}
