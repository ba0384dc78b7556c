package dev.watchdog;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.promql.Exprs;
import dev.watchdog.promql.LabelMatcher;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.VectorSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Part of {@code check-config}: a rule whose selector matches no series never fires, and Prometheus accepts it without
 * a word. Each selector of each rule is looked up with {@code /api/v1/series}; one that matches nothing is explained
 * from the series its metric does have: the label that is missing (e.g. {@code code} where the app says
 * {@code status}) and the values that do exist. These are warnings: a metric may simply not have appeared yet.
 */
final class SelectorCheck {

    /** Series seen this recently count: a rule cares about what the app exports now. */
    static final Duration WINDOW = Duration.ofHours(1);
    private static final int SHOWN_VALUES = 8;

    private final PrometheusClient prometheus;

    SelectorCheck(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    /**
     * One warning per selector that matches no series, naming the rule, the selector and what exists instead.
     *
     * @throws PrometheusException when Prometheus cannot be asked (the caller says nothing was checked)
     */
    List<String> warnings(List<AlertRule> rules, Instant now) {
        List<String> warnings = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        for (AlertRule rule : rules) {
            for (VectorSelector selector : selectors(rule.expr())) {
                String text = PromQL.print(selector);
                if (!checked.add(rule.name() + " " + text)) {
                    continue;
                }
                explain(selector, text, now).ifPresent(why -> warnings.add(rule.origin() + ": " + rule.name()
                        + ": selector " + text + " matches no series in the last " + WINDOW.toHours() + "h: " + why));
            }
        }
        return warnings;
    }

    private static List<VectorSelector> selectors(String expr) {
        try {
            return Exprs.descendants(PromQL.parse(expr))
                    .filter(VectorSelector.class::isInstance).map(VectorSelector.class::cast)
                    // offset and @ move the window, not what the selector can match
                    .map(selector -> new VectorSelector(selector.name(), selector.matchers(), Duration.ZERO, null))
                    .toList();
        } catch (PromqlException invalid) {
            return List.of(); // reported by the rule parser already
        }
    }

    /** Why {@code selector} matches nothing, or empty when it matches something (or cannot be asked about). */
    private Optional<String> explain(VectorSelector selector, String text, Instant now) {
        if (!series(text, now).isEmpty()) {
            return Optional.empty();
        }
        if (selector.name().isEmpty()) {
            return Optional.of("no series has these labels");
        }
        List<Map<String, String>> ofMetric = series(selector.name(), now);
        if (ofMetric.isEmpty()) {
            return Optional.of("there is no metric " + selector.name() + " (check its name, and that"
                    + " Prometheus scrapes the target exporting it)");
        }
        List<String> reasons = new ArrayList<>();
        for (LabelMatcher matcher : selector.matchers()) {
            if (matcher.name().equals(LabelMatcher.METRIC_NAME)
                    || ofMetric.stream().anyMatch(labels -> matches(matcher, labels))) {
                continue;
            }
            Set<String> names = ofMetric.stream().flatMap(labels -> labels.keySet().stream())
                    .filter(name -> !name.equals(LabelMatcher.METRIC_NAME))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!names.contains(matcher.name())) {
                reasons.add(selector.name() + " has no label " + matcher.name() + "; its labels are "
                        + String.join(", ", names));
            } else {
                Set<String> values = ofMetric.stream().map(labels -> labels.get(matcher.name()))
                        .filter(value -> value != null).collect(Collectors.toCollection(TreeSet::new));
                reasons.add("no series of " + selector.name() + " has " + matcher.name() + matcher.op().symbol()
                        + "\"" + matcher.value() + "\"; its " + matcher.name() + " values are "
                        + shown(values));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(selector.name() + " has series for each matcher, but none for all of them together");
        }
        return Optional.of(String.join("; ", reasons));
    }

    private List<Map<String, String>> series(String match, Instant now) {
        try {
            return prometheus.series(match, now.minus(WINDOW), now);
        } catch (PrometheusException failure) {
            if (failure.isQueryError()) {
                return List.of(Map.of()); // Prometheus will not look this selector up (say, only empty matchers)
            }
            throw failure;
        }
    }

    /** As Prometheus matches: a missing label is the empty string, regexes are anchored RE2. */
    private static boolean matches(LabelMatcher matcher, Map<String, String> labels) {
        String actual = labels.getOrDefault(matcher.name(), "");
        return switch (matcher.op()) {
            case EQUAL -> actual.equals(matcher.value());
            case NOT_EQUAL -> !actual.equals(matcher.value());
            case REGEX -> regex(matcher.value()).matches(actual);
            case NOT_REGEX -> !regex(matcher.value()).matches(actual);
        };
    }

    private static Pattern regex(String value) {
        try {
            return Pattern.compile("^(?:" + value + ")$");
        } catch (PatternSyntaxException invalid) {
            return Pattern.compile("(?!)"); // Prometheus rejected the rule already; match nothing here
        }
    }

    private static String shown(Set<String> values) {
        String listed = values.stream().limit(SHOWN_VALUES).map(value -> "\"" + value + "\"")
                .collect(Collectors.joining(", "));
        return values.size() > SHOWN_VALUES ? listed + " and " + (values.size() - SHOWN_VALUES) + " more" : listed;
    }
}
