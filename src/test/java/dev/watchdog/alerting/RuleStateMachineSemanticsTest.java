package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state of a rule's alerts after each evaluation, step by step, as Prometheus' {@code AlertingRule.Eval}
 * (rules/alerting.go) leaves them: the expected column was worked out from that code. Each step names the series
 * the query returned (a successful query; a failed one never reaches the state machine) and the alerts that are
 * then pending or firing, with the second at which each became active, or {@code exceeded} when the group's
 * {@code limit} failed the evaluation.
 */
class RuleStateMachineSemanticsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final int EVERY = 30;

    /** @param series the series the query returns, e.g. "a b"; @param expected e.g. "a:pending@0 b:firing@30" */
    record Step(String series, String expected) {
    }

    record Case(String description, int forSeconds, int keepFiringSeconds, int limit, List<Step> steps) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static Step step(String series, String expected) {
        return new Step(series, expected);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a series missing for one evaluation drops the pending alert; for starts again", 60, 0, 0,
                        List.of(step("a", "a:pending@0"), step("", ""), step("a", "a:pending@60"),
                                step("a", "a:pending@60"), step("a", "a:firing@60"))),
                new Case("without a gap the alert fires once for has passed", 60, 0, 0,
                        List.of(step("a", "a:pending@0"), step("a", "a:pending@0"), step("a", "a:firing@0"))),
                new Case("a firing alert whose series is missing once resolves; when it is back it is pending anew",
                        30, 0, 0, List.of(step("a", "a:pending@0"), step("a", "a:firing@0"), step("", ""),
                                step("a", "a:pending@90"), step("a", "a:firing@90"))),
                new Case("keep_firing_for holds a firing alert through one missing evaluation", 0, 60, 0,
                        List.of(step("a", "a:firing@0"), step("", "a:firing@0"), step("a", "a:firing@0"),
                                step("", "a:firing@0"), step("", "a:firing@0"), step("", ""))),
                new Case("keep_firing_for does not hold a pending alert", 60, 60, 0,
                        List.of(step("a", "a:pending@0"), step("", ""), step("a", "a:pending@60"))),
                new Case("only the missing series is reset; the others go on", 60, 0, 0,
                        List.of(step("a b", "a:pending@0 b:pending@0"), step("b", "b:pending@0"),
                                step("a b", "a:pending@60 b:firing@0"))),
                new Case("over the group's limit every alert is dropped; back within it they start again", 30, 0, 2,
                        List.of(step("a b", "a:pending@0 b:pending@0"), step("a b", "a:firing@0 b:firing@0"),
                                step("a b c", "exceeded"), step("a b", "a:pending@90 b:pending@90"))),
                new Case("alerts kept firing by keep_firing_for count against the limit", 0, 300, 1,
                        List.of(step("a", "a:firing@0"), step("b", "exceeded"), step("b", "b:firing@60"))),
                new Case("a limit equal to the number of alerts is not exceeded", 0, 0, 2,
                        List.of(step("a b", "a:firing@0 b:firing@0"))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void alertStatesFollowPrometheusEvaluationByEvaluation(Case c) {
        AlertRule rule = new AlertRule("Test", "x > 1", Duration.ofSeconds(c.forSeconds()),
                Duration.ofSeconds(c.keepFiringSeconds()), Map.of(), Map.of(), "g", "rules.yml:1");
        RuleStateMachine machine = new RuleStateMachine(rule, new AlertTemplates(Map.of()));
        List<String> seen = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < c.steps().size(); i++) {
            Step step = c.steps().get(i);
            Instant now = T0.plusSeconds((long) i * EVERY);
            List<Sample> samples = Arrays.stream(step.series().split(" ")).filter(s -> !s.isEmpty())
                    .map(name -> new Sample(Map.of("series", name), 2, now)).toList();
            String state;
            try {
                machine.evaluate(samples, now, c.limit());
                state = describe(machine);
            } catch (AlertLimitExceededException exceeded) {
                state = "exceeded";
                assertThat(describe(machine)).as("nothing is pending or firing after the limit is exceeded").isEmpty();
            }
            seen.add("t=" + i * EVERY + "s: " + state);
            expected.add("t=" + i * EVERY + "s: " + step.expected());
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    private static String describe(RuleStateMachine machine) {
        return machine.alerts().stream().filter(alert -> alert.state() != AlertState.RESOLVED)
                .map(alert -> alert.labels().get("series") + ":" + alert.state().name().toLowerCase() + "@"
                        + Duration.between(T0, alert.activeAt()).toSeconds())
                .sorted().collect(Collectors.joining(" "));
    }
}
