package dev.watchdog.agent.incident;

/**
 * Where an alert stands in its incident.
 *
 * @param leads true for the alert that opened the incident: its thread gets the investigation
 */
public record Membership(Incident incident, boolean leads) {
}
