package dev.watchdog.alerting.slack;

import dev.watchdog.alerting.AlertActions;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.SubCommand;
import dev.watchdog.slack.SubCommands;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.util.List;

/** {@code /watchdog alerts | ack | unack | snooze | unsnooze}: the buttons, typed. */
public final class AlertCommands {

    private static final int LISTED = 30;

    private final AlertActions actions;
    private final Snoozes snoozes;
    private final AlertStore store;

    public AlertCommands(AlertActions actions, Snoozes snoozes, AlertStore store) {
        this.actions = actions;
        this.snoozes = snoozes;
        this.store = store;
    }

    public List<SubCommand> subCommands() {
        return List.of(
                SubCommands.of("alerts", "alerts [label matchers] [page N]",
                        "active alerts with their state and ids, worst first, 20 a page", this::list),
                SubCommands.of("ack", "ack <id>", "acknowledge an alert", input -> oneId(input, "ack <id>",
                        id -> reply(actions.acknowledge(id, input.userId())))),
                SubCommands.of("unack", "unack <id>", "remove an acknowledgement", input -> oneId(input, "unack <id>",
                        id -> reply(actions.unacknowledge(id, input.userId())))),
                SubCommands.of("snooze", "snooze <id> <duration>", "hold an alert's notifications, e.g. snooze 42 1h",
                        this::snooze),
                SubCommands.of("unsnooze", "unsnooze <id>", "end a snooze now", input -> oneId(input, "unsnooze <id>",
                        id -> reply(actions.unsnooze(id, input.userId())))));
    }

    private CommandReply list(CommandInput input) {
        AlertListing.Parsed parsed = AlertListing.parse(input.arguments());
        if (parsed.error() != null) {
            return CommandReply.ephemeral(parsed.error());
        }
        List<StoredAlert> open = store.openAlerts();
        if (open.isEmpty()) {
            return CommandReply.ephemeral(":white_check_mark: No alerts are pending or firing.");
        }
        if (!parsed.query().plain() || open.size() > LISTED) {
            return CommandReply.ephemeral(AlertListing.page(open, parsed.query(), this::line));
        }
        StringBuilder text = new StringBuilder("*Active alerts* (" + open.size() + ")");
        open.stream().sorted((a, b) -> Long.compare(b.id(), a.id()))
                .forEach(alert -> text.append("\n").append(line(alert)));
        return CommandReply.ephemeral(text.toString());
    }

    private String line(StoredAlert alert) {
        StringBuilder text = new StringBuilder("• `#").append(alert.shortId()).append("` *")
                .append(SlackText.escape(alert.alert().ruleName())).append("* ")
                .append(alert.alert().state() == AlertState.FIRING ? "firing" : "pending");
        if (alert.acknowledged()) {
            text.append(", acknowledged by <@").append(alert.ackedBy()).append(">");
        }
        snoozes.active(alert.alert()).ifPresent(snooze -> text.append(", snoozed until ")
                .append(SlackText.date(snooze.until())));
        if (alert.inStorm()) {
            text.append(", in alert storm ").append(alert.stormId());
        }
        String summary = AlertViews.summaryOf(alert);
        if (!summary.isEmpty()) {
            text.append(" · ").append(SlackText.escape(SlackText.cut(summary, 100)));
        }
        return text.toString();
    }

    private CommandReply snooze(CommandInput input) {
        if (input.arguments().size() != 2) {
            return CommandReply.ephemeral("Usage: `/watchdog snooze <id> <duration>`, e.g. `/watchdog snooze 42 1h`"
                    + " (1m to 7d; the buttons offer " + snoozes.offered().stream().map(Durations::format)
                    .reduce((a, b) -> a + ", " + b).orElse("") + ").");
        }
        return reply(actions.snooze(input.arguments().get(0), input.arguments().get(1), input.userId(), false));
    }

    private static CommandReply oneId(CommandInput input, String usage, java.util.function.Function<String, CommandReply> run) {
        if (input.arguments().size() != 1) {
            return CommandReply.ephemeral("Usage: `/watchdog " + usage + "`, where the id is the `#number` on the"
                    + " alert (see `/watchdog alerts`).");
        }
        return run.apply(input.arguments().get(0));
    }

    private static CommandReply reply(AlertActions.Outcome outcome) {
        return CommandReply.ephemeral(outcome.changed() ? ":white_check_mark: " + outcome.message() : outcome.message());
    }
}
