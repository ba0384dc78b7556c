package dev.watchdog.alerting;

import static dev.watchdog.alerting.AlertTransition.Kind.CANCELLED;
import static dev.watchdog.alerting.AlertTransition.Kind.FIRING;
import static dev.watchdog.alerting.AlertTransition.Kind.PENDING;
import static dev.watchdog.alerting.AlertTransition.Kind.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Map<String, String> API_1 = Map.of("__name__", "errors", "job", "api", "instance", "a:80");
    private static final Map<String, String> API_2 = Map.of("__name__", "errors", "job", "api", "instance", "b:80");

    private Instant now = T0;

    private static AlertRule rule(Duration pendingFor, Duration keepFiringFor) {
        return new AlertRule("HighErrors", "errors > 1", pendingFor, keepFiringFor,
                Map.of("severity", "critical", "team", "{{ $labels.job }}-team"),
                Map.of("summary", "{{ $labels.instance }} has {{ $value }} errors"), "api", "test.yml:1");
    }

    private List<AlertTransition> step(RuleStateMachine machine, Duration advance, Sample... samples) {
        now = now.plus(advance);
        return machine.evaluate(List.of(samples), now);
    }

    private Sample sample(Map<String, String> labels, double value) {
        return new Sample(labels, value, now);
    }

    @Test
    void firesAfterForDurationElapses() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ofMinutes(1), Duration.ZERO), new AlertTemplates(Map.of()));

        assertThat(step(machine, Duration.ZERO, sample(API_1, 5))).extracting(AlertTransition::kind).containsExactly(PENDING);
        assertThat(step(machine, Duration.ofSeconds(30), sample(API_1, 6))).isEmpty();
        List<AlertTransition> fired = step(machine, Duration.ofSeconds(30), sample(API_1, 7));

        assertThat(fired).extracting(AlertTransition::kind).containsExactly(FIRING);
        AlertInstance alert = fired.get(0).alert();
        assertThat(alert.activeAt()).isEqualTo(T0);
        assertThat(alert.firedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(alert.value()).isEqualTo(7);
    }

    @Test
    void zeroForFiresOnTheFirstEvaluation() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ZERO, Duration.ZERO), new AlertTemplates(Map.of()));

        assertThat(step(machine, Duration.ZERO, sample(API_1, 5))).extracting(AlertTransition::kind)
                .containsExactly(PENDING, FIRING);
    }

    @Test
    void eachSeriesIsItsOwnAlertWithTemplatedRuleLabelsAndAlertname() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ZERO, Duration.ZERO), new AlertTemplates(Map.of()));

        List<AlertTransition> transitions = step(machine, Duration.ZERO, sample(API_1, 5), sample(API_2, 2.5));

        List<AlertInstance> firing = transitions.stream().filter(t -> t.kind() == FIRING).map(AlertTransition::alert).toList();
        assertThat(firing).hasSize(2);
        assertThat(firing.get(0).labels()).isEqualTo(Map.of("alertname", "HighErrors", "job", "api",
                "instance", "a:80", "severity", "critical", "team", "api-team"));
        assertThat(firing.get(0).fingerprint()).isEqualTo(Fingerprint.of(firing.get(0).labels()));
        assertThat(firing.get(1).annotations()).containsEntry("summary", "b:80 has 2.5 errors");
        assertThat(firing.get(0).fingerprint()).isNotEqualTo(firing.get(1).fingerprint());
    }

    @Test
    void pendingAlertWhoseSeriesVanishesIsCancelledNotResolved() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ofMinutes(5), Duration.ZERO), new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(API_1, 5));

        assertThat(step(machine, Duration.ofSeconds(30))).extracting(AlertTransition::kind).containsExactly(CANCELLED);
        assertThat(machine.alerts()).isEmpty();
    }

    @Test
    void firingAlertResolvesWhenItsSeriesDisappears() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ZERO, Duration.ZERO), new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(API_1, 5));

        List<AlertTransition> resolved = step(machine, Duration.ofMinutes(12));

        assertThat(resolved).extracting(AlertTransition::kind).containsExactly(RESOLVED);
        assertThat(resolved.get(0).alert().resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(12)));
        assertThat(resolved.get(0).alert().firingFor(now)).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void keepFiringForHoldsTheAlertThenResolves() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ZERO, Duration.ofMinutes(2)), new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(API_1, 5));

        assertThat(step(machine, Duration.ofMinutes(1))).isEmpty();
        assertThat(step(machine, Duration.ofSeconds(59))).isEmpty();
        assertThat(machine.alerts()).extracting(AlertInstance::state).containsExactly(AlertState.FIRING);
        assertThat(step(machine, Duration.ofSeconds(61))).extracting(AlertTransition::kind).containsExactly(RESOLVED);
    }

    @Test
    void seriesReturningWithinKeepFiringForResetsTheHold() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ZERO, Duration.ofMinutes(2)), new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(API_1, 5));
        step(machine, Duration.ofMinutes(1));
        step(machine, Duration.ofSeconds(30), sample(API_1, 5));

        assertThat(step(machine, Duration.ofMinutes(1))).isEmpty();
        assertThat(step(machine, Duration.ofMinutes(1))).isEmpty();
        assertThat(step(machine, Duration.ofMinutes(1))).extracting(AlertTransition::kind).containsExactly(RESOLVED);
    }

    @Test
    void seriesComingBackAfterResolutionIsANewOccurrence() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ofMinutes(1), Duration.ZERO), new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(API_1, 5));
        step(machine, Duration.ofMinutes(1), sample(API_1, 5));
        step(machine, Duration.ofMinutes(1));

        List<AlertTransition> again = step(machine, Duration.ofMinutes(1), sample(API_1, 5));

        assertThat(again).extracting(AlertTransition::kind).containsExactly(PENDING);
        assertThat(again.get(0).alert().activeAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(again.get(0).alert().firedAt()).isNull();
    }

    @Test
    void resolvedAlertsAreForgottenAfterTheRetention() {
        RuleStateMachine machine = new RuleStateMachine(rule(Duration.ZERO, Duration.ZERO), new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(API_1, 5));
        step(machine, Duration.ofMinutes(1));

        step(machine, Duration.ofMinutes(15));
        assertThat(machine.alerts()).hasSize(1);
        step(machine, Duration.ofSeconds(1));
        assertThat(machine.alerts()).isEmpty();
    }

    @Test
    void aRuleLabelThatExpandsToNothingIsLeftOut() {
        AlertRule rule = new AlertRule("CertExpiring", "cert_days < 7", Duration.ZERO, Duration.ZERO,
                Map.of("team", "{{ $labels.owner }}", "instance", ""), Map.of(), "certs", "t.yml:1");
        RuleStateMachine machine = new RuleStateMachine(rule, new AlertTemplates(Map.of()));

        List<AlertTransition> fired = step(machine, Duration.ZERO, sample(Map.of("domain", "shop.example"), 3));

        assertThat(fired.get(0).alert().labels()).isEqualTo(Map.of("alertname", "CertExpiring", "domain", "shop.example"));
    }

    @Test
    void utf8LabelNamesReachTemplatesThroughIndexAsInPrometheus3() {
        AlertRule rule = new AlertRule("ServiceDown", "{\"service.up\"} == 0", Duration.ZERO, Duration.ZERO,
                Map.of("owner", "{{ index $labels \"k8s.team\" }}"),
                Map.of("summary", "{{ index $labels \"service.name\" }} is down ({{ $labels.job }},"
                        + " {{ index $labels \"missing.label\" }}.)"), "utf8", "t.yml:1");
        RuleStateMachine machine = new RuleStateMachine(rule, new AlertTemplates(Map.of()));

        List<AlertTransition> fired = step(machine, Duration.ZERO, sample(Map.of("__name__", "service.up",
                "service.name", "checkout", "k8s.team", "payments", "job", "api"), 0));

        AlertInstance alert = fired.get(0).alert();
        assertThat(alert.labels()).isEqualTo(Map.of("alertname", "ServiceDown", "service.name", "checkout",
                "k8s.team", "payments", "job", "api", "owner", "payments"));
        assertThat(alert.annotation("summary")).isEqualTo("checkout is down (api, .)");
    }

    @Test
    void seriesThatCollideOnceTheRuleLabelsApplyFailTheEvaluationAndChangeNothing() {
        AlertRule rule = new AlertRule("ReplicaLag", "lag > 30", Duration.ZERO, Duration.ZERO,
                Map.of("replica", "any"), Map.of(), "db", "t.yml:1");
        RuleStateMachine machine = new RuleStateMachine(rule, new AlertTemplates(Map.of()));
        step(machine, Duration.ZERO, sample(Map.of("replica", "r1", "cluster", "a"), 60));

        assertThatThrownBy(() -> step(machine, Duration.ofSeconds(30),
                sample(Map.of("replica", "r1", "cluster", "b"), 60), sample(Map.of("replica", "r2", "cluster", "b"), 90)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessageContaining("same labelset after applying alert labels");
        assertThat(machine.alerts()).extracting(AlertInstance::state).containsExactly(AlertState.FIRING);
    }
}
