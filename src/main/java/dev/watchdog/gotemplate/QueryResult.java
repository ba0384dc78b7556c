package dev.watchdog.gotemplate;

import java.util.List;

/** Prometheus' {@code template.queryResult}: the list of samples {@code query} returns. */
record QueryResult(List<Sample> samples) {

    static final String TYPE = "template.queryResult";

    QueryResult {
        samples = List.copyOf(samples);
    }
}
