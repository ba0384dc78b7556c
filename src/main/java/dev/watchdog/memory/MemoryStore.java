package dev.watchdog.memory;

import dev.watchdog.db.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Incident memory: recorded causes and their edits, diagnoses and the feedback on them, and when
 * each channel last got its hand-off digest. Every method completes durably or throws
 * {@link StoreException}.
 */
public interface MemoryStore {

    /** Saves the cause of an occurrence (replacing an earlier one) and appends the edit, in one transaction. */
    void recordCause(RecordedCause cause);

    Optional<RecordedCause> cause(long alertId);

    /** Every saved version of an occurrence's cause, oldest first. */
    List<CauseEdit> causeEdits(long alertId);

    /** Causes of occurrences that started at or after {@code from}, newest first. */
    List<RecordedCause> causesSince(Instant from);

    /** Saves a diagnosis and returns it with its new id. */
    Diagnosis recordDiagnosis(Diagnosis diagnosis);

    Optional<Diagnosis> diagnosis(long id);

    /** The newest diagnosis of an occurrence. */
    Optional<Diagnosis> latestDiagnosis(long alertId);

    /** Saves a verdict; the same person's earlier verdict on that diagnosis is replaced. */
    void recordFeedback(Feedback feedback);

    /** Verdicts given in {@code [from, to)}, with the rule and model of their diagnosis. */
    List<RatedDiagnosis> feedbackBetween(Instant from, Instant to);

    /** When the channel's hand-off digest was last sent, if ever. */
    Optional<Instant> lastHandoff(String channel);

    /**
     * Notes that the digest due at {@code at} is being sent, if nobody noted it since {@code previous}
     * (empty: never). False means it was already sent (by this replica before a restart, or another one).
     */
    boolean claimHandoff(String channel, Optional<Instant> previous, Instant at);

    /** Deletes memory of occurrences (and diagnoses) older than {@code cutoff}; returns how many rows went. */
    int pruneBefore(Instant cutoff);
}
