package dev.watchdog.slack;

import java.time.Instant;

/** Slack mrkdwn helpers: untrusted text is escaped so it cannot mention people or fake links. */
public final class SlackText {

    private SlackText() {
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
