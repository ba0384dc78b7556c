package dev.watchdog.alerting;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import java.time.Duration;
import java.util.List;

/**
 * @param repeatInterval how often an unacknowledged firing alert is re-announced in its thread
 * @param snoozeOptions the durations offered by the Snooze select
 * @param stormThreshold more new alerts than this in one channel within {@code stormWindow} are grouped
 * @param stormWindow the window of an alert storm; a storm ends after a window without new alerts
 * @param ignore alerts matching any of these are stored but never posted nor reminded
 */
public record AlertingSettings(Duration repeatInterval, List<Duration> snoozeOptions, int stormThreshold,
        Duration stormWindow, List<MatcherSet> ignore) {

    static final List<Duration> DEFAULT_SNOOZES =
            List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));

    public AlertingSettings {
        snoozeOptions = List.copyOf(snoozeOptions);
        ignore = List.copyOf(ignore);
    }

    public static AlertingSettings bind(ConfigNode node) {
        node.allowOnly("repeat-interval", "snooze-options", "storm-threshold", "storm-window", "ignore");
        Duration repeat = node.duration("repeat-interval", Duration.ofHours(4),
                interval -> interval.compareTo(Duration.ofMinutes(1)) >= 0, "must be at least 1m");
        List<Duration> snoozes = DEFAULT_SNOOZES;
        if (node.has("snooze-options")) {
            snoozes = node.list("snooze-options").stream().map(item -> {
                Duration snooze = item.asDuration(Duration.ofHours(1));
                if (snooze.compareTo(Snoozes.SHORTEST) < 0 || snooze.compareTo(Snoozes.LONGEST) > 0) {
                    item.problem(Durations.format(snooze) + " is out of range (allowed: 1m to 7d)");
                }
                return snooze;
            }).distinct().toList();
            if (snoozes.isEmpty() || snoozes.size() > 10) {
                node.field("snooze-options").get().problem("must list 1 to 10 durations, e.g. [15m, 1h, 4h, 24h]");
            }
        }
        Duration stormWindow = node.duration("storm-window", Duration.ofMinutes(1),
                window -> window.compareTo(Duration.ofSeconds(1)) >= 0, "must be at least 1s");
        return new AlertingSettings(repeat, snoozes, node.integer("storm-threshold", 10, 1, 10_000), stormWindow,
                node.field("ignore").map(MatcherSet::bindAll).orElse(List.of()));
    }

    public static AlertingSettings defaults() {
        return new AlertingSettings(Duration.ofHours(4), DEFAULT_SNOOZES, 10, Duration.ofMinutes(1), List.of());
    }
}
