package dev.watchdog.promql;

import java.util.List;

/**
 * {@code on (a, b)} or {@code ignoring (c)}, optionally with {@code group_left (d)} or {@code group_right}.
 *
 * @param include the labels of {@code group_left (...)}/{@code group_right (...)}; empty when none are listed
 */
public record VectorMatching(boolean on, List<String> labels, Cardinality cardinality, List<String> include) {

    /** One-to-one unless a group modifier was written. */
    public enum Cardinality {
        ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY
    }

    public VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }
}
