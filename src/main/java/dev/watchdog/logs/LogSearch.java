package dev.watchdog.logs;

/**
 * Read-only search over logs. Implementations never throw for a source that cannot be read: the
 * problem comes back in {@link LogSearchResult#failures()}, written for a person and for the model.
 */
public interface LogSearch {

    LogSearchResult search(LogQuery query);
}
