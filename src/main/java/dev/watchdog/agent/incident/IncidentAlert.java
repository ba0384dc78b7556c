package dev.watchdog.agent.incident;

import dev.watchdog.slack.PostedMessage;
import java.time.Instant;

/** An alert of an incident, and the thread where it was announced. */
public record IncidentAlert(long alertId, String ruleName, PostedMessage thread, Instant joinedAt) {
}
