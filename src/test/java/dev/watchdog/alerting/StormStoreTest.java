package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.StoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link StormStore} keeps and how; a subclass per database runs it. */
abstract class StormStoreTest extends StoreContract<StormStore> {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final PostedMessage MESSAGE = new PostedMessage("C1", "1700000000.000100");

    private final MutableClock clock = new MutableClock(T0);
    private AlertStore alerts;

    @Override
    protected StormStore storeOver(Database database) {
        alerts = new SqlAlertStore(database, clock);
        return new SqlStormStore(database);
    }

    /** Fires {@code count} alerts named Disk; returns their ids. */
    private List<Long> fire(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> labels = Map.of("alertname", "Disk", "instance",
                    "n" + ids.size() + "-" + clock.millis());
            AlertInstance alert = new AlertInstance(Fingerprint.of(labels), "Disk", labels, Map.of(), AlertState.FIRING,
                    1, clock.instant(), clock.instant(), null, null);
            alerts.syncAlerts("g/Disk", List.of(alert), List.of());
            ids.add(alerts.occurrenceOf(alert).orElseThrow().id());
        }
        return ids;
    }

    private AlertStorm posted(List<Long> members) {
        AlertStorm storm = store.start("#alerts", T0, members);
        store.recordMessage(storm.id(), MESSAGE);
        store.confirmRendered(storm.id(), storm.renderVersion());
        return store.storm(storm.id()).orElseThrow();
    }

    @Test
    void aStormIsWrittenWithItsMembersBeforeItsMessageIsPosted() {
        List<Long> members = fire(3);

        AlertStorm storm = store.start("#alerts", T0, members);
        restart();

        AlertStorm stored = store.open().get(0);
        assertThat(stored.id()).isEqualTo(storm.id());
        assertThat(stored.inSlack()).isFalse();
        assertThat(stored.postStartedAt()).isEqualTo(T0);
        assertThat(store.members(storm.id())).extracting(StoredAlert::id).containsExactlyElementsOf(members)
                .allSatisfy(id -> assertThat(alerts.byId(id).orElseThrow().stormId()).isEqualTo(storm.id()));
        store.recordMessage(storm.id(), MESSAGE);
        assertThat(store.byMessage("C1", MESSAGE.ts())).map(AlertStorm::id).contains(storm.id());
    }

    @Test
    void aJoinAResolutionAndAnAckOfAMemberEachMakeTheStormLag() {
        List<Long> first = fire(2);
        AlertStorm storm = posted(first);
        assertThat(store.lagging()).isEmpty();

        clock.advance(java.time.Duration.ofSeconds(30));
        List<Long> more = fire(700); // more than one statement's worth of ids
        store.join(storm.id(), more, clock.instant());
        AlertStorm joined = store.lagging().get(0);
        assertThat(joined.lastAlertAt()).isEqualTo(clock.instant());
        assertThat(store.members(storm.id())).hasSize(702);
        store.confirmRendered(storm.id(), joined.renderVersion());
        assertThat(store.lagging()).isEmpty();

        alerts.acknowledge(more.get(5), "U1", clock.instant());
        restart(); // a crash between the store and the edit
        AlertStorm acked = store.lagging().get(0);
        assertThat(acked.renderVersion()).isGreaterThan(joined.renderVersion());
        store.confirmRendered(storm.id(), acked.renderVersion());

        StoredAlert member = alerts.byId(first.get(0)).orElseThrow();
        AlertInstance resolved = new AlertInstance(member.fingerprint(), "Disk", member.alert().labels(), Map.of(),
                AlertState.RESOLVED, 1, T0, T0, clock.instant(), null);
        alerts.syncAlerts("g/Disk", List.of(resolved), List.of());
        assertThat(store.lagging()).singleElement()
                .satisfies(lagging -> assertThat(lagging.renderVersion()).isGreaterThan(acked.renderVersion()));
    }

    @Test
    void acknowledgingAllAcksEveryFiringUnacknowledgedMemberInOneWrite() {
        List<Long> members = fire(4);
        AlertStorm storm = posted(members);
        alerts.acknowledge(members.get(0), "U0EARLIER", T0);

        assertThat(store.acknowledgeFiring(storm.id(), "U1", T0.plusSeconds(9))).isEqualTo(3);

        assertThat(store.members(storm.id())).extracting(StoredAlert::ackedBy)
                .containsExactly("U0EARLIER", "U1", "U1", "U1");
        assertThat(store.lagging()).hasSize(1);
        assertThat(store.acknowledgeFiring(storm.id(), "U1", T0.plusSeconds(10))).isZero();
    }

    @Test
    void anEndedStormIsNoLongerOpenButIsRemindedWhileItsAlertsFire() {
        AlertStorm storm = posted(fire(2));

        assertThat(store.end(storm.id(), T0.plusSeconds(90))).isTrue();
        assertThat(store.end(storm.id(), T0.plusSeconds(95))).as("ends once").isFalse();

        assertThat(store.open()).isEmpty();
        assertThat(store.firing()).extracting(AlertStorm::id).containsExactly(storm.id());
        AlertStorm ended = store.storm(storm.id()).orElseThrow();
        assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(ended.lags()).as("its message must say it ended").isTrue();
        store.markNotified(storm.id(), T0.plusSeconds(100));
        assertThat(store.storm(storm.id()).orElseThrow().lastNotifiedAt()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void anEndedStormIsPrunedOnlyOnceItsAlertsAreGone() {
        List<Long> members = fire(2);
        AlertStorm storm = posted(members);
        AlertStorm open = posted(fire(1));
        clock.advance(java.time.Duration.ofHours(1));
        store.end(storm.id(), clock.instant());
        Instant cutoff = clock.instant().plusSeconds(1);

        assertThat(store.pruneEndedBefore(cutoff)).as("its alerts are still kept").isZero();
        members.forEach(id -> {
            AlertInstance firing = alerts.byId(id).orElseThrow().alert();
            alerts.syncAlerts("g/Disk", List.of(new AlertInstance(firing.fingerprint(), firing.ruleName(),
                    firing.labels(), firing.annotations(), AlertState.RESOLVED, firing.value(), firing.activeAt(),
                    firing.firedAt(), clock.instant(), null)), List.of());
        });
        alerts.pruneResolvedBefore(cutoff);

        assertThat(store.pruneEndedBefore(cutoff)).isEqualTo(1);
        assertThat(store.storm(storm.id())).isEmpty();
        assertThat(store.storm(open.id())).as("a storm that has not ended stays").isPresent();
    }
}
