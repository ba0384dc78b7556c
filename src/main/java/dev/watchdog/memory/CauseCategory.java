package dev.watchdog.memory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What kind of cause an incident had, as people record it. */
public enum CauseCategory {
    DEPLOY("Deploy"),
    CONFIG("Config change"),
    CAPACITY("Capacity"),
    DEPENDENCY("Dependency"),
    BUG("Bug"),
    EXTERNAL("External"),
    FALSE_ALARM("False alarm"),
    UNKNOWN("Unknown");

    private final String label;

    CauseCategory(String label) {
        this.label = label;
    }

    /** What people read: "False alarm". */
    public String label() {
        return label;
    }

    /** What the store and the form carry: "false-alarm". */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CauseCategory> parse(String value) {
        return Arrays.stream(values()).filter(category -> category.value().equals(value)).findFirst();
    }

    /** "deploy, config, …": the allowed values, for error messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(CauseCategory::value).collect(Collectors.joining(", "));
    }
}
