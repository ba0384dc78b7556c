package dev.watchdog.security;

import java.util.Objects;

/**
 * A token, password or key read from config. It prints as {@code ***} (or nothing when unset)
 * wherever it ends up, a record's {@code toString}, a log line or an error message, so a
 * settings object can be logged whole; only {@link #reveal()} gives the value, at the one place
 * that sends it to its peer.
 */
public final class Secret {

    public static final Secret NONE = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret from config; {@code null} and empty mean unset. */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : "***";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
