package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.promql.PromQL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordingRuleInlinerTest {

    private static final String SET_NAME = "label_replace(%s, \"__name__\", \"%s\", \"\", \"\")";

    record Case(String description, String alertExpr, String expectedQuery, List<String> expectedNotes) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static final List<RuleGroup> GROUPS = List.of(
            group("recorded", null,
                    recording("job:errors:rate5m", "sum by (job) (rate(errors_total[5m]))", Map.of()),
                    recording("job:errors:ratio", "job:errors:rate5m / job:requests:rate5m", Map.of("team", "web")),
                    recording("job:requests:rate5m", "sum by (job) (rate(requests_total[5m]))", Map.of()),
                    recording("cluster:threshold", "0.05", Map.of()),
                    recording("loop:a", "loop:b + 1", Map.of()),
                    recording("loop:b", "loop:a", Map.of())),
            group("slow", Duration.ofMinutes(1),
                    recording("instance:up:split", "up{env=\"prod\"}", Map.of("env", "production")),
                    recording("instance:up:split", "up{env=\"dev\"}", Map.of())));

    static Stream<Case> cases() {
        String errors = SET_NAME.formatted("sum by (job) (rate(errors_total[5m]))", "job:errors:rate5m");
        String requests = SET_NAME.formatted("sum by (job) (rate(requests_total[5m]))", "job:requests:rate5m");
        String ratio = SET_NAME.formatted("label_replace((" + errors + ") / (" + requests
                + "), \"team\", \"web\", \"\", \"\")", "job:errors:ratio");
        return Stream.of(
                new Case("an expression without recorded metrics is left alone", "rate(errors_total[5m]) > 1",
                        "rate(errors_total[5m]) > 1", List.of()),
                new Case("a recorded metric gets its rule's expression and name", "job:errors:rate5m > 1",
                        "(" + errors + ") > 1", List.of()),
                new Case("a chain of recording rules is substituted to the bottom, with each rule's labels",
                        "job:errors:ratio > 0.1", "(" + ratio + ") > 0.1", List.of()),
                new Case("a matcher on the recorded series selects from the substituted result",
                        "job:errors:rate5m{job=\"api.v1\"} > 1",
                        "(label_replace(label_replace(" + errors + ", \"__watchdog_selected__\", \"1\", \"job\", "
                                + "\"api\\\\.v1\") and on (__watchdog_selected__) label_replace(vector(1), "
                                + "\"__watchdog_selected__\", \"1\", \"\", \"\"), \"__watchdog_selected__\", \"\", "
                                + "\"\", \"\")) > 1",
                        List.of()),
                new Case("a negative matcher drops what it matches", "job:errors:rate5m{job!~\"batch.*\"}",
                        "(label_replace(label_replace(" + errors + ", \"__watchdog_selected__\", \"1\", \"job\", "
                                + "\"batch.*\") unless on (__watchdog_selected__) label_replace(vector(1), "
                                + "\"__watchdog_selected__\", \"1\", \"\", \"\"), \"__watchdog_selected__\", \"\", "
                                + "\"\", \"\"))",
                        List.of()),
                new Case("a scalar recording rule is recorded as a one-element vector",
                        "job:errors:rate5m > on () group_left cluster:threshold",
                        "(" + errors + ") > on () group_left () (" + SET_NAME.formatted("vector(0.05)",
                                "cluster:threshold") + ")", List.of()),
                new Case("a recorded metric written by two rules is both, or-ed",
                        "instance:up:split == 0",
                        "(" + SET_NAME.formatted("label_replace(up{env=\"prod\"}, \"env\", \"production\", \"\", \"\")",
                                "instance:up:split") + " or " + SET_NAME.formatted("up{env=\"dev\"}",
                                "instance:up:split") + ") == 0", List.of()),
                new Case("a quoted name is read like a bare one", "{__name__=\"job:errors:rate5m\"} > 1",
                        "(" + errors + ") > 1", List.of()),
                new Case("a range over a recorded metric becomes a subquery at the rule's interval, with a note",
                        "deriv(instance:up:split[10m]) > 0",
                        "deriv((" + SET_NAME.formatted("label_replace(up{env=\"prod\"}, \"env\", \"production\","
                                + " \"\", \"\")", "instance:up:split") + " or " + SET_NAME.formatted(
                                "up{env=\"dev\"}", "instance:up:split") + ")[10m:1m]) > 0",
                        List.of("rules.yml:7: rule Test: instance:up:split is a recording rule and the expression reads"
                                + " a range of it ([10m]); Watchdog substitutes a subquery evaluated every 1m, which is"
                                + " close to but not exactly the samples Prometheus records (exact only where"
                                + " Prometheus evaluates that rule)")),
                new Case("offset on a recorded metric reads the last value of a subquery, with a note",
                        "job:errors:rate5m offset 1h > 1",
                        "last_over_time(" + errors + "[30s:30s] offset 1h) > 1",
                        List.of("rules.yml:7: rule Test: job:errors:rate5m is a recording rule and the expression"
                                + " reads it with offset; Watchdog substitutes a subquery evaluated every 30s, which is"
                                + " close to but not exactly the samples Prometheus records (exact only where"
                                + " Prometheus evaluates that rule)")),
                new Case("a regex on the metric name that matches a recording rule cannot be substituted",
                        "{__name__=~\"job:errors:.*\"} > 1", "{__name__=~\"job:errors:.*\"} > 1",
                        List.of("rules.yml:7: rule Test: selects metric names by =~\"job:errors:.*\", which matches a"
                                + " recording rule; Watchdog cannot substitute it, so this rule needs Prometheus to"
                                + " evaluate that recording rule")),
                new Case("recording rules that read each other in a cycle are left where the cycle closes",
                        "loop:a > 1",
                        "(" + SET_NAME.formatted("(" + SET_NAME.formatted("loop:a", "loop:b") + ") + 1", "loop:a")
                                + ") > 1",
                        List.of("rules.yml:7: rule Test: recording rules read each other in a cycle (loop:a -> loop:b"
                                + " -> loop:a); left as written")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void substitutesRecordingRulesThroughTheTree(Case c) throws Exception {
        AlertRule rule = new AlertRule("Test", c.alertExpr(), Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), "g",
                "rules.yml:7");
        List<String> notes = new ArrayList<>();
        List<RuleGroup> groups = new ArrayList<>(GROUPS);
        groups.add(new RuleGroup("alerts", null, List.of(rule), "rules.yml:1"));

        AlertRule substituted = RecordingRuleInliner.substitute(groups, Duration.ofSeconds(30), notes).get(2)
                .rules().get(0);

        assertThat(substituted.query()).isEqualTo(PromQL.print(PromQL.parse(c.expectedQuery())));
        assertThat(substituted.expr()).as("what the user wrote is kept for display").isEqualTo(c.alertExpr());
        assertThat(notes).containsExactlyElementsOf(c.expectedNotes());
    }

    private static RuleGroup group(String name, Duration interval, RecordingRule... rules) {
        return new RuleGroup(name, interval, List.of(), name + ".yml:1", null, Map.of(), 0, List.of(rules));
    }

    private static RecordingRule recording(String name, String expr, Map<String, String> labels) {
        try {
            return new RecordingRule(name, expr, PromQL.parse(expr), labels, "g", "recorded.yml:1");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
