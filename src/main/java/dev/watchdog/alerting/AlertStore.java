package dev.watchdog.alerting;

import dev.watchdog.db.StoreException;
import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Watchdog must not forget about alerts: their occurrences and Slack messages, acks and
 * snoozes, and the ids of the channels they go to. Every method either completes durably or throws
 * {@link StoreException}. Every change a message must show (state, ack, snooze, likely cause) raises the
 * occurrence's render version in the same write, so Slack can always be brought up to the store.
 */
public interface AlertStore {

    /**
     * Records the current alerts of one rule (or source) after an evaluation, in one transaction.
     * An alert with no open occurrence starts one; {@code cancelled} pending alerts that never
     * fired are forgotten.
     */
    void syncAlerts(String ruleKey, Collection<AlertInstance> current, Collection<AlertInstance> cancelled);

    /**
     * One rule's (or source's) alerts to record: those that changed since they were last recorded, and pending ones
     * that ended without firing.
     */
    record RuleAlerts(String ruleKey, Collection<AlertInstance> changed, Collection<AlertInstance> cancelled) {
    }

    /**
     * Records several rules' alerts in one transaction (one poll of a rule group, one webhook batch): all of it, or
     * nothing and a {@link StoreException}. Returns the fingerprints of alerts it left alone because another source
     * holds their open occurrence: the caller offers them again, so that one is recorded once that source's ends.
     */
    Set<String> syncAll(List<RuleAlerts> batch);

    /** Pending and firing alerts, to resume their timers after a restart. */
    List<StoredAlert> openAlerts();

    /** Pending and firing alerts one rule or source raised. */
    List<StoredAlert> openAlerts(String ruleKey);

    /** Firing alerts by {@link AlertSources source}; every source is there, at 0 when none fires. */
    Map<String, Long> firingBySource();

    /** The open occurrence of this alert, else its most recent one. */
    Optional<StoredAlert> latest(String fingerprint);

    /** {@link #latest(String)} of each of these alerts that the store knows, read at once (a webhook batch). */
    Map<String, StoredAlert> latest(Collection<String> fingerprints);

    Optional<StoredAlert> byId(long id);

    /** The alert whose Slack message this is, e.g. the parent of a thread someone replied in. */
    Optional<StoredAlert> byMessage(String channel, String ts);

    /**
     * The occurrence an alert instance belongs to: the one with its start time, else (when another
     * source raised it first) the open or latest one of its fingerprint.
     */
    Optional<StoredAlert> occurrenceOf(AlertInstance alert);

    /**
     * Notes that a post to Slack is starting, before it is sent, if nobody else started one since
     * {@code previous} (null: none ever started) and the alert has no message yet. Replicas that
     * received the same alert at once race here; false means another one is posting it.
     */
    boolean claimPosting(long id, Instant previous, Instant at);

    /** Records where the alert's message landed; from now on it is never posted again. */
    void recordMessage(long id, PostedMessage message);

    /** Notes that the alert was just announced in Slack, so reminders count from now. */
    void markNotified(long id, Instant at);

    /** Keeps the investigator's likely cause of an occurrence, so the message still shows it after a restart. */
    void recordLikelyCause(long id, String cause);

    /** Remembers the id Slack gave a channel configured by name (or by id). */
    void rememberChannel(String name, String id);

    Optional<String> channelId(String name);

    /**
     * Alerts in Slack whose message shows an older version of them than the store holds (a change was recorded but
     * the edit did not reach Slack, e.g. a crash came between): they are to be redrawn.
     */
    List<StoredAlert> lagging();

    /** Slack shows version {@code version} of the alert's message ({@link StoredAlert#renderVersion()}) or later. */
    void confirmRendered(long id, long version);

    /** Acknowledges an occurrence; returns false when it was already acknowledged. Never changes its state. */
    boolean acknowledge(long id, String userId, Instant at);

    void unacknowledge(long id);

    void snooze(Snooze snooze);

    void unsnooze(String key);

    Optional<Snooze> snoozeOf(String key);

    List<Snooze> snoozes();

    /**
     * Occurrences that were pending, firing or resolved at some time in {@code [from, to)}: active
     * before {@code to} and not resolved before {@code from}; oldest first. Read-only, for reports,
     * history and digests.
     */
    List<StoredAlert> occurrencesBetween(Instant from, Instant to);

    /** Deletes resolved occurrences that resolved before {@code cutoff}; returns how many. */
    int pruneResolvedBefore(Instant cutoff);
}
