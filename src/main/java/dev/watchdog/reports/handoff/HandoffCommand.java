package dev.watchdog.reports.handoff;

import dev.watchdog.alerting.AlertStore;
import dev.watchdog.config.Durations;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.SubCommand;
import dev.watchdog.slack.SubCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /watchdog handoff [12h]}: the hand-off digest of the channel it is typed in, now, for the
 * person who asked: since the channel's last scheduled digest, else over the period given
 * (default {@value #DEFAULT_HOURS}h).
 */
public final class HandoffCommand {

    static final int DEFAULT_HOURS = 12;
    static final String USAGE = "handoff [12h]";

    private final List<HandoffSettings.Target> targets;
    private final AlertStore alerts;
    private final MemoryStore memory;
    private final HandoffDigest digest;
    private final Clock clock;

    public HandoffCommand(List<HandoffSettings.Target> targets, AlertStore alerts, MemoryStore memory,
            HandoffDigest digest, Clock clock) {
        this.targets = List.copyOf(targets);
        this.alerts = alerts;
        this.memory = memory;
        this.digest = digest;
        this.clock = clock;
    }

    public SubCommand subCommand() {
        return SubCommands.of("handoff", USAGE, "the shift hand-off digest of this channel, now", this::handle);
    }

    CommandReply handle(CommandInput input) {
        if (input.arguments().size() > 1) {
            return usage("");
        }
        Optional<Duration> period = Optional.empty();
        if (input.arguments().size() == 1) {
            period = Durations.parse(input.arguments().get(0))
                    .filter(asked -> asked.compareTo(Duration.ofMinutes(1)) >= 0 && asked.compareTo(Duration.ofDays(7)) <= 0);
            if (period.isEmpty()) {
                return usage("`" + SlackText.escape(input.arguments().get(0), 20) + "` is not a period from 1m to 7d. ");
            }
        }
        Instant now = clock.instant();
        try {
            Instant from = period.map(now::minus).orElseGet(() -> lastDigest(input.channelId())
                    .orElse(now.minus(Duration.ofHours(DEFAULT_HOURS))));
            return CommandReply.ephemeral(digest.render(input.channelId(), from, now).text());
        } catch (StoreException failure) {
            return CommandReply.ephemeral(":warning: The store cannot be read right now (" + failure.getMessage()
                    + "); try again in a minute.");
        }
    }

    private Optional<Instant> lastDigest(String channelId) {
        return targets.stream()
                .filter(target -> target.channel().equals(channelId)
                        || alerts.channelId(target.channel()).filter(channelId::equals).isPresent())
                .findFirst()
                .flatMap(target -> memory.lastHandoff(target.channel()));
    }

    private static CommandReply usage(String problem) {
        return CommandReply.ephemeral(problem + "Usage: `/watchdog " + USAGE + "`: the digest since this channel's"
                + " last scheduled hand-off, or over the period given (default " + DEFAULT_HOURS + "h).");
    }
}
