package dev.watchdog.alerting;

public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
