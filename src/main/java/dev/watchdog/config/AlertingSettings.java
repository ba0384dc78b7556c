package dev.watchdog.config;

import java.time.Duration;
import java.util.List;

/**
 * @param repeatInterval how often an unacknowledged firing alert is re-announced in its thread
 * @param snoozeOptions the durations offered by the Snooze select
 */
public record AlertingSettings(Duration repeatInterval, List<Duration> snoozeOptions) {

    static final List<Duration> DEFAULT_SNOOZES =
            List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));

    public AlertingSettings {
        snoozeOptions = List.copyOf(snoozeOptions);
    }

    static AlertingSettings bind(ConfigNode node) {
        node.allowOnly("repeat-interval", "snooze-options");
        Duration repeat = node.duration("repeat-interval", Duration.ofHours(4));
        List<Duration> snoozes = node.has("snooze-options")
                ? node.list("snooze-options").stream().map(item -> item.asDuration(Duration.ZERO)).toList()
                : DEFAULT_SNOOZES;
        if (node.has("snooze-options") && (snoozes.isEmpty() || snoozes.size() > 10)) {
            node.field("snooze-options").get().problem("must list 1 to 10 durations, e.g. [15m, 1h, 4h, 24h]");
        }
        return new AlertingSettings(repeat, snoozes);
    }

    static AlertingSettings defaults() {
        return new AlertingSettings(Duration.ofHours(4), DEFAULT_SNOOZES);
    }
}
