package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.db.Database;
import dev.watchdog.db.StoreException;
import dev.watchdog.prometheus.Sample;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final AlertRule rule = new AlertRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "g", "t.yml:1");
    private final Database database = Database.inMemory();
    private boolean storeDown;
    private final AlertTracker tracker = new AlertTracker(List.of(rule), new AlertTemplates(Map.of()),
            new SqlAlertStore(database, Clock.systemUTC()), write -> {
                if (storeDown) {
                    throw new StoreException("record the alerts of a poll", new SQLException("connection refused"));
                }
                write.run();
            });

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEvaluationThatCouldNotBeRecordedDidNotHappenAndIsRaisedAgainOnceTheStoreIsBack() {
        List<Sample> down = List.of(new Sample(Map.of("job", "api"), 0, T0));

        storeDown = true;
        assertThatThrownBy(() -> tracker.evaluate(rule, down, T0)).isInstanceOf(StoreException.class);
        assertThat(tracker.alerts(AlertState.FIRING)).as("not recorded, so not firing").isEmpty();

        storeDown = false;
        List<AlertTransition> transitions = tracker.evaluate(rule, down, T0.plusSeconds(30));

        assertThat(transitions).extracting(AlertTransition::kind)
                .containsExactly(AlertTransition.Kind.PENDING, AlertTransition.Kind.FIRING);
        assertThat(tracker.alerts(AlertState.FIRING)).hasSize(1);
    }
}
