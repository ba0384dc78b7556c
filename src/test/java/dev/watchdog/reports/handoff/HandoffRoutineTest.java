package dev.watchdog.reports.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.memory.CauseCategory;
import dev.watchdog.memory.RecordedHistory;
import dev.watchdog.reports.Schedule;
import dev.watchdog.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off digest at shift change, with an injected clock: in Europe/Berlin, "daily 08:00,20:00"
 * across midnight and the night the clocks go back (2026-10-25, 03:00 CEST becomes 02:00 CET).
 */
class HandoffRoutineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String CHANNEL = RecordedHistory.CHANNEL;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-24T17:00:00Z")); // 19:00 CEST
    private final RecordedHistory history = new RecordedHistory(clock);
    private final PostedDigests slack = new PostedDigests();
    private final HandoffSettings.Target target = new HandoffSettings.Target(CHANNEL,
            Schedule.parse("daily 08:00,20:00", BERLIN), "daily 08:00,20:00", BERLIN);

    @AfterEach
    void close() {
        history.close();
    }

    private HandoffRoutine routine() {
        return new HandoffRoutine(List.of(target), history.memory(), new HandoffDigest(history.alerts(),
                history.memory(), new SqlProposalStore(history.database())), slack, clock);
    }

    private void runAt(String instant) {
        clock.set(Instant.parse(instant));
        routine().runOnce();
    }

    private static String date(String instant) {
        return "<!date^" + Instant.parse(instant).getEpochSecond() + "^{date_short_pretty} {time}|" + instant + ">";
    }

    @Test
    void aDigestAtEachShiftChangeCoversTheNightAcrossMidnightAndTheClockChangeAndIsNeverSentTwice() {
        runAt("2026-10-24T17:00:00Z");
        assertThat(slack.posts()).as("the first run only notes the time").isEmpty();

        runAt("2026-10-24T17:59:59Z");
        assertThat(slack.posts()).isEmpty();
        runAt("2026-10-24T18:00:00Z"); // 20:00 CEST
        assertThat(slack.posts()).hasSize(1);
        assertThat(slack.posts().get(0).text()).isEqualTo(":handshake: *Hand-off* for " + date("2026-10-24T17:00:00Z")
                + " – " + date("2026-10-24T18:00:00Z") + "\n:white_check_mark: A quiet shift: nothing fired, nothing is"
                + " open, nothing awaits approval.");

        StoredAlert beforeMidnight = history.occurrence("CheckoutErrors", Map.of("service", "export"),
                Instant.parse("2026-10-24T21:30:00Z"), Instant.parse("2026-10-24T22:15:00Z")); // 23:30 CEST
        history.alerts().acknowledge(beforeMidnight.id(), "U0ALICE", Instant.parse("2026-10-24T21:35:00Z"));
        history.cause(history.alerts().byId(beforeMidnight.id()).orElseThrow(), CauseCategory.BUG, "connection leak",
                "restart", Set.of(), "U0ALICE");
        history.occurrence("DiskFull", Map.of("service", "db"), Instant.parse("2026-10-25T01:30:00Z"), null); // 02:30 CET

        runAt("2026-10-25T06:00:00Z"); // 08:00 by summer time, 07:00 by winter time: not yet
        assertThat(slack.posts()).hasSize(1);
        runAt("2026-10-25T07:00:00Z"); // 08:00 CET
        assertThat(slack.posts()).hasSize(2);
        String night = slack.posts().get(1).text();
        assertThat(night).startsWith(":handshake: *Hand-off* for " + date("2026-10-24T18:00:00Z") + " – "
                + date("2026-10-25T07:00:00Z"));
        assertThat(night).contains("*Fired during the shift* (2)\n• `#1` *CheckoutErrors* at "
                + date("2026-10-24T21:30:00Z") + ", resolved after 45m\n• `#2` *DiskFull* at "
                + date("2026-10-25T01:30:00Z") + ", still open");
        assertThat(night).contains("*Still firing or snoozed* (1)\n• `#2` *DiskFull* firing since "
                + date("2026-10-25T01:30:00Z"));
        assertThat(night).contains("*Acknowledged* (1)\n• `#1` *CheckoutErrors* by <@U0ALICE> "
                + date("2026-10-24T21:35:00Z"));
        assertThat(night).contains("*Recorded causes* (1)\n• `#1` *CheckoutErrors*\n    :memo: *Cause* (Bug): connection"
                + " leak  ·  *Fixed by:* restart  ·  recorded by <@U0ALICE>");

        runAt("2026-10-25T07:00:30Z");
        assertThat(slack.posts()).as("the same shift change, again").hasSize(2);
        assertThat(history.memory().lastHandoff(CHANNEL)).contains(Instant.parse("2026-10-25T07:00:00Z"));
    }

    @Test
    void afterAnOutageOneDigestCoversEverythingSinceTheLast() {
        runAt("2026-10-24T17:00:00Z");
        runAt("2026-10-26T09:00:00Z"); // two days later: four shift changes were missed

        assertThat(slack.posts()).hasSize(1);
        assertThat(slack.posts().get(0).text()).startsWith(":handshake: *Hand-off* for " + date("2026-10-24T17:00:00Z")
                + " – " + date("2026-10-26T07:00:00Z"));
        assertThat(HandoffRoutine.latestDue(target, Instant.parse("2026-10-26T07:00:00Z"),
                Instant.parse("2026-10-26T09:00:00Z"))).isNull();
    }
}
