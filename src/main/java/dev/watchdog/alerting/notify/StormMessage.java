package dev.watchdog.alerting.notify;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one message that stands for an alert storm: how many, the worst first, a count by name. */
final class StormMessage {

    private static final int WORST_SHOWN = 10;

    private StormMessage() {
    }

    static SlackMessage render(List<StoredAlert> alerts, Instant startedAt) {
        long firing = alerts.stream().filter(a -> a.alert().state() != AlertState.RESOLVED).count();
        String headline = ":rotating_light: *Alert storm*: " + alerts.size() + " alerts since "
                + SlackText.date(startedAt) + " (" + firing + " still firing)";
        List<StoredAlert> worst = alerts.stream()
                .sorted(Comparator.comparing((StoredAlert a) -> a.alert().state() == AlertState.RESOLVED)
                        .thenComparing(a -> Severity.of(a.alert()), Comparator.reverseOrder())
                        .thenComparing(a -> a.alert().activeAt()))
                .limit(WORST_SHOWN)
                .toList();
        StringBuilder worstLines = new StringBuilder("*Worst first*");
        for (StoredAlert alert : worst) {
            worstLines.append("\n").append(AlertMessage.emoji(alert.alert())).append(" *")
                    .append(SlackText.escape(alert.alert().ruleName())).append("* `#").append(alert.shortId())
                    .append("` ").append(SlackText.escape(AlertMessage.summary(alert.alert()), 120));
        }
        Map<String, Long> byName = alerts.stream().collect(Collectors.groupingBy(a -> a.alert().ruleName(),
                LinkedHashMap::new, Collectors.counting()));
        String counts = byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> SlackText.escape(entry.getKey()) + " ×" + entry.getValue())
                .collect(Collectors.joining(", "));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("storm-headline").text(markdownText(headline))));
        blocks.add(section(s -> s.blockId("storm-worst").text(markdownText(SlackText.cut(worstLines.toString(), 2900)))));
        blocks.add(section(s -> s.blockId("storm-counts").text(markdownText("*By alert*: " + SlackText.cut(counts, 2800)))));
        blocks.add(context(c -> c.blockId("storm-note").elements(List.of(markdownText(
                "Every alert is in this thread with its buttons; `/watchdog alerts` lists them all.")))));
        return SlackMessage.of("Alert storm: " + alerts.size() + " alerts, " + firing + " firing", blocks);
    }
}
