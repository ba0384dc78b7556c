package dev.watchdog.alerting.notify;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.SlackText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders an alert as a Block Kit message, written to be read on a phone at 2 a.m. */
public final class AlertMessage {

    private static final Set<String> NOT_SHOWN_AS_LABELS = Set.of("alertname", "severity");
    private static final int MAX_LABEL_FIELDS = 8;

    private AlertMessage() {
    }

    /** The notification text: what a lock screen shows. */
    public static String text(AlertInstance alert) {
        String summary = summary(alert);
        return "[" + alert.state().label().toUpperCase(Locale.ROOT) + "] " + alert.ruleName()
                + (summary.isEmpty() ? "" : ": " + summary);
    }

    public static List<LayoutBlock> blocks(AlertInstance alert, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("alert-title").text(markdownText(
                emoji(alert) + " *" + SlackText.escape(alert.ruleName()) + "*  ·  "
                        + SlackText.escape(alert.severity().toUpperCase(Locale.ROOT))))));
        String summary = summary(alert);
        if (!summary.isEmpty()) {
            blocks.add(section(s -> s.blockId("alert-summary").text(markdownText(SlackText.escape(summary)))));
        }
        List<TextObject> fields = new ArrayList<>();
        if (!Double.isNaN(alert.value())) { // alerts from Alertmanager carry no value
            fields.add(markdownText("*Value*\n" + formatValue(alert.value())));
        }
        fields.add(markdownText("*Firing for*\n" + Durations.format(roundToSeconds(alert.firingFor(now)))));
        alert.labels().entrySet().stream()
                .filter(label -> !NOT_SHOWN_AS_LABELS.contains(label.getKey()))
                .sorted(java.util.Map.Entry.comparingByKey())
                .limit(MAX_LABEL_FIELDS)
                .forEach(label -> fields.add(markdownText("*" + SlackText.escape(label.getKey()) + "*\n"
                        + SlackText.escape(SlackText.cut(label.getValue(), 200)))));
        blocks.add(section(s -> s.blockId("alert-fields").fields(fields)));
        blocks.add(context(c -> c.blockId("alert-state").elements(List.of(markdownText(stateLine(alert))))));
        return blocks;
    }

    static String stateLine(AlertInstance alert) {
        if (alert.state() == AlertState.RESOLVED) {
            return ":white_check_mark: Resolved after "
                    + Durations.format(roundToSeconds(alert.firingFor(alert.resolvedAt())))
                    + " · " + SlackText.date(alert.resolvedAt());
        }
        Instant since = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        return ":rotating_light: Firing since " + SlackText.date(since) + " · `" + alert.fingerprint() + "`";
    }

    static String summary(AlertInstance alert) {
        String summary = alert.annotation("summary");
        if (summary.isEmpty()) {
            summary = alert.annotation("description");
        }
        return SlackText.cut(summary.strip(), 300);
    }

    static String emoji(AlertInstance alert) {
        if (alert.state() == AlertState.RESOLVED) {
            return ":white_check_mark:";
        }
        return switch (alert.severity().toLowerCase(Locale.ROOT)) {
            case "critical", "page" -> ":red_circle:";
            case "warning", "warn" -> ":large_orange_circle:";
            case "info" -> ":large_blue_circle:";
            default -> ":white_circle:";
        };
    }

    /** Four significant digits is what a human compares against a threshold. */
    static String formatValue(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static Duration roundToSeconds(Duration duration) {
        return Duration.ofSeconds(duration.toSeconds());
    }
}
