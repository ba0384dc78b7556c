package dev.watchdog.promql;

import java.time.Duration;
import java.util.List;

/**
 * An instant vector selector: {@code http_requests_total{job="api"} offset 5m @ end()}.
 *
 * @param name the metric name written before the braces, or "" when there is none (a quoted name inside the
 *     braces, {@code {"my.metric"}}, is a {@code __name__} matcher)
 * @param matchers the matchers inside the braces, in the order written
 * @param offset {@link Duration#ZERO} when there is no offset; negative offsets look ahead
 * @param at null when there is no {@code @} modifier
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, Duration offset, AtModifier at)
        implements Expr {

    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    public VectorSelector withOffset(Duration newOffset) {
        return new VectorSelector(name, matchers, newOffset, at);
    }

    public VectorSelector withAt(AtModifier newAt) {
        return new VectorSelector(name, matchers, offset, newAt);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
