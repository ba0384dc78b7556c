package dev.watchdog.gotemplate;

import java.util.Map;

/** One sample of an instant-query result: its labels (including {@code __name__}) and value. */
public record QueryResultSample(Map<String, String> labels, double value) {

    public QueryResultSample {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
