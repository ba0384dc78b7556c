package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.approval.AuditEvent;
import dev.watchdog.approval.AuditRecord;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.ProposalStore;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RealPostgres;
import dev.watchdog.testing.RealPostgres.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, two {@link Database}s with pools of their own, changing the same rows at once: a
 * click delivered to both, the leader and a webhook raising the same alert. The one-at-a-time
 * tests hold replica A's transaction open until replica B is seen waiting on A's row, so the race
 * happens every time rather than by chance.
 */
class ReplicaRacesIT {

    private static final TestDatabase DATABASE = RealPostgres.newDatabase();
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Map<String, String> LABELS = Map.of("alertname", "Down", "job", "api");
    private static final String FP = Fingerprint.of(LABELS);

    private final PostgresSettings schema = DATABASE.newSchema();
    private final Database replicaA = Database.postgresql(schema);
    private final Database replicaB = Database.postgresql(schema);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        replicaA.close();
        replicaB.close();
    }

    /**
     * Runs {@code first} in a transaction on replica A (a store's own transaction joins it), then
     * {@code second} on replica B while A's is still open, and commits A's once B waits for it;
     * returns what B got.
     */
    private <T> T whileAHoldsItsTransaction(Runnable first, Callable<T> second) throws Exception {
        Future<T> waiting = replicaA.inTransaction("hold a transaction open", sql -> {
            first.run();
            Future<T> started = threads.submit(second);
            Await.until(BOUND, () -> DATABASE.sessionsWaitingForALock() == 1,
                    () -> "replica B did not wait for replica A's transaction; it " + (started.isDone() ? "finished"
                            : "is still running"));
            return started;
        });
        return waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    private static StoredProposal proposal() {
        return StoredProposal.pending("P-AAAAAA", "rollback", Map.of("service", "checkout"), "ab".repeat(32),
                "POST https://x", "errors", 42L, "C0ALERTS01", "1790000000.000100", "U0ASKER001", T0,
                T0.plus(Duration.ofMinutes(30)));
    }

    private static boolean approve(ProposalStore store, String user) {
        return store.decideProposal("P-AAAAAA", ProposalState.APPROVED, user, null, T0.plusSeconds(1),
                AuditRecord.of(T0.plusSeconds(1), AuditEvent.APPROVED, "P-AAAAAA", "rollback", user, "ab".repeat(32),
                        "approved"));
    }

    private ProposalStore proposalsWithOnePending() {
        ProposalStore store = new SqlProposalStore(replicaA);
        store.createProposal(proposal(), AuditRecord.of(T0, AuditEvent.PROPOSED, "P-AAAAAA", "rollback", "U0ASKER001",
                "ab".repeat(32), "proposed"));
        return store;
    }

    @Test
    void aClickHandledOnTwoReplicasAtOnceDecidesTheProposalOnce() throws Exception {
        ProposalStore onA = proposalsWithOnePending();
        ProposalStore onB = new SqlProposalStore(replicaB);

        boolean secondWon = whileAHoldsItsTransaction(() -> assertThat(approve(onA, "U1")).isTrue(),
                () -> approve(onB, "U2"));

        assertThat(secondWon).as("the second click, once the first committed").isFalse();
        assertThat(onB.proposal("P-AAAAAA").orElseThrow().decidedBy()).isEqualTo("U1");
        assertThat(onB.recentAudit(10)).extracting(AuditRecord::event)
                .containsExactly(AuditEvent.APPROVED, AuditEvent.PROPOSED);
    }

    @Test
    void manyClicksOnBothReplicasAtOnceDecideTheProposalOnce() throws Exception {
        proposalsWithOnePending();
        List<ProposalStore> replicas = List.of(new SqlProposalStore(replicaA), new SqlProposalStore(replicaB));
        int clicks = 8;
        CyclicBarrier together = new CyclicBarrier(clicks);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            ProposalStore store = replicas.get(i % 2);
            String user = "U" + i;
            outcomes.add(threads.submit(() -> {
                together.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                return approve(store, user);
            }));
        }

        int won = 0;
        for (Future<Boolean> outcome : outcomes) {
            won += outcome.get(BOUND.toSeconds(), TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
        assertThat(replicas.get(0).recentAudit(20)).filteredOn(record -> record.event() == AuditEvent.APPROVED)
                .hasSize(1);
    }

    private static AlertInstance firing(Instant since) {
        return new AlertInstance(FP, "Down", LABELS, Map.of("summary", "api is down"), AlertState.FIRING, 1, since,
                since, null, null);
    }

    @Test
    void anAlertAcknowledgedOnTwoReplicasAtOnceKeepsTheFirstAcknowledgement() throws Exception {
        AlertStore onA = new SqlAlertStore(replicaA, new MutableClock(T0));
        AlertStore onB = new SqlAlertStore(replicaB, new MutableClock(T0));
        onA.syncAlerts("g/Down", List.of(firing(T0)), List.of());
        long id = onA.latest(FP).orElseThrow().id();

        boolean secondAcknowledged = whileAHoldsItsTransaction(
                () -> assertThat(onA.acknowledge(id, "U1", T0.plusSeconds(1))).isTrue(),
                () -> onB.acknowledge(id, "U2", T0.plusSeconds(2)));

        assertThat(secondAcknowledged).isFalse();
        StoredAlert acknowledged = onB.byId(id).orElseThrow();
        assertThat(acknowledged.ackedBy()).isEqualTo("U1");
        assertThat(acknowledged.ackedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void anAlertRaisedByTheLeaderAndByAWebhookOnAnotherReplicaAtOnceIsOneOccurrence() throws Exception {
        AlertStore onA = new SqlAlertStore(replicaA, new MutableClock(T0));
        AlertStore onB = new SqlAlertStore(replicaB, new MutableClock(T0));

        whileAHoldsItsTransaction(() -> onA.syncAlerts("g/Down", List.of(firing(T0)), List.of()), () -> {
            onB.syncAlerts("alertmanager", List.of(firing(T0.plusSeconds(5))), List.of());
            return null;
        });

        assertThat(onB.openAlerts()).singleElement().satisfies(open -> {
            assertThat(open.ruleKey()).as("the first to raise it keeps it").isEqualTo("g/Down");
            assertThat(open.alert().activeAt()).isEqualTo(T0);
        });
    }
}
