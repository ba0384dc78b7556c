package dev.watchdog.alerting.notify;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStorm;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one message that stands for an alert storm, redrawn in place: how many and since when, counts by severity and
 * by alert name, the worst few by name and id, and buttons for the full list and for acknowledging every alert.
 */
public final class StormMessage {

    public static final String FULL_LIST = "storm_full_list";
    public static final String ACK_ALL = "storm_ack_all";
    static final int WORST_SHOWN = 5;
    static final int NAMES_SHOWN = 10;
    /** Worst first: firing before resolved, then the higher severity, then the older. */
    public static final Comparator<StoredAlert> WORST_FIRST = Comparator
            .comparing((StoredAlert a) -> a.alert().state() == AlertState.RESOLVED)
            .thenComparing(a -> Severity.of(a.alert()), Comparator.reverseOrder())
            .thenComparing(a -> a.alert().activeAt())
            .thenComparing(StoredAlert::id);

    private StormMessage() {
    }

    static SlackMessage render(AlertStorm storm, List<StoredAlert> members) {
        long firing = members.stream().filter(StormMessage::firing).count();
        long unacknowledged = members.stream().filter(a -> firing(a) && !a.acknowledged()).count();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("storm-headline").text(markdownText(headline(storm, members.size(),
                firing)))));
        blocks.add(section(s -> s.blockId("storm-severities").text(markdownText("*By severity*: "
                + bySeverity(members)))));
        blocks.add(section(s -> s.blockId("storm-counts").text(markdownText("*By alert*: "
                + SlackText.cut(byName(members), 2800)))));
        blocks.add(section(s -> s.blockId("storm-worst").text(markdownText(SlackText.cut(worst(members), 2900)))));
        blocks.add(context(c -> c.blockId("storm-note").elements(List.of(markdownText(
                (members.size() - firing) + " resolved, " + (firing - unacknowledged) + " of " + firing
                        + " firing acknowledged. Every alert: *Full list* (a file in this thread) or"
                        + " `/watchdog alerts`; `/watchdog ack` and an alert's `#id` for one of them.")))));
        blocks.add(actions(a -> a.blockId("storm-actions").elements(buttons(storm, unacknowledged))));
        return SlackMessage.of("Alert storm: " + members.size() + " alerts, " + firing + " firing"
                + (storm.ended() ? " (ended)" : ""), blocks);
    }

    private static boolean firing(StoredAlert alert) {
        return alert.alert().state() != AlertState.RESOLVED;
    }

    private static String headline(AlertStorm storm, int alerts, long firing) {
        String counts = alerts + " alerts since " + SlackText.date(storm.startedAt()) + ", " + firing + " firing, "
                + (alerts - firing) + " resolved";
        return storm.ended()
                ? ":white_check_mark: *Alert storm ended* " + SlackText.date(storm.endedAt()) + ": " + counts
                        + ". Alerts from now on are posted one by one."
                : ":rotating_light: *Alert storm*: " + counts + ". New alerts in this channel join this message.";
    }

    private static String bySeverity(List<StoredAlert> members) {
        Map<Severity, List<StoredAlert>> bySeverity = new EnumMap<>(Severity.class);
        members.forEach(a -> bySeverity.computeIfAbsent(Severity.of(a.alert()), s -> new ArrayList<>()).add(a));
        List<String> parts = new ArrayList<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.ERROR, Severity.WARNING, Severity.INFO,
                Severity.NONE)) {
            List<StoredAlert> of = bySeverity.getOrDefault(severity, List.of());
            if (!of.isEmpty()) {
                parts.add(label(severity) + " " + of.size() + " (" + of.stream().filter(StormMessage::firing).count()
                        + " firing)");
            }
        }
        return String.join(" · ", parts);
    }

    private static String label(Severity severity) {
        return severity == Severity.NONE ? "no severity" : severity.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The most frequent names first (ties by name), then how many other names there are. */
    private static String byName(List<StoredAlert> members) {
        Map<String, Long> counts = members.stream().collect(Collectors.groupingBy(a -> a.alert().ruleName(),
                TreeMap::new, Collectors.counting()));
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        String shown = sorted.stream().limit(NAMES_SHOWN)
                .map(entry -> SlackText.escape(entry.getKey(), 80) + " ×" + entry.getValue())
                .collect(Collectors.joining(", "));
        return sorted.size() > NAMES_SHOWN ? shown + " and " + (sorted.size() - NAMES_SHOWN) + " more names" : shown;
    }

    private static String worst(List<StoredAlert> members) {
        StringBuilder lines = new StringBuilder("*Worst first*");
        members.stream().sorted(WORST_FIRST).limit(WORST_SHOWN).forEach(alert -> lines.append("\n")
                .append(AlertMessage.emoji(alert.alert())).append(" *").append(SlackText.escape(alert.alert()
                        .ruleName(), 120)).append("* `#").append(alert.shortId()).append("` ")
                .append(alert.acknowledged() ? ":eyes: " : "")
                .append(SlackText.escape(AlertMessage.summary(alert.alert()), 120)));
        return lines.toString();
    }

    private static List<BlockElement> buttons(AlertStorm storm, long unacknowledged) {
        String id = Long.toString(storm.id());
        List<BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(FULL_LIST).text(plainText("Full list")).value(id)));
        if (unacknowledged > 0) {
            buttons.add(button(b -> b.actionId(ACK_ALL).text(plainText("Acknowledge all " + unacknowledged))
                    .value(id).style("primary")));
        }
        return buttons;
    }
}
