package dev.watchdog.reports.handoff;

import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.ProposalStore;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.config.Durations;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.memory.RecordedCause;
import dev.watchdog.memory.slack.CauseBlocks;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the next person on call needs at shift change, for one channel: what fired during the
 * shift, what is still firing or snoozed (and until when), who acknowledged what, the causes
 * people recorded, and the proposals still waiting for approval.
 */
public final class HandoffDigest {

    static final int LISTED = 15;
    /** Slack shows up to 4,000 characters of a message's text in full. */
    static final int MAX_CHARS = 3900;

    private final AlertStore alerts;
    private final MemoryStore memory;
    private final ProposalStore proposals;

    public HandoffDigest(AlertStore alerts, MemoryStore memory, ProposalStore proposals) {
        this.alerts = alerts;
        this.memory = memory;
        this.proposals = proposals;
    }

    /**
     * @param channel the channel as configured (a name or an id); alerts count when their message is there
     */
    public SlackMessage render(String channel, Instant from, Instant to) {
        String channelId = alerts.channelId(channel).orElse(channel);
        List<StoredAlert> shift = alerts.occurrencesBetween(from, to).stream()
                .filter(stored -> stored.inSlack() && stored.message().channel().equals(channelId)).toList();
        List<StoredAlert> fired = shift.stream().filter(stored -> started(stored) != null
                && !started(stored).isBefore(from) && started(stored).isBefore(to)).toList();
        List<StoredAlert> open = alerts.openAlerts().stream()
                .filter(stored -> stored.inSlack() && stored.message().channel().equals(channelId)).toList();
        Map<String, Snooze> snoozes = alerts.snoozes().stream().filter(snooze -> snooze.activeAt(to))
                .collect(Collectors.toMap(Snooze::key, Function.identity(), (a, b) -> a));
        Map<Long, RecordedCause> causes = memory.causesSince(from.minus(Duration.ofDays(30))).stream()
                .collect(Collectors.toMap(RecordedCause::alertId, Function.identity(), (a, b) -> a));
        List<StoredProposal> waiting = proposals.proposals(ProposalState.PENDING).stream()
                .filter(proposal -> !proposal.expiredAt(to) && channelId.equals(proposal.channel())).toList();

        StringBuilder text = new StringBuilder(":handshake: *Hand-off* for ").append(SlackText.date(from))
                .append(" – ").append(SlackText.date(to));
        section(text, "Fired during the shift", fired, stored -> alertLine(stored) + firedDetail(stored, to));
        section(text, "Still firing or snoozed", open, stored -> alertLine(stored) + openDetail(stored, snoozes, to));
        section(text, "Acknowledged", shift.stream().filter(StoredAlert::acknowledged).toList(),
                stored -> alertLine(stored) + " by <@" + stored.ackedBy() + "> " + SlackText.date(stored.ackedAt()));
        List<StoredAlert> explained = shift.stream().filter(stored -> causes.containsKey(stored.id())).toList();
        section(text, "Recorded causes", explained,
                stored -> alertLine(stored) + "\n    " + CauseBlocks.line(causes.get(stored.id())));
        section(text, "Proposals awaiting approval", waiting, proposal -> "`" + proposal.id() + "` "
                + SlackText.escape(proposal.actionId()) + " · " + SlackText.escape(proposal.reason(), 150)
                + " · expires " + SlackText.date(proposal.expiresAt()));
        if (fired.isEmpty() && open.isEmpty() && waiting.isEmpty()) {
            text.append("\n:white_check_mark: A quiet shift: nothing fired, nothing is open, nothing awaits approval.");
        }
        return SlackMessage.text(SlackText.cut(text.toString(), MAX_CHARS));
    }

    private static <T> void section(StringBuilder text, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        text.append("\n\n*").append(title).append("* (").append(items.size()).append(')');
        items.stream().limit(LISTED).forEach(item -> text.append("\n• ").append(line.apply(item)));
        if (items.size() > LISTED) {
            text.append("\n• …and ").append(items.size() - LISTED).append(" more");
        }
    }

    private static String alertLine(StoredAlert stored) {
        return "`#" + stored.id() + "` *" + SlackText.escape(stored.alert().ruleName()) + "*";
    }

    private static String firedDetail(StoredAlert stored, Instant to) {
        String since = " at " + SlackText.date(started(stored));
        Instant resolved = stored.alert().resolvedAt();
        return resolved != null && resolved.isBefore(to)
                ? since + ", resolved after " + Durations.format(
                        Duration.ofSeconds(stored.alert().firingFor(resolved).toSeconds()))
                : since + ", still open";
    }

    private static String openDetail(StoredAlert stored, Map<String, Snooze> snoozes, Instant to) {
        Optional<Snooze> snooze = Optional.ofNullable(snoozes.get(Snoozes.keyOf(stored.alert())));
        String state = " " + stored.alert().state().label() + " since " + SlackText.date(started(stored) != null
                ? started(stored) : stored.alert().activeAt());
        return snooze.map(held -> state + ", :zzz: snoozed by <@" + held.snoozedBy() + "> until "
                + SlackText.date(held.until())).orElse(state);
    }

    private static Instant started(StoredAlert stored) {
        return stored.alert().firedAt();
    }
}
