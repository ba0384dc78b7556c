package dev.watchdog.approval;

import java.util.Locale;
import java.util.Optional;

/** The types a catalogue parameter can have; each renders as the matching JSON value. */
public enum ParameterType {
    STRING,
    INTEGER,
    BOOLEAN;

    public static final String ALLOWED = "string, integer, boolean";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParameterType> of(String label) {
        for (ParameterType type : values()) {
            if (type.label().equals(label)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
