package dev.watchdog.alerting;

/**
 * Told when a person changed an alert (acknowledged, snoozed, …), so whoever shows it can redraw
 * it. The alert's Slack message is drawn on the notify side; this keeps the actions from knowing how.
 */
@FunctionalInterface
public interface AlertChanges {

    void changed(long alertId);
}
