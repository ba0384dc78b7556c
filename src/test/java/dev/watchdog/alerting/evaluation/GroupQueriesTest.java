package dev.watchdog.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Batched rule queries against a scripted Prometheus that answers a batch as Prometheus would: the union of each
 * part's series, each with the reserved label its label_replace sets.
 */
class GroupQueriesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Pattern PART = Pattern.compile(
            "label_replace\\((.*?), \"__watchdog_rule__\", \"(\\d+)\", \"\", \"\"\\)(?: or |$)");

    private final List<String> asked = new ArrayList<>();
    private final Map<String, List<Sample>> series = Map.of(
            "up == 0", List.of(sample(Map.of("__name__", "up", "job", "api"), 0)),
            "rate(errors_total[5m]) > 1", List.of(sample(Map.of("job", "api"), 2), sample(Map.of("job", "web"), 3)),
            "queue_depth > 100", List.of(),
            "scalar(up)", List.of(sample(Map.of(), 1)));

    private List<Sample> answer(String expr, Instant time) {
        asked.add(expr);
        if (expr.contains("unreachable_metric")) {
            throw new PrometheusException("Prometheus at http://p:9090 is unreachable (connection refused)", 0,
                    PrometheusException.UNAVAILABLE, null);
        }
        if (!expr.contains("__watchdog_rule__")) {
            return single(expr);
        }
        List<Sample> union = new ArrayList<>();
        Matcher part = PART.matcher(expr);
        while (part.find()) {
            for (Sample sample : single(part.group(1))) {
                Map<String, String> labels = new java.util.HashMap<>(sample.labels());
                labels.put(GroupQueries.RULE_LABEL, part.group(2));
                union.add(new Sample(labels, sample.value(), sample.timestamp()));
            }
        }
        return union;
    }

    private List<Sample> single(String expr) {
        if (expr.contains("many_to_many")) {
            throw new PrometheusException("Prometheus rejected '" + expr + "' (execution): many-to-many matching not"
                    + " allowed", 422, PrometheusException.EXECUTION, null);
        }
        return series.getOrDefault(expr, List.of());
    }

    private static Sample sample(Map<String, String> labels, double value) {
        return new Sample(labels, value, T0);
    }

    @Test
    void instantVectorRulesOfAGroupAreOneQueryAndEachGetsItsOwnSeriesWithoutTheReservedLabel() {
        GroupQueries queries = new GroupQueries(this::answer, true);

        List<QueryAnswer> answers = queries.run(List.of("up == 0", "rate(errors_total[5m]) > 1", "queue_depth > 100"),
                T0);

        assertThat(asked).singleElement().isEqualTo("label_replace(up == 0, \"__watchdog_rule__\", \"0\", \"\", \"\")"
                + " or label_replace(rate(errors_total[5m]) > 1, \"__watchdog_rule__\", \"1\", \"\", \"\")"
                + " or label_replace(queue_depth > 100, \"__watchdog_rule__\", \"2\", \"\", \"\")");
        assertThat(answers).extracting(QueryAnswer::samples).containsExactly(series.get("up == 0"),
                series.get("rate(errors_total[5m]) > 1"), List.of());
        assertThat(answers).extracting(QueryAnswer::failure).containsOnlyNulls();
    }

    @Test
    void withoutBatchingEveryExpressionIsItsOwnQuery() {
        List<QueryAnswer> answers = new GroupQueries(this::answer, false).run(List.of("up == 0", "queue_depth > 100"),
                T0);

        assertThat(asked).containsExactly("up == 0", "queue_depth > 100");
        assertThat(answers.get(0).samples()).isEqualTo(series.get("up == 0"));
    }

    @Test
    void aScalarAndAnUnparsableExpressionAreAskedAloneAndTheOthersStillBatched() {
        List<QueryAnswer> answers = new GroupQueries(this::answer, true).run(
                List.of("up == 0", "scalar(up)", "up ==", "queue_depth > 100"), T0);

        assertThat(asked).containsExactly("scalar(up)", "up ==",
                "label_replace(up == 0, \"__watchdog_rule__\", \"0\", \"\", \"\") or label_replace(queue_depth > 100,"
                        + " \"__watchdog_rule__\", \"1\", \"\", \"\")");
        assertThat(answers.get(1).samples()).isEqualTo(series.get("scalar(up)"));
        assertThat(answers.get(0).samples()).isEqualTo(series.get("up == 0"));
    }

    @Test
    void aBatchThatFailsWithAQueryErrorIsAskedAgainOneByOneSoTheErrorIsTheRulesOwn() {
        List<QueryAnswer> answers = new GroupQueries(this::answer, true).run(
                List.of("up == 0", "many_to_many * ignoring(host) many_to_many", "queue_depth > 100"), T0);

        assertThat(asked).hasSize(4).endsWith("up == 0", "many_to_many * ignoring(host) many_to_many",
                "queue_depth > 100");
        assertThat(answers.get(0).failure()).isNull();
        assertThat(answers.get(1).failure()).hasMessage("Prometheus rejected 'many_to_many * ignoring(host)"
                + " many_to_many' (execution): many-to-many matching not allowed");
        assertThat(answers.get(2).failure()).isNull();
        assertThat(answers.get(0).samples()).isEqualTo(series.get("up == 0"));
    }

    @Test
    void anUnreachablePrometheusIsTheSameFailureAndTheRestIsNotAsked() {
        List<QueryAnswer> answers = new GroupQueries(this::answer, true).run(
                List.of("scalar(unreachable_metric)", "up == 0"), T0);

        assertThat(asked).containsExactly("scalar(unreachable_metric)");
        assertThat(answers.get(0).isBlind()).isTrue();
        assertThat(answers.get(1)).isNull();

        asked.clear();
        List<QueryAnswer> batched = new GroupQueries(this::answer, true).run(
                List.of("up == 0", "unreachable_metric > 0"), T0);
        assertThat(asked).as("no one-by-one retry against a Prometheus that is gone").hasSize(1);
        assertThat(batched.stream().filter(answer -> answer != null && answer.isBlind())).hasSize(1);
    }

    @Test
    void aBatchHoldsAtMostFiftyRules() {
        List<String> exprs = IntStream.range(0, 120).mapToObj(i -> "metric_" + i + " > 0").toList();

        List<QueryAnswer> answers = new GroupQueries(this::answer, true).run(exprs, T0);

        assertThat(asked).hasSize(3);
        assertThat(answers).hasSize(120).allSatisfy(answer -> assertThat(answer.failure()).isNull());
    }

    @Test
    void aBatchHoldsAtMostTwentyKilobytesOfQuery() {
        String longSelector = "metric{label=\"" + "x".repeat(4000) + "\"} > 0";
        List<QueryAnswer> answers = new GroupQueries(this::answer, true).run(
                IntStream.range(0, 10).mapToObj(i -> longSelector.replace("metric", "m" + i)).toList(), T0);

        assertThat(asked).hasSizeGreaterThan(1).allSatisfy(query -> assertThat(query.length())
                .isLessThan(GroupQueries.MAX_BATCH_CHARS + 4100));
        assertThat(answers).hasSize(10);
    }
}
