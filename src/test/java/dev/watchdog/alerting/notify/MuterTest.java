package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.MatcherSet;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.notify.Muter.Reason;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MuterTest {

    /** As {@code ignore: [{matchers: ['alertname="InfoInhibitor"']}, {matchers: ['env=~"dev|test"', …]}]}. */
    private static final List<MatcherSet> IGNORE = List.of(
            set("alertname=\"InfoInhibitor\""),
            set("env=~\"dev|test\"", "severity!=\"critical\""));

    private final StoredAlerts alerts = new StoredAlerts();
    private final Muter muter = new Muter(IGNORE, alerts.snoozes);

    @AfterEach
    void close() {
        alerts.close();
    }

    private static MatcherSet set(String... matchers) {
        return new MatcherSet(StoredAlerts.matchers(matchers));
    }

    /**
     * @param snoozedAt the severity the alert's snooze was made at, or null for no snooze
     * @param snoozeLeft how long the snooze still runs (negative: it ran out)
     */
    record Case(String name, Map<String, String> labels, String snoozedAt, Duration snoozeLeft, boolean acked,
            Reason reason, boolean holdsPost, boolean holdsReminders) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);

    static Stream<Case> cases() {
        Map<String, String> disk = Map.of("alertname", "DiskFull", "instance", "db-1", "severity", "warning");
        Map<String, String> diskCritical = Map.of("alertname", "DiskFull", "instance", "db-1", "severity", "critical");
        return Stream.of(
                new Case("nothing holds a plain alert", disk, null, null, false, Reason.NONE, false, false),
                new Case("an acknowledgement mutes reminders, not the post", disk, null, null, true,
                        Reason.ACKNOWLEDGED, false, true),
                new Case("snoozed", disk, "warning", HOUR, false, Reason.SNOOZED, true, true),
                new Case("snoozed at a higher severity still holds", disk, "critical", HOUR, false, Reason.SNOOZED,
                        true, true),
                new Case("a snooze that ran out holds nothing", disk, "warning", HOUR.negated(), false, Reason.NONE,
                        false, false),
                new Case("snoozed, but the severity rose: posted, not reminded", diskCritical, "warning", HOUR, false,
                        Reason.SNOOZE_OUTGROWN, false, true),
                new Case("the Watchdog heartbeat", Map.of("alertname", "Watchdog", "severity", "none"), null, null,
                        false, Reason.HEARTBEAT, true, true),
                new Case("the heartbeat is muted whoever acknowledged it", Map.of("alertname", "Watchdog"), null,
                        null, true, Reason.HEARTBEAT, true, true),
                new Case("ignore: equality", Map.of("alertname", "InfoInhibitor", "severity", "none"), null, null,
                        false, Reason.IGNORED, true, true),
                new Case("ignore: regex, and every matcher of the entry", Map.of("alertname", "HighLatency", "env",
                        "test", "severity", "warning"), null, null, false, Reason.IGNORED, true, true),
                new Case("ignore: regexes are anchored", Map.of("alertname", "HighLatency", "env", "testing",
                        "severity", "warning"), null, null, false, Reason.NONE, false, false),
                new Case("ignore: one matcher of the entry fails", Map.of("alertname", "HighLatency", "env", "dev",
                        "severity", "critical"), null, null, false, Reason.NONE, false, false),
                new Case("Watchdog's own alert WatchdogPrometheusUnreachable is news",
                        Map.of("alertname", "WatchdogPrometheusUnreachable", "severity", "critical"), null, null, false,
                        Reason.NONE, false, false),
                new Case("Watchdog's own alert WatchdogRuleFailing is news",
                        Map.of("alertname", "WatchdogRuleFailing", "rule", "Watchdog", "severity", "warning"), null,
                        null, false, Reason.NONE, false, false));
    }

    private StoredAlert given(Case c) {
        StoredAlert stored = alerts.fire(c.labels());
        if (c.snoozedAt() != null) {
            alerts.store.snooze(new Snooze(Snoozes.keyOf(stored.alert()), "U0SNOOZER",
                    alerts.clock.instant().plus(c.snoozeLeft()), alerts.clock.instant(), c.snoozedAt()));
        }
        if (c.acked()) {
            alerts.store.acknowledge(stored.id(), "U0ACKER", alerts.clock.instant());
        }
        return alerts.reload(stored);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesWhyAnAlertIsHeldBack(Case c) {
        Muter.Mute mute = muter.judge(given(c));

        assertThat(mute.reason()).isEqualTo(c.reason());
        assertThat(mute.holdsPost()).as("holds the post").isEqualTo(c.holdsPost());
        assertThat(mute.holdsReminders()).as("holds reminders").isEqualTo(c.holdsReminders());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asAStageStopsWhatItHoldsAndEndsASnoozeTheAlertOutgrew(Case c) {
        StoredAlert stored = given(c);

        Optional<Announcement> next = muter.apply(Announcement.of(stored, alerts.clock.instant()));

        assertThat(next.isPresent()).as("goes on to be posted").isEqualTo(!c.holdsPost());
        boolean outgrown = c.reason() == Reason.SNOOZE_OUTGROWN;
        next.ifPresent(announcement -> assertThat(announcement.outgrownSnooze() != null)
                .as("carries the outgrown snooze, so the post can say so").isEqualTo(outgrown));
        if (c.snoozedAt() != null) {
            assertThat(alerts.store.snoozes()).as("the snooze is kept unless the alert outgrew it")
                    .hasSize(outgrown ? 0 : 1);
        }
    }
}
