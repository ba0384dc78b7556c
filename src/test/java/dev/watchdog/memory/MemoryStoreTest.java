package dev.watchdog.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.StoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incident memory's store on every database: causes with their edits, diagnoses, feedback, hand-off times, pruning. */
abstract class MemoryStoreTest extends StoreContract<MemoryStore> {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    @Override
    protected MemoryStore storeOver(Database database) {
        return new SqlMemoryStore(database);
    }

    private static RecordedCause cause(long alertId, String what, String by, Instant at) {
        return new RecordedCause(alertId, "CheckoutErrors", Map.of("service", "export"), T0, CauseCategory.BUG, what,
                "restart + PR #481", "https://github.com/acme/export/pull/481", Set.of("error:timeoutexception"), by,
                by + ".name", at);
    }

    private static Diagnosis diagnosis(long alertId, String model, Instant at) {
        return new Diagnosis(0, alertId, "CheckoutErrors", model, "pool exhausted", Set.of("deployer:alice"),
                new PostedMessage("C0ALERTS01", "1790000000.000" + alertId), at);
    }

    @Test
    void aCauseSurvivesARestartAndEveryEditIsKeptWithWhoAndWhen() {
        store.recordCause(cause(7, "a leak", "U1", T0.plusSeconds(60)));
        store.recordCause(cause(7, "connection leak in the export job", "U2", T0.plusSeconds(120)));
        restart();

        RecordedCause read = store.cause(7).orElseThrow();
        assertThat(read).isEqualTo(cause(7, "connection leak in the export job", "U2", T0.plusSeconds(120)));
        assertThat(store.causeEdits(7)).extracting(CauseEdit::what, CauseEdit::editedBy, CauseEdit::editedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a leak", "U1", T0.plusSeconds(60)),
                        org.assertj.core.groups.Tuple.tuple("connection leak in the export job", "U2",
                                T0.plusSeconds(120)));
        assertThat(store.causesSince(T0)).hasSize(1);
        assertThat(store.causesSince(T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void diagnosesGetIdsAndASecondVoteOfThePersonReplacesTheFirst() {
        Diagnosis first = store.recordDiagnosis(diagnosis(7, "openai/gpt-test", T0));
        Diagnosis second = store.recordDiagnosis(diagnosis(7, "none", T0.plusSeconds(5)));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(store.diagnosis(first.id())).contains(first);
        assertThat(store.latestDiagnosis(7)).contains(second);

        store.recordFeedback(new Feedback(first.id(), "U1", true, null, T0.plusSeconds(10)));
        store.recordFeedback(new Feedback(first.id(), "U1", false, "the cache", T0.plusSeconds(20)));
        store.recordFeedback(new Feedback(first.id(), "U2", true, null, T0.plusSeconds(30)));
        store.recordFeedback(new Feedback(second.id(), "U1", true, null, T0.plusSeconds(40)));
        restart();

        assertThat(store.feedbackBetween(T0, T0.plusSeconds(40))).containsExactly(
                new RatedDiagnosis(first.id(), "CheckoutErrors", "openai/gpt-test", false),
                new RatedDiagnosis(first.id(), "CheckoutErrors", "openai/gpt-test", true));
    }

    @Test
    void aHandOffIsClaimedOnceForEachTime() {
        assertThat(store.lastHandoff("#oncall")).isEmpty();
        assertThat(store.claimHandoff("#oncall", Optional.empty(), T0)).isTrue();
        assertThat(store.claimHandoff("#oncall", Optional.empty(), T0)).as("a second replica starting").isFalse();
        assertThat(store.claimHandoff("#oncall", Optional.of(T0), T0.plusSeconds(3600))).isTrue();
        restart();
        assertThat(store.claimHandoff("#oncall", Optional.of(T0), T0.plusSeconds(3600))).as("after a restart").isFalse();
        assertThat(store.lastHandoff("#oncall")).contains(T0.plusSeconds(3600));
    }

    @Test
    void pruningForgetsOnlyWhatIsOlderThanTheCutoff() {
        store.recordCause(cause(7, "old", "U1", T0));
        store.recordCause(new RecordedCause(8, "CheckoutErrors", Map.of(), T0.plus(Duration.ofDays(40)),
                CauseCategory.DEPLOY, "new", "", null, Set.of(), "U1", "u1", T0.plus(Duration.ofDays(40))));
        Diagnosis old = store.recordDiagnosis(diagnosis(7, "none", T0));
        store.recordFeedback(new Feedback(old.id(), "U1", true, null, T0));
        Diagnosis recent = store.recordDiagnosis(diagnosis(8, "none", T0.plus(Duration.ofDays(40))));

        assertThat(store.pruneBefore(T0.plus(Duration.ofDays(30)))).isEqualTo(4);

        assertThat(store.cause(7)).isEmpty();
        assertThat(store.causeEdits(7)).isEmpty();
        assertThat(store.cause(8)).isPresent();
        assertThat(store.diagnosis(old.id())).isEmpty();
        assertThat(store.diagnosis(recent.id())).isPresent();
        assertThat(store.feedbackBetween(T0, T0.plus(Duration.ofDays(50)))).isEmpty();
    }
}
