package dev.watchdog.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.reports.noise.NoiseStats;
import dev.watchdog.reports.noise.RuleNoise;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alerting side of a report and the noise figures, from a recorded history in the store. */
class AlertingSectionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant FROM = T0.minus(Duration.ofDays(1));
    private static final Instant TO = T0.plus(Duration.ofDays(1));

    private final Database database = Database.inMemory();
    private final SqlAlertStore store = new SqlAlertStore(database, new MutableClock(T0));

    @AfterEach
    void close() {
        database.close();
    }

    private static Map<String, String> labels(String rule, String severity, String service) {
        return Map.of("alertname", rule, "severity", severity, "service", service);
    }

    private long fire(String rule, Map<String, String> labels, Instant at) {
        AlertInstance firing = new AlertInstance(Fingerprint.of(labels), rule, labels, Map.of(), AlertState.FIRING, 1,
                at, at, null, null);
        store.syncAlerts("g/" + rule, List.of(firing), List.of());
        return store.latest(firing.fingerprint()).orElseThrow().id();
    }

    private void resolve(String rule, Map<String, String> labels, Instant firedAt, Instant at) {
        store.syncAlerts("g/" + rule, List.of(new AlertInstance(Fingerprint.of(labels), rule, labels, Map.of(),
                AlertState.RESOLVED, 1, firedAt, firedAt, at, null)), List.of());
    }

    @BeforeEach
    void recordHistory() {
        Map<String, String> errors = labels("HighErrorRatio", "critical", "shop");
        long first = fire("HighErrorRatio", errors, T0);
        store.acknowledge(first, "U1", T0.plus(Duration.ofMinutes(4)));
        resolve("HighErrorRatio", errors, T0, T0.plus(Duration.ofMinutes(12)));
        Instant again = T0.plus(Duration.ofMinutes(20)); // 8 minutes after resolving: a flap
        fire("HighErrorRatio", errors, again);
        resolve("HighErrorRatio", errors, again, again.plus(Duration.ofMinutes(2))); // by itself, unacknowledged
        Map<String, String> disk = labels("DiskFull", "warning", "shop");
        long diskFull = fire("DiskFull", disk, T0.plus(Duration.ofHours(1)));
        store.acknowledge(diskFull, "U2", T0.plus(Duration.ofMinutes(70)));
        fire("QueueBacklog", labels("QueueBacklog", "warning", "api"), T0.plus(Duration.ofHours(2)));
        fire("Earlier", labels("Earlier", "info", "shop"), FROM.minus(Duration.ofHours(1))); // before the period
    }

    @Test
    void theAlertingSideOfAServicesPeriod() {
        String text = new AlertingSection(store).render(FROM, TO, "shop").orElseThrow();

        assertThat(text).isEqualTo("*Alerting*: 3 alerts fired"
                + "\n• by rule: HighErrorRatio (critical) 2, DiskFull (warning) 1"
                + "\n• time to acknowledge: median 4m, worst 10m (2 of 3 acknowledged)"
                + "\n• time to resolve: median 2m, worst 12m (2 resolved)"
                + "\n• noisiest: HighErrorRatio 2× (1 flaps, 1 resolved by themselves), DiskFull 1× (0 flaps,"
                + " 0 resolved by themselves)"
                + "\n• acknowledged by: <@U1> 1, <@U2> 1");
    }

    @Test
    void everyServiceWhenNoneIsNamedAndAQuietPeriodSaysSo() {
        assertThat(new AlertingSection(store).render(FROM, TO, null).orElseThrow()).startsWith(
                "*Alerting*: 4 alerts fired\n• by rule: HighErrorRatio (critical) 2, DiskFull (warning) 1,"
                        + " QueueBacklog (warning) 1");
        assertThat(new AlertingSection(store).render(TO, TO.plus(Duration.ofDays(1)), "shop"))
                .contains("*Alerting*: no alerts fired.");
    }

    @Test
    void noisePerRule() {
        List<RuleNoise> noise = NoiseStats.of(store.occurrencesBetween(FROM, TO), FROM, TO);

        assertThat(noise).extracting(RuleNoise::rule).containsExactly("HighErrorRatio", "DiskFull", "QueueBacklog");
        RuleNoise errors = noise.get(0);
        assertThat(errors.occurrences()).isEqualTo(2);
        assertThat(errors.durations()).containsExactly(Duration.ofMinutes(12), Duration.ofMinutes(2));
        assertThat(errors.acknowledged()).isEqualTo(1);
        assertThat(errors.timesToAck()).containsExactly(Duration.ofMinutes(4));
        assertThat(errors.selfResolved()).isEqualTo(1);
        assertThat(errors.flaps()).isEqualTo(1);
        assertThat(noise.get(1).durations()).as("still firing: counted to the end of the period")
                .containsExactly(Duration.between(T0.plus(Duration.ofHours(1)), TO));
    }
}
