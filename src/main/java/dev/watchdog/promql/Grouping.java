package dev.watchdog.promql;

import java.util.List;

/** {@code by (a, b)}, {@code without (c)}, or neither ({@link #NONE}). */
public record Grouping(Kind kind, List<String> labels) {

    public static final Grouping NONE = new Grouping(Kind.NONE, List.of());

    /** Which modifier, if any, was written. */
    public enum Kind {
        NONE, BY, WITHOUT
    }

    public Grouping {
        labels = List.copyOf(labels);
    }
}
