package dev.watchdog.promql;

/** One matcher inside braces: {@code job="api"}, {@code "label.x"=~"v.*"}, or a quoted metric name. */
public record LabelMatcher(String name, MatchOp op, String value) {

    public static final String METRIC_NAME = "__name__";
}
