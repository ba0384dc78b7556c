package dev.watchdog.alerting;

import java.util.Locale;

/** The {@code severity} label, ranked, so a snooze can tell when an alert got worse. */
public enum Severity {
    NONE, INFO, WARNING, ERROR, CRITICAL;

    public static Severity of(String label) {
        return switch (label == null ? "" : label.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "emergency", "fatal" -> CRITICAL;
            case "error", "high", "major" -> ERROR;
            case "warning", "warn", "medium", "minor" -> WARNING;
            case "info", "low", "notice" -> INFO;
            default -> NONE;
        };
    }

    public static Severity of(AlertInstance alert) {
        return of(alert.severity());
    }

    public boolean isCritical() {
        return this == CRITICAL;
    }

    public boolean isHigherThan(Severity other) {
        return compareTo(other) > 0;
    }
}
