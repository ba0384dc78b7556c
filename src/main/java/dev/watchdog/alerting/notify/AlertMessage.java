package dev.watchdog.alerting.notify;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.Attachment;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders an alert as a Slack message written to be read on a phone at 2 a.m.: what, how bad,
 * how long, the state, and one-tap actions. Button values carry the alert's id only; handlers
 * look everything up again.
 */
public final class AlertMessage {

    public static final String ACK = "alert_ack";
    public static final String UNACK = "alert_unack";
    public static final String SNOOZE = "alert_snooze";
    public static final String UNSNOOZE = "alert_unsnooze";
    public static final String INVESTIGATE = "alert_investigate";
    public static final String RUNBOOK = "alert_runbook";
    public static final String GRAPH = "alert_graph";
    /** Every action id the message can carry: each must have a handler, or Slack shows an error. */
    public static final List<String> ACTION_IDS = List.of(ACK, UNACK, SNOOZE, UNSNOOZE, INVESTIGATE, RUNBOOK, GRAPH);

    private static final Set<String> NOT_SHOWN_AS_LABELS = Set.of("alertname", "severity");
    private static final int MAX_LABEL_FIELDS = 6;
    private static final int MAX_SUMMARY_CHARS = 300;

    private AlertMessage() {
    }

    public static SlackMessage render(AlertView view, Instant now) {
        AlertInstance alert = view.stored().alert();
        List<LayoutBlock> top = List.of(section(s -> s.blockId("alert-title").text(markdownText(title(view)))));
        List<LayoutBlock> details = new ArrayList<>();
        String summary = summary(alert);
        if (!summary.isEmpty()) {
            details.add(section(s -> s.blockId("alert-summary").text(markdownText(SlackText.escape(summary,
                    MAX_SUMMARY_CHARS)))));
        }
        details.add(section(s -> s.blockId("alert-fields").fields(fields(view, now))));
        if (view.likelyCause() != null && !view.likelyCause().isBlank()) {
            details.add(section(s -> s.blockId("alert-cause").text(markdownText("*Likely cause:* "
                    + SlackText.escape(view.likelyCause(), MAX_SUMMARY_CHARS)))));
        }
        details.addAll(view.addOns().blocks());
        List<BlockElement> buttons = buttons(view);
        buttons.addAll(view.addOns().buttons());
        if (!buttons.isEmpty()) {
            details.add(actions(a -> a.blockId("alert-actions").elements(buttons)));
        }
        details.add(context(c -> c.blockId("alert-state").elements(List.of(markdownText(stateLine(view, now))))));
        Attachment colourBar = Attachment.builder().color(colour(view)).blocks(details).fallback(text(alert)).build();
        return new SlackMessage(text(alert), top, List.of(colourBar));
    }

    /** The notification text: what a lock screen shows. Slack reads it as mrkdwn too, mentions included. */
    public static String text(AlertInstance alert) {
        String summary = summary(alert);
        return "[" + alert.state().label().toUpperCase(Locale.ROOT) + "] " + SlackText.escape(alert.ruleName())
                + (summary.isEmpty() ? "" : ": " + SlackText.escape(summary, MAX_SUMMARY_CHARS));
    }

    private static String title(AlertView view) {
        AlertInstance alert = view.stored().alert();
        String title = emoji(alert) + " *" + SlackText.escape(alert.ruleName()) + "*  ·  "
                + SlackText.escape(alert.severity().toUpperCase(Locale.ROOT)) + "  ·  `#" + view.stored().shortId() + "`";
        boolean paging = !view.mention().isEmpty() && alert.state() == AlertState.FIRING;
        return paging ? view.mention() + " " + title : title;
    }

