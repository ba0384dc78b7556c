package dev.watchdog.slack;

import dev.watchdog.security.Redactor;
import dev.watchdog.security.UntrustedText;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Slack mrkdwn helpers, above all the one rule for text that does not come from the team's own
 * configuration: alert names, labels and annotations, log lines, error bodies, model output,
 * people's questions quoted back. Only configured routes and approvers may mention anyone.
 */
public final class SlackText {

    /** Slack with {@code link_names} turns these words into pings; a word joiner after the @ keeps them words. */
    private static final Pattern BROADCAST_WORD =
            Pattern.compile("(?i)(?<![\\p{Alnum}_.-])@(channel|here|everyone|group)(?![\\p{Alnum}_-])");
    private static final String WORD_JOINER = "\u2060";

    private SlackText() {
    }

    /**
     * Untrusted text made safe to show in mrkdwn: secrets redacted ({@link Redactor#standard()}),
     * invisible and direction-changing characters removed, {@code &}, {@code <} and {@code >}
     * escaped as Slack asks, so no {@code <!channel>}, {@code <!here>}, {@code <@U…>},
     * {@code <#C…>}, {@code <!subteam^…>} or {@code <http…|label>} survives, and the bare words
     * {@code @channel}, {@code @here}, {@code @everyone} defused. Formatting that needs none of
     * these (*bold*, _italics_, `code`, bullets) is kept, so model answers still read well.
     */
    public static String escape(String text) {
        return neutralise(Redactor.standard().redact(text));
    }

    /**
     * As {@link #escape(String)}, cut to at most {@code max} characters of the original after
     * redaction and before escaping, so neither a secret nor an escape sequence is cut in half.
     */
    public static String escape(String text, int max) {
        return text == null ? "" : neutralise(cut(Redactor.standard().redact(text), max));
    }

    private static String neutralise(String redacted) {
        if (redacted == null) {
            return "";
        }
        String escaped = UntrustedText.sanitise(redacted).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return escaped.indexOf('@') < 0 ? escaped : BROADCAST_WORD.matcher(escaped).replaceAll("@" + WORD_JOINER + "$1");
    }

    /** A time Slack shows in each reader's own time zone, with a UTC fallback. */
    public static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
    }

    /** Cuts text to at most {@code max} characters, marking the cut. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
