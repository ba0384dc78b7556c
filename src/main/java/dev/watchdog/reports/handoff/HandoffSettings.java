package dev.watchdog.reports.handoff;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.reports.Schedule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hand-off digests ({@code handoff:}): per channel, when shifts change and in which time zone.
 *
 * <pre>{@code
 * handoff:
 *   - channel: "#oncall"
 *     schedule: daily 08:00,20:00      # or a crontab expression: "0 8,20 * * *"
 *     time-zone: Europe/Berlin         # default UTC
 * }</pre>
 */
public record HandoffSettings(List<Target> targets) {

    /** One channel's digest. */
    public record Target(String channel, Schedule schedule, String scheduleText, ZoneId zone) {
    }

    public HandoffSettings {
        targets = List.copyOf(targets);
    }

    public static HandoffSettings none() {
        return new HandoffSettings(List.of());
    }

    public static HandoffSettings bind(ConfigNode node) {
        if (node.isNull()) {
            return none();
        }
        List<Target> targets = new ArrayList<>();
        Set<String> channels = new HashSet<>();
        for (ConfigNode item : node.items()) {
            if (!item.allowOnly("channel", "schedule", "time-zone")) {
                continue;
            }
            String channel = item.requiredString("channel");
            String scheduleText = item.requiredString("schedule");
            Optional<ZoneId> zone = zone(item);
            if (channel.isBlank() || scheduleText.isBlank() || zone.isEmpty()) {
                continue;
            }
            if (!channels.add(channel)) {
                item.field("channel").orElse(item).problem("channel " + channel + " already has a hand-off digest;"
                        + " list all its times in one entry instead, e.g. schedule: daily 08:00,20:00");
                continue;
            }
            try {
                targets.add(new Target(channel, Schedule.parse(scheduleText, zone.get()), scheduleText, zone.get()));
            } catch (IllegalArgumentException invalid) {
                item.field("schedule").orElse(item).problem(invalid.getMessage());
            }
        }
        return new HandoffSettings(targets);
    }

    private static Optional<ZoneId> zone(ConfigNode item) {
        String text = item.string("time-zone", "UTC");
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException invalid) {
            item.field("time-zone").orElse(item).problem("unknown time zone \"" + text + "\"; use an IANA name such"
                    + " as Europe/Berlin, America/New_York or UTC");
            return Optional.empty();
        }
    }
}
