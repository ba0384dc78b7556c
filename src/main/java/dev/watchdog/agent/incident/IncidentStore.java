package dev.watchdog.agent.incident;

import dev.watchdog.db.StoreException;
import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Incidents and their alerts, kept across restarts. Every method completes durably or throws {@link StoreException}. */
public interface IncidentStore {

    /**
     * In one transaction: the alert joins the newest incident with {@code key} whose latest alert
     * fired at or after {@code joinSince}, or opens a new one and leads it. An alert that is
     * already in an incident stays where it is.
     */
    Membership joinOrOpen(String key, long alertId, String ruleName, PostedMessage thread, Instant firedAt,
            Instant joinSince);

    Optional<Incident> byId(long id);

    /** The incident's alerts, in the order they joined (the lead first). */
    List<IncidentAlert> alerts(long incidentId);

    /** Remembers the investigation's message, so it can be updated when another alert joins. */
    void investigationPosted(long incidentId, PostedMessage message);

    /** The investigation's result is in its message. */
    void analyzed(long incidentId, Instant at);

    /**
     * Deletes incidents whose last alert came before {@code cutoff} and none of whose alerts is still open, with
     * their members; returns how many rows went.
     */
    int pruneBefore(Instant cutoff);
}
