package dev.watchdog.agent.incident;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code llm.incident:} section: which alerts are one incident, so they get one investigation.
 *
 * @param window  an alert joins an incident when it fires within this long of the incident's latest alert;
 *                0 turns incidents off (every alert is investigated on its own)
 * @param groupBy the labels alerts of one incident share; empty: the service (see {@link IncidentKey})
 */
public record IncidentSettings(Duration window, List<String> groupBy) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    public static final IncidentSettings DEFAULTS = new IncidentSettings(DEFAULT_WINDOW, List.of());
    public static final IncidentSettings OFF = new IncidentSettings(Duration.ZERO, List.of());

    public IncidentSettings {
        groupBy = List.copyOf(groupBy);
    }

    public static IncidentSettings bind(Optional<ConfigNode> section) {
        if (section.isEmpty() || section.get().isNull()) {
            return DEFAULTS;
        }
        ConfigNode node = section.get();
        node.allowOnly("window", "group-by");
        Duration window = node.duration("window", DEFAULT_WINDOW,
                value -> !value.isNegative() && value.compareTo(MAX_WINDOW) <= 0,
                "must be from 0s (incidents off) to " + Durations.format(MAX_WINDOW));
        List<String> groupBy = node.has("group-by") ? node.stringList("group-by") : List.of();
        Optional<ConfigNode> field = node.field("group-by");
        for (String label : groupBy) {
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                field.orElse(node).problem("\"" + label + "\" is not a label name (letters, digits and _,"
                        + " not starting with a digit)");
                return new IncidentSettings(window, List.of());
            }
        }
        if (field.isPresent() && groupBy.isEmpty()) {
            field.get().problem("must list at least one label, e.g. [service] (leave it out to group by service)");
        }
        return new IncidentSettings(window, groupBy);
    }

    public boolean enabled() {
        return !window.isZero();
    }
}
