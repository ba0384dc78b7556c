package dev.watchdog.agent.incident;

import dev.watchdog.slack.PostedMessage;
import java.time.Instant;

/**
 * Alerts that are one problem, investigated once.
 *
 * @param key           what its alerts share ({@link IncidentKey}), e.g. {@code service="checkout"}
 * @param leadAlertId   the first alert, whose thread holds the investigation
 * @param thread        that alert's thread (its message, or its storm's group message)
 * @param investigation the investigation's message in that thread; null until it is posted
 * @param analyzedAt    when the investigation's result was posted; null while it runs
 * @param lastAlertAt   when its latest alert fired: the next one joins within the window after it
 */
public record Incident(long id, String key, long leadAlertId, PostedMessage thread, PostedMessage investigation,
        Instant analyzedAt, Instant openedAt, Instant lastAlertAt) {
}
