package dev.watchdog.alerting;

import dev.watchdog.db.StoreException;
import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Alert storms and their members. Every method either completes durably or throws {@link StoreException}. A member
 * joining raises its render version in the same write, as resolving or an ack does, so the storm's message (whose
 * version counts its members') is always found lagging until Slack shows the change.
 */
public interface StormStore {

    /**
     * Starts a storm in {@code channel} with its first members, in one write, and notes that its message's post
     * starts now ({@link AlertStorm#postStartedAt()}): a crash before the post is recorded finds it by its tag.
     */
    AlertStorm start(String channel, Instant at, Collection<Long> members);

    /** Adds members that arrived {@code at}, in one write; the storm's last alert is then {@code at}. */
    void join(long stormId, Collection<Long> members, Instant at);

    /** Records where the storm's message landed. */
    void recordMessage(long stormId, PostedMessage message);

    /** Notes that the storm's message began to be posted again (the earlier post was lost). */
    void restartPost(long stormId, Instant at);

    /** Ends the storm (its message says so); false if it had ended already. */
    boolean end(long stormId, Instant at);

    Optional<AlertStorm> storm(long stormId);

    /** The storm whose message this is, e.g. the message a button was clicked on. */
    Optional<AlertStorm> byMessage(String channel, String ts);

    /** Storms that have not ended, oldest first. */
    List<AlertStorm> open();

    /** Storms, ended or not, with at least one firing member, oldest first: those to remind people of. */
    List<AlertStorm> firing();

    /** Storms in Slack whose message shows an older version than the store holds. */
    List<AlertStorm> lagging();

    /** Slack shows version {@code version} of the storm's message or later. */
    void confirmRendered(long stormId, long version);

    /** Every member of the storm, in the order they joined. */
    List<StoredAlert> members(long stormId);

    /** Acknowledges every firing, unacknowledged member in one write; returns how many. */
    int acknowledgeFiring(long stormId, String userId, Instant at);

    /** Notes a reminder about the storm, so the next one counts from {@code at}. */
    void markNotified(long stormId, Instant at);

    /**
     * Deletes storms that ended before {@code cutoff} and no longer have any alert (their alerts went with the
     * resolved-alert history); returns how many.
     */
    int pruneEndedBefore(Instant cutoff);
}