    private static List<TextObject> fields(AlertView view, Instant now) {
        AlertInstance alert = view.stored().alert();
        List<TextObject> fields = new ArrayList<>();
        if (!Double.isNaN(alert.value())) { // alerts from Alertmanager carry no value
            String against = view.threshold() == null ? "" : "  (threshold " + view.threshold() + ")";
            fields.add(markdownText("*Value*\n" + formatValue(alert.value()) + SlackText.escape(against)));
        }
        fields.add(markdownText("*Firing for*\n" + Durations.format(seconds(alert.firingFor(now)))));
        alert.labels().entrySet().stream()
                .filter(label -> !NOT_SHOWN_AS_LABELS.contains(label.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .limit(MAX_LABEL_FIELDS)
                .forEach(label -> fields.add(markdownText("*" + SlackText.escape(label.getKey()) + "*\n"
                        + SlackText.escape(label.getValue(), 200))));
        return fields;
    }

    private static List<BlockElement> buttons(AlertView view) {
        StoredAlert stored = view.stored();
        String id = stored.shortId();
        List<BlockElement> buttons = new ArrayList<>();
        if (stored.alert().state() != AlertState.RESOLVED) {
            buttons.add(stored.acknowledged()
                    ? button(b -> b.actionId(UNACK).text(plainText("Unacknowledge")).value(id))
                    : button(b -> b.actionId(ACK).text(plainText("Acknowledge")).value(id).style("primary")));
            if (view.snooze() != null) {
                buttons.add(button(b -> b.actionId(UNSNOOZE).text(plainText("Unsnooze")).value(id)));
            } else {
                List<OptionObject> options = view.snoozeOptions().stream()
                        .map(duration -> option(plainText("Snooze " + Durations.format(duration)),
                                id + ":" + Durations.format(duration)))
                        .toList();
                buttons.add(staticSelect(s -> s.actionId(SNOOZE).placeholder(plainText("Snooze…")).options(options)));
            }
            buttons.add(button(b -> b.actionId(INVESTIGATE).text(plainText("Investigate")).value(id)));
        }
        String runbook = stored.alert().annotation("runbook_url");
        if (isLink(runbook)) {
            buttons.add(button(b -> b.actionId(RUNBOOK).text(plainText("Runbook")).url(runbook).value(id)));
        }
        if (isLink(view.graphUrl())) {
            buttons.add(button(b -> b.actionId(GRAPH).text(plainText("Graph")).url(view.graphUrl()).value(id)));
        }
        return buttons;
    }

    static String stateLine(AlertView view, Instant now) {
        StoredAlert stored = view.stored();
        AlertInstance alert = stored.alert();
        if (alert.state() == AlertState.RESOLVED) {
            return ":white_check_mark: Resolved after " + Durations.format(seconds(alert.firingFor(alert.resolvedAt())))
                    + " · " + SlackText.date(alert.resolvedAt());
        }
        List<String> parts = new ArrayList<>();
        Instant since = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        parts.add(":rotating_light: Firing since " + SlackText.date(since));
        if (stored.acknowledged()) {
            parts.add(":eyes: Acknowledged by <@" + stored.ackedBy() + "> " + SlackText.date(stored.ackedAt()));
        }
        if (view.snooze() != null && view.snooze().activeAt(now)) {
            parts.add(":zzz: Snoozed by <@" + view.snooze().snoozedBy() + "> until " + SlackText.date(view.snooze().until()));
        }
        return String.join(" · ", parts);
    }

    /** The summary annotation, else the description, uncut and unescaped: callers cut and escape it. */
    static String summary(AlertInstance alert) {
        String summary = alert.annotation("summary");
        if (summary.isEmpty()) {
            summary = alert.annotation("description");
        }
        return summary.strip();
    }

    static String emoji(AlertInstance alert) {
        if (alert.state() == AlertState.RESOLVED) {
            return ":white_check_mark:";
        }
        return switch (dev.watchdog.alerting.Severity.of(alert)) {
            case CRITICAL -> ":red_circle:";
            case ERROR, WARNING -> ":large_orange_circle:";
            case INFO -> ":large_blue_circle:";
            case NONE -> ":white_circle:";
        };
    }

    static String colour(AlertView view) {
        AlertInstance alert = view.stored().alert();
        if (alert.state() == AlertState.RESOLVED) {
            return "#2EB67D";
        }
        if (view.stored().acknowledged() || view.snooze() != null) {
            return "#9E9E9E"; // someone is on it, or it was put aside: no longer shouting
        }
        return switch (dev.watchdog.alerting.Severity.of(alert)) {
            case CRITICAL -> "#E01E5A";
            case ERROR, WARNING -> "#ECB22E";
            case INFO -> "#36C5F0";
            case NONE -> "#9E9E9E";
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
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Slack rejects a whole message over one bad button URL, so only plain http(s) links get a button. */
    static boolean isLink(String url) {
        if (url == null || url.isBlank() || url.length() > 3000) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    private static Duration seconds(Duration duration) {
        return Duration.ofSeconds(duration.toSeconds());
    }
}
