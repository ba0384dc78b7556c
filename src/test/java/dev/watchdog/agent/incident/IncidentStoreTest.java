package dev.watchdog.agent.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.StoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link IncidentStore} keeps; a subclass per database runs it. */
abstract class IncidentStoreTest extends StoreContract<IncidentStore> {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final String KEY = "service=\"checkout\"";

    @Override
    protected IncidentStore storeOver(Database database) {
        return new SqlIncidentStore(database);
    }

    @Test
    void anIncidentItsAlertsAndItsInvestigationSurviveARestart() {
        Membership lead = store.joinOrOpen(KEY, 7, "HighErrorRate", new PostedMessage("C1", "1.1"), T0,
                T0.minusSeconds(600));
        store.investigationPosted(lead.incident().id(), new PostedMessage("C1", "1.5"));
        restart();

        Membership joined = store.joinOrOpen(KEY, 8, "HighLatency", new PostedMessage("C1", "2.2"),
                T0.plusSeconds(120), T0.minusSeconds(480));
        store.analyzed(lead.incident().id(), T0.plusSeconds(130));
        restart();

        assertThat(lead.leads()).isTrue();
        assertThat(joined.leads()).isFalse();
        Incident incident = store.byId(lead.incident().id()).orElseThrow();
        assertThat(incident).isEqualTo(new Incident(lead.incident().id(), KEY, 7, new PostedMessage("C1", "1.1"),
                new PostedMessage("C1", "1.5"), T0.plusSeconds(130), T0, T0.plusSeconds(120)));
        assertThat(store.alerts(incident.id())).containsExactly(
                new IncidentAlert(7, "HighErrorRate", new PostedMessage("C1", "1.1"), T0),
                new IncidentAlert(8, "HighLatency", new PostedMessage("C1", "2.2"), T0.plusSeconds(120)));
    }

    @Test
    void anIncidentWhoseLatestAlertIsOlderThanTheWindowIsNotJoined() {
        Membership old = store.joinOrOpen(KEY, 1, "A", new PostedMessage("C1", "1.1"), T0, T0.minusSeconds(600));
        Membership fresh = store.joinOrOpen(KEY, 2, "B", new PostedMessage("C1", "2.2"), T0.plusSeconds(601),
                T0.plusSeconds(1));

        assertThat(fresh.leads()).isTrue();
        assertThat(fresh.incident().id()).isNotEqualTo(old.incident().id());
    }

    @Test
    void pruningDropsOldIncidentsWithTheirMembersButNotOneWhoseAlertIsStillOpen() {
        AlertStore alerts = new SqlAlertStore(database,
                Clock.fixed(T0, ZoneOffset.UTC));
        Map<String, String> labels = Map.of("alertname", "Down");
        String fingerprint = Fingerprint.of(labels);
        alerts.syncAlerts("g/Down", List.of(new AlertInstance(fingerprint, "Down",
                labels, Map.of(), AlertState.FIRING, 1, T0, T0, null, null)),
                List.of());
        long open = alerts.latest(fingerprint).orElseThrow().id();
        Membership old = store.joinOrOpen(KEY, 101, "A", new PostedMessage("C1", "1.1"), T0, T0.minusSeconds(600));
        store.joinOrOpen(KEY, 102, "B", new PostedMessage("C1", "1.2"), T0.plusSeconds(5), T0.minusSeconds(600));
        Membership firing = store.joinOrOpen("other", open, "Down", new PostedMessage("C1", "3.3"), T0,
                T0.minusSeconds(600));
        Membership recent = store.joinOrOpen("third", 104, "C", new PostedMessage("C1", "4.4"), T0.plusSeconds(7_200),
                T0.plusSeconds(7_000));

        assertThat(store.pruneBefore(T0.plusSeconds(3_600))).as("one incident and its two members").isEqualTo(3);

        assertThat(store.byId(old.incident().id())).isEmpty();
        assertThat(store.alerts(old.incident().id())).isEmpty();
        assertThat(store.byId(firing.incident().id())).isPresent();
        assertThat(store.byId(recent.incident().id())).isPresent();
    }
}
