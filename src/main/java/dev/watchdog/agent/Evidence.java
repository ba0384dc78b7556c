package dev.watchdog.agent;

import java.util.List;

/**
 * One thing the analysis rests on.
 *
 * @param kind    {@code promql}, {@code log}, {@code deployment} or {@code other}
 * @param source  the exact PromQL query or log line, so a person can check it
 * @param finding what it shows
 * @param link    Prometheus' graph page for a {@code promql} source; null otherwise
 */
public record Evidence(String kind, String source, String finding, String link) {

    public static final String PROMQL = "promql";
    public static final String LOG = "log";
    public static final String DEPLOYMENT = "deployment";
    public static final String OTHER = "other";
    public static final List<String> KINDS = List.of(PROMQL, LOG, DEPLOYMENT, OTHER);

    public Evidence {
        source = source == null ? "" : source;
        finding = finding == null ? "" : finding;
    }
}
