package dev.watchdog.reports.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.approval.AuditEvent;
import dev.watchdog.approval.AuditRecord;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.memory.RecordedHistory;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the digest says about snoozes and proposals, and that other channels' alerts stay out of it. */
class HandoffDigestTest {

    private static final Instant FROM = Instant.parse("2026-11-22T08:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-22T20:00:00Z");

    private final MutableClock clock = new MutableClock(FROM);
    private final RecordedHistory history = new RecordedHistory(clock);
    private final SqlProposalStore proposals = new SqlProposalStore(history.database());
    private final HandoffDigest digest = new HandoffDigest(history.alerts(), history.memory(), proposals);

    @AfterEach
    void close() {
        history.close();
    }

    private static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
    }

    @Test
    void showsWhatIsSnoozedUntilWhenAndTheProposalsStillAwaitingApproval() {
        StoredAlert open = history.occurrence("LatencyHigh", Map.of("service", "api"), FROM.plusSeconds(3600), null);
        Instant until = TO.plus(Duration.ofHours(2));
        history.alerts().snooze(new Snooze(Snoozes.keyOf(open.alert()), "U0BOB", until, FROM, "none"));
        proposals.createProposal(StoredProposal.pending("P-AAAAAA", "restart", Map.of("service", "api"), "ab".repeat(32),
                "POST https://deploy/restart", "latency after the deploy", open.id(), RecordedHistory.CHANNEL,
                open.message().ts(), "U0BOB", FROM, TO.plusSeconds(600)), AuditRecord.of(FROM, AuditEvent.PROPOSED,
                "P-AAAAAA", "restart", "U0BOB", "ab".repeat(32), "proposed"));
        proposals.createProposal(StoredProposal.pending("P-BBBBBB", "restart", Map.of(), "cd".repeat(32), "POST x",
                "expired already", open.id(), RecordedHistory.CHANNEL, null, null, FROM, FROM.plusSeconds(60)),
                AuditRecord.of(FROM, AuditEvent.PROPOSED, "P-BBBBBB", "restart", "U0BOB", "cd".repeat(32), "proposed"));

        String text = digest.render(RecordedHistory.CHANNEL, FROM, TO).text();

        assertThat(text).contains("*Still firing or snoozed* (1)\n• `#1` *LatencyHigh* firing since "
                + date(FROM.plusSeconds(3600)) + ", :zzz: snoozed by <@U0BOB> until " + date(until));
        assertThat(text).contains("*Proposals awaiting approval* (1)\n• `P-AAAAAA` restart · latency after the deploy"
                + " · expires " + date(TO.plusSeconds(600)));
        assertThat(text).doesNotContain("P-BBBBBB");
        assertThat(digest.render("C0OTHER001", FROM, TO).text()).doesNotContain("LatencyHigh", "P-AAAAAA");
    }
}
