package dev.watchdog.agent.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which alerts join one incident. Each case is a list of alerts in the order they reach Slack
 * ("minute labels"), and the expected incident of each: a letter per incident, upper case for the
 * alert that leads it, "-" for an alert with no incident.
 */
class IncidentJoiningTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final IncidentSettings TEN_MINUTES = IncidentSettings.DEFAULTS;

    private final Database database = Database.inMemory();
    private final MutableClock clock = new MutableClock(T0);

    @AfterEach
    void close() {
        database.close();
    }

    static Stream<Arguments> cases() {
        List<String> serviceAndNamespace = List.of("service", "namespace");
        return Stream.of(
                Arguments.of("three rules for one service within the window are one incident", TEN_MINUTES,
                        List.of("0 service=checkout", "2 service=checkout", "9 service=checkout"), "A a a"),
                Arguments.of("the window runs from the latest alert, not the first", TEN_MINUTES,
                        List.of("0 service=checkout", "8 service=checkout", "17 service=checkout"), "A a a"),
                Arguments.of("an alert after the window opens a new incident", TEN_MINUTES,
                        List.of("0 service=checkout", "11 service=checkout", "12 service=checkout"), "A B b"),
                Arguments.of("exactly the window still joins", TEN_MINUTES,
                        List.of("0 service=checkout", "10 service=checkout"), "A a"),
                Arguments.of("other services are other incidents", TEN_MINUTES,
                        List.of("0 service=checkout", "1 service=payments", "2 service=checkout"), "A B a"),
                Arguments.of("app, application and job name the service when there is no service label",
                        TEN_MINUTES, List.of("0 job=checkout", "1 app=checkout", "2 service=checkout"), "A a a"),
                Arguments.of("the same service in two namespaces is two incidents", TEN_MINUTES,
                        List.of("0 service=api,namespace=prod", "1 service=api,namespace=staging",
                                "2 service=api,namespace=prod"), "A B a"),
                Arguments.of("an alert without a service label has no incident", TEN_MINUTES,
                        List.of("0 instance=node-1", "1 instance=node-1"), "- -"),
                Arguments.of("configured labels decide, a missing one counting as empty",
                        new IncidentSettings(Duration.ofMinutes(10), serviceAndNamespace),
                        List.of("0 service=api", "1 service=api,namespace=", "2 service=api,namespace=prod",
                                "3 namespace=prod,service=api,pod=p1"), "A a B b"),
                Arguments.of("with configured labels, an alert with none of them stands alone",
                        new IncidentSettings(Duration.ofMinutes(10), List.of("team")),
                        List.of("0 service=api", "1 team=core,service=x", "2 team=core,service=y"), "- A a"),
                Arguments.of("a zero window turns incidents off", IncidentSettings.OFF,
                        List.of("0 service=checkout", "1 service=checkout"), "- -"),
                Arguments.of("an alert that fired earlier but arrives later still joins by when it fired",
                        TEN_MINUTES, List.of("5 service=checkout", "-3 service=checkout"), "A a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void joins(String description, IncidentSettings settings, List<String> alerts, String expected) {
        Incidents incidents = new Incidents(settings, new SqlIncidentStore(database), clock);
        Map<Long, String> letters = new HashMap<>();
        List<String> actual = new ArrayList<>();
        long id = 1;
        for (String alert : alerts) {
            String[] parts = alert.split(" ");
            Optional<Membership> membership = incidents.join(stored(id, Integer.parseInt(parts[0]), labels(parts[1])),
                    new PostedMessage("C1", "1772330400.00010" + id));
            actual.add(membership.map(m -> {
                String letter = letters.computeIfAbsent(m.incident().id(),
                        incident -> String.valueOf((char) ('a' + letters.size())));
                return m.leads() ? letter.toUpperCase() : letter;
            }).orElse("-"));
            id++;
        }

        assertThat(String.join(" ", actual)).as(description).isEqualTo(expected);
    }

    @Test
    void anAlertJoinsOnceAndTheIncidentListsItsAlertsInOrder() {
        SqlIncidentStore store = new SqlIncidentStore(database);
        Incidents incidents = new Incidents(TEN_MINUTES, store, clock);
        Membership first = incidents.join(stored(1, 0, Map.of("service", "checkout")), new PostedMessage("C1", "1.1"))
                .orElseThrow();
        incidents.join(stored(2, 3, Map.of("service", "checkout")), new PostedMessage("C1", "2.2"));
        Membership again = incidents.join(stored(2, 3, Map.of("service", "checkout")), new PostedMessage("C1", "2.2"))
                .orElseThrow();

        assertThat(first.leads()).isTrue();
        assertThat(again.leads()).isFalse();
        assertThat(again.incident().id()).isEqualTo(first.incident().id());
        assertThat(store.alerts(first.incident().id())).extracting(IncidentAlert::alertId).containsExactly(1L, 2L);
        assertThat(store.byId(first.incident().id()).orElseThrow().lastAlertAt()).isEqualTo(T0.plusSeconds(180));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", -1);
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }

    private static StoredAlert stored(long id, int minute, Map<String, String> labels) {
        Instant firedAt = T0.plus(Duration.ofMinutes(minute));
        AlertInstance alert = new AlertInstance("fp-" + id, "Rule" + id, labels, Map.of(), AlertState.FIRING, 1,
                firedAt.minusSeconds(60), firedAt, null, null);
        return new StoredAlert(id, "team/Rule" + id, alert, new PostedMessage("C1", id + ".0"), null, null, null, null,
                null, 0);
    }
}
