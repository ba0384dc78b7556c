package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.alerting.RetentionPruner;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.db.StoreException;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.StoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proposals and the audit trail: atomic decisions, restart survival, and an audit no one can rewrite.
 * A subclass per database runs it.
 */
abstract class ProposalStoreTest extends StoreContract<ProposalStore> {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofMinutes(30));

    private final MutableClock clock = new MutableClock(T0);

    @Override
    protected ProposalStore storeOver(Database database) {
        return new SqlProposalStore(database);
    }

    private static StoredProposal proposal(String id) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("service", "checkout");
        parameters.put("replicas", 3L);
        parameters.put("force", false);
        return StoredProposal.pending(id, "rollback", parameters, "ab".repeat(32), "POST https://x", "errors", 42L,
                "C0ALERTS01", "1790000000.000100", "U0ASKER001", T0, EXPIRES);
    }

    private static AuditRecord record(AuditEvent event, String id, String actor) {
        return AuditRecord.of(T0, event, id, "rollback", actor, "ab".repeat(32), event.label());
    }

    private void create(String id) {
        store.createProposal(proposal(id), record(AuditEvent.PROPOSED, id, "U0ASKER001"));
    }

    @Test
    void everyDecisionAndRunMakesTheApprovalMessageLagUntilSlackConfirmsItsVersion() {
        create("P-AAAAAA");
        store.recordProposalMessage("P-AAAAAA", new PostedMessage("C0ALERTS01", "1790000000.000200"));
        StoredProposal pending = store.proposal("P-AAAAAA").orElseThrow();
        assertThat(store.lagging()).isEmpty();

        store.decideProposal("P-AAAAAA", ProposalState.APPROVED, "U0LEAD0001", null, T0,
                record(AuditEvent.APPROVED, "P-AAAAAA", "U0LEAD0001"));
        StoredProposal approved = pending.decided(ProposalState.APPROVED, "U0LEAD0001", T0, null);
        restart(); // a crash before the edit

        assertThat(store.lagging()).singleElement().satisfies(lagging -> {
            assertThat(lagging.state()).isEqualTo(ProposalState.APPROVED);
            assertThat(lagging.renderVersion()).as("the copy a decision makes counts as the store does")
                    .isEqualTo(approved.renderVersion());
        });
        store.recordExecution("P-AAAAAA", ProposalState.EXECUTED, 200, "ok", T0,
                record(AuditEvent.EXECUTED, "P-AAAAAA", AuditRecord.WATCHDOG));
        store.confirmRendered("P-AAAAAA", approved.renderVersion());
        assertThat(store.lagging()).as("the run is not shown yet").hasSize(1);

        store.confirmRendered("P-AAAAAA", approved.finished(ProposalState.EXECUTED, 200, "ok", T0).renderVersion());
        assertThat(store.lagging()).isEmpty();
    }

    @Test
    void aProposalWithoutAMessageNeverLags() {
        create("P-AAAAAA");
        store.decideProposal("P-AAAAAA", ProposalState.CANCELLED, null, "why", T0,
                record(AuditEvent.CANCELLED, "P-AAAAAA", AuditRecord.WATCHDOG));

        assertThat(store.lagging()).isEmpty();
    }

    @Test
    void aProposalSurvivesARestartWithItsTypedParameters() {
        create("P-AAAAAA");
        store.recordProposalMessage("P-AAAAAA", new PostedMessage("C0ALERTS01", "1790000000.000200"));
        restart();

        StoredProposal read = store.proposal("P-AAAAAA").orElseThrow();

        assertThat(read).isEqualTo(proposal("P-AAAAAA").shownIn(new PostedMessage("C0ALERTS01", "1790000000.000200")));
        assertThat(read.parameters()).containsExactly(Map.entry("service", "checkout"), Map.entry("replicas", 3L),
                Map.entry("force", false));
        assertThat(store.proposals(ProposalState.PENDING)).containsExactly(read);
        assertThat(store.proposal("P-NOPE00")).isEmpty();
    }

    @Test
    void onlyOneDecisionWinsAndOnlyTheWinnerIsAudited() {
        create("P-AAAAAA");

        assertThat(store.decideProposal("P-AAAAAA", ProposalState.APPROVED, "U1", null, T0.plusSeconds(1),
                record(AuditEvent.APPROVED, "P-AAAAAA", "U1"))).isTrue();
        assertThat(store.decideProposal("P-AAAAAA", ProposalState.APPROVED, "U2", null, T0.plusSeconds(1),
                record(AuditEvent.APPROVED, "P-AAAAAA", "U2"))).isFalse();
        assertThat(store.decideProposal("P-AAAAAA", ProposalState.REJECTED, "U2", "no", T0.plusSeconds(1),
                record(AuditEvent.REJECTED, "P-AAAAAA", "U2"))).isFalse();

        StoredProposal approved = store.proposal("P-AAAAAA").orElseThrow();
        assertThat(approved.state()).isEqualTo(ProposalState.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("U1");
        assertThat(store.recentAudit(10)).extracting(AuditRecord::event)
                .containsExactly(AuditEvent.APPROVED, AuditEvent.PROPOSED);
    }

    @Test
    void anExpiredProposalCanOnlyExpire() {
        create("P-AAAAAA");

        assertThat(store.decideProposal("P-AAAAAA", ProposalState.EXPIRED, null, null, EXPIRES.minusMillis(1),
                record(AuditEvent.EXPIRED, "P-AAAAAA", "watchdog"))).as("not due yet").isFalse();
        assertThat(store.decideProposal("P-AAAAAA", ProposalState.APPROVED, "U1", null, EXPIRES,
                record(AuditEvent.APPROVED, "P-AAAAAA", "U1"))).as("due: too late to approve").isFalse();
        assertThat(store.decideProposal("P-AAAAAA", ProposalState.EXPIRED, null, null, EXPIRES,
                record(AuditEvent.EXPIRED, "P-AAAAAA", "watchdog"))).isTrue();
        assertThat(store.proposal("P-AAAAAA").orElseThrow().state()).isEqualTo(ProposalState.EXPIRED);
    }

    @Test
    void aRunIsRecordedOnlyForAnApprovedProposal() {
        create("P-AAAAAA");
        assertThat(store.recordExecution("P-AAAAAA", ProposalState.EXECUTED, 204, "", T0,
                record(AuditEvent.EXECUTED, "P-AAAAAA", "watchdog"))).isFalse();
        store.decideProposal("P-AAAAAA", ProposalState.APPROVED, "U1", null, T0, record(AuditEvent.APPROVED,
                "P-AAAAAA", "U1"));

        assertThat(store.recordExecution("P-AAAAAA", ProposalState.FAILED, 500, "boom", T0.plusSeconds(2),
                record(AuditEvent.FAILED, "P-AAAAAA", "watchdog"))).isTrue();
        assertThat(store.recordExecution("P-AAAAAA", ProposalState.EXECUTED, 204, "", T0.plusSeconds(3),
                record(AuditEvent.EXECUTED, "P-AAAAAA", "watchdog"))).as("only once").isFalse();

        StoredProposal failed = store.proposal("P-AAAAAA").orElseThrow();
        assertThat(failed.state()).isEqualTo(ProposalState.FAILED);
        assertThat(failed.resultStatus()).isEqualTo(500);
        assertThat(failed.resultExcerpt()).isEqualTo("boom");
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void theAuditTrailCannotBeChangedOrDeletedEvenByHand() {
        create("P-AAAAAA");
        store.appendAudit(record(AuditEvent.REFUSED, "P-AAAAAA", "U0STRANGER"));

        assertThatThrownBy(() -> database.update("rewrite the audit", "UPDATE audit SET actor = 'U0SOMEONE1'"))
                .isInstanceOf(StoreException.class).hasMessageContaining("the audit trail is append-only");
        assertThatThrownBy(() -> database.update("trim the audit", "DELETE FROM audit WHERE event = 'refused'"))
                .isInstanceOf(StoreException.class).hasMessageContaining("the audit trail is append-only");

        assertThat(store.recentAudit(10)).extracting(AuditRecord::actor).containsExactly("U0STRANGER", "U0ASKER001");
    }

    @Test
    void retentionPruningNeverTouchesProposalsOrTheAuditTrail() {
        create("P-AAAAAA");
        clock.advance(Duration.ofDays(365));

        new RetentionPruner(new SqlAlertStore(database, clock), Duration.ofDays(1), clock).pruneNow();

        assertThat(store.proposal("P-AAAAAA")).isPresent();
        assertThat(store.recentAudit(10)).hasSize(1);
    }

    @Test
    void recentAuditIsNewestFirstAndLimited() {
        for (int i = 0; i < 5; i++) {
            store.appendAudit(AuditRecord.of(T0.plusSeconds(i), AuditEvent.REFUSED, "P-BBBBB" + i, null, "U" + i,
                    null, "approve refused: unknown proposal"));
        }

        List<AuditRecord> recent = store.recentAudit(3);

        assertThat(recent).extracting(AuditRecord::proposalId).containsExactly("P-BBBBB4", "P-BBBBB3", "P-BBBBB2");
        assertThat(recent.get(0).sequence()).isGreaterThan(recent.get(1).sequence());
        assertThat(recent.get(0).at()).isEqualTo(T0.plusSeconds(4));
        assertThat(recent.get(0).actionId()).isNull();
    }

    @Test
    void aProposalAndItsAuditRecordAreSavedTogetherOrNotAtAll() {
        create("P-AAAAAA");

        assertThatThrownBy(() -> store.createProposal(proposal("P-AAAAAA"),
                record(AuditEvent.PROPOSED, "P-AAAAAA", "U0ASKER001"))).isInstanceOf(StoreException.class);

        assertThat(store.recentAudit(10)).hasSize(1);
    }

    @Test
    void pruningDropsDecidedProposalsButKeepsPendingAndApprovedOnesAndTheAudit() {
        create("P-AAAAAA");
        create("P-BBBBBB");
        create("P-CCCCCC");
        store.decideProposal("P-AAAAAA", ProposalState.REJECTED, "U0LEAD0001", "no", T0,
                record(AuditEvent.REJECTED, "P-AAAAAA", "U0LEAD0001"));
        store.decideProposal("P-BBBBBB", ProposalState.APPROVED, "U0LEAD0001", null, T0,
                record(AuditEvent.APPROVED, "P-BBBBBB", "U0LEAD0001"));

        assertThat(store.pruneBefore(T0.plusSeconds(1))).isEqualTo(1);

        assertThat(store.proposal("P-AAAAAA")).isEmpty();
        assertThat(store.proposal("P-BBBBBB")).isPresent();
        assertThat(store.proposal("P-CCCCCC")).isPresent();
        assertThat(store.recentAudit(10)).hasSize(5);
    }
}
