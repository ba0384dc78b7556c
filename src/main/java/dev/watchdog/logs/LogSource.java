package dev.watchdog.logs;

import java.util.List;

/** One configured place to read logs from: files, a Loki, an Elasticsearch or OpenSearch. */
public interface LogSource extends LogSearch {

    /** The name from the configuration, shown with every sample line and failure. */
    String name();

    /** How failures name this source, e.g. {@code loki at http://loki:3100} (never with credentials). */
    String describe();

    /**
     * One cheap read to show that the source is reachable and the credentials work; the problems
     * found, each saying what to fix, or an empty list. Used by {@code check-config}.
     */
    List<String> checkCredentials();
}
