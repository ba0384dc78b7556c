package dev.watchdog.memory.slack;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.config.Durations;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.memory.RecordedCause;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.SubCommand;
import dev.watchdog.slack.SubCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code /watchdog history <alert or rule> [30d]}: the occurrences of an alert (by its {@code #id},
 * meaning the same rule and labels) or of a whole rule, newest first, with how long each fired, who
 * acknowledged it, and the cause and fix people recorded.
 */
public final class HistoryCommand {

    static final String USAGE = "history <#id or rule> [30d]";
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration LONGEST_WINDOW = Duration.ofDays(365);
    static final int LISTED = 20;

    private final AlertStore alerts;
    private final MemoryStore memory;
    private final Clock clock;

    public HistoryCommand(AlertStore alerts, MemoryStore memory, Clock clock) {
        this.alerts = alerts;
        this.memory = memory;
        this.clock = clock;
    }

    public SubCommand subCommand() {
        return SubCommands.of("history", USAGE, "past occurrences of an alert or rule: durations, acks, causes, fixes",
                this::handle);
    }

    CommandReply handle(CommandInput input) {
        List<String> args = input.arguments();
        if (args.isEmpty() || args.size() > 2) {
            return usage("");
        }
        Duration window = DEFAULT_WINDOW;
        if (args.size() == 2) {
            Optional<Duration> parsed = Durations.parse(args.get(1));
            if (parsed.isEmpty() || parsed.get().compareTo(Duration.ofHours(1)) < 0
                    || parsed.get().compareTo(LONGEST_WINDOW) > 0) {
                return usage("`" + SlackText.escape(args.get(1), 20) + "` is not a period from 1h to 365d. ");
            }
            window = parsed.get();
        }
        try {
            return history(args.get(0), window);
        } catch (StoreException failure) {
            return CommandReply.ephemeral(":warning: The store cannot be read right now (" + failure.getMessage()
                    + "); try again in a minute.");
        }
    }

    private CommandReply history(String subject, Duration window) {
        Instant now = clock.instant();
        String title;
        Predicate<StoredAlert> wanted;
        String id = subject.startsWith("#") ? subject.substring(1) : subject;
        if (id.matches("[0-9]{1,18}")) {
            Optional<StoredAlert> alert = alerts.byId(Long.parseLong(id));
            if (alert.isEmpty()) {
                return CommandReply.ephemeral("There is no alert `#" + id + "` (it may have been pruned)."
                        + " Give a rule name instead, e.g. `/watchdog history CheckoutErrors`.");
            }
            String fingerprint = alert.get().fingerprint();
            title = "*" + SlackText.escape(alert.get().alert().ruleName()) + "* " + labels(alert.get().alert());
            wanted = stored -> stored.fingerprint().equals(fingerprint);
        } else {
            title = "*" + SlackText.escape(subject) + "*";
            wanted = stored -> stored.alert().ruleName().equals(subject);
        }
        List<StoredAlert> found = alerts.occurrencesBetween(now.minus(window), now).stream().filter(wanted)
                .sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
        if (found.isEmpty()) {
            return CommandReply.ephemeral("No occurrences of " + title + " in the last " + Durations.formatDays(window)
                    + ". Rule names are case-sensitive; `/watchdog rules` lists them.");
        }
        Map<Long, RecordedCause> causes = memory.causesSince(now.minus(window).minus(LONGEST_WINDOW)).stream()
                .collect(Collectors.toMap(RecordedCause::alertId, Function.identity(), (a, b) -> a));
        Duration firing = found.stream().map(stored -> stored.alert().firingFor(end(stored, now)))
                .reduce(Duration.ZERO, Duration::plus);
        StringBuilder text = new StringBuilder(":scroll: History of ").append(title).append(", last ")
                .append(Durations.formatDays(window)).append(": ").append(found.size()).append(" occurrence")
                .append(found.size() == 1 ? "" : "s").append(", firing ").append(Durations.formatSeconds(firing))
                .append(" in all");
        found.stream().limit(LISTED).forEach(stored -> text.append("\n• ").append(line(stored,
                Optional.ofNullable(causes.get(stored.id())), now)));
        if (found.size() > LISTED) {
            text.append("\n…and ").append(found.size() - LISTED).append(" older.");
        }
        return CommandReply.ephemeral(SlackText.cut(text.toString(), 2900));
    }

    private static String line(StoredAlert stored, Optional<RecordedCause> cause, Instant now) {
        AlertInstance alert = stored.alert();
        Instant start = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        StringBuilder line = new StringBuilder("`#").append(stored.id()).append("` ").append(SlackText.date(start))
                .append(" · ");
        if (alert.resolvedAt() != null) {
            line.append("fired ").append(Durations.formatSeconds(alert.firingFor(alert.resolvedAt())));
        } else {
            line.append(alert.state().label()).append(" for ").append(Durations.formatSeconds(alert.firingFor(now)));
        }
        if (stored.acknowledged()) {
            line.append(" · acknowledged by <@").append(stored.ackedBy()).append('>');
        }
        cause.ifPresent(recorded -> line.append("\n    ").append(CauseBlocks.line(recorded)));
        return line.toString();
    }


    private static Instant end(StoredAlert stored, Instant now) {
        return stored.alert().resolvedAt() != null ? stored.alert().resolvedAt() : now;
    }

    private static String labels(AlertInstance alert) {
        return alert.labels().entrySet().stream().filter(label -> !label.getKey().equals("alertname"))
                .sorted(Map.Entry.comparingByKey()).limit(4)
                .map(label -> SlackText.escape(label.getKey()) + "=" + SlackText.escape(label.getValue(), 40))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static CommandReply usage(String problem) {
        return CommandReply.ephemeral(problem + "Usage: `/watchdog " + USAGE + "`, e.g. `/watchdog history 42` or"
                + " `/watchdog history CheckoutErrors 7d` (default 30d, at most 365d).");
    }
}
