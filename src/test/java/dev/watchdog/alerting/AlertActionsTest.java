package dev.watchdog.alerting;

import dev.watchdog.db.Database;
import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every change a person makes is signalled, so the message gets redrawn; a refusal changes nothing. */
class AlertActionsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Database database = Database.inMemory();
    private final AlertStore store = new SqlAlertStore(database, clock);
    private final Snoozes snoozes = new Snoozes(store, List.of(Duration.ofMinutes(15), Duration.ofHours(1)), clock);
    private final List<Long> changed = new ArrayList<>();
    private final AlertActions actions = new AlertActions(store, snoozes, changed::add, clock);

    @AfterEach
    void close() {
        database.close();
    }

    /**
     * @param changes whether the last action changed something
     * @param signals how many changes were signalled in all
     */
    record Case(String name, BiFunction<AlertActions, String, AlertActions.Outcome> action, boolean changes,
            int signals) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("acknowledge", (actions, id) -> actions.acknowledge(id, "U1"), true, 1),
                new Case("acknowledge twice", (actions, id) -> {
                    actions.acknowledge(id, "U1");
                    return actions.acknowledge(id, "U2");
                }, false, 1),
                new Case("unacknowledge what nobody acknowledged", (actions, id) -> actions.unacknowledge(id, "U1"),
                        false, 0),
                new Case("snooze from the select", (actions, id) -> actions.snooze(id, "1h", "U1", true), true, 1),
                new Case("snooze for what the select does not offer", (actions, id) -> actions.snooze(id, "3h", "U1",
                        true), false, 0),
                new Case("snooze by command for longer than seven days", (actions, id) -> actions.snooze(id, "8d",
                        "U1", false), false, 0),
                new Case("unsnooze what is not snoozed", (actions, id) -> actions.unsnooze(id, "U1"), false, 0),
                new Case("snooze then unsnooze", (actions, id) -> {
                    actions.snooze(id, "90m", "U1", false);
                    return actions.unsnooze(id, "U1");
                }, true, 2),
                new Case("an unknown alert", (actions, id) -> actions.acknowledge("999", "U1"), false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signalsEveryChangeAndNothingForARefusal(Case c) {
        AlertInstance alert = new AlertInstance("fp", "DiskFull", Map.of("alertname", "DiskFull"), Map.of(),
                AlertState.FIRING, 1, T0, T0, null, null);
        store.syncAlerts("test/DiskFull", List.of(alert), List.of());
        StoredAlert stored = store.occurrenceOf(alert).orElseThrow();

        AlertActions.Outcome last = c.action().apply(actions, stored.shortId());

        assertThat(last.changed()).isEqualTo(c.changes());
        assertThat(changed).as("signalled changes").isEqualTo(Collections.nCopies(c.signals(), stored.id()));
    }
}
