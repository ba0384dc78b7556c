package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.LabelMatcher;
import java.util.List;
import java.util.Map;

/**
 * Where alerts whose labels match go. {@code mention} (a user, a user group, {@code @here}) is
 * added to critical alerts only: paging is for what cannot wait.
 *
 * @param mention Slack mrkdwn for the mention, e.g. {@code <!here>}, {@code <@U123>}; empty for none
 */
public record Route(List<LabelMatcher> matchers, String channel, String mention) {

    public Route {
        matchers = List.copyOf(matchers);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** Turns what users write ({@code @here}, {@code U0123}, {@code S0123}) into Slack's mention syntax. */
    public static String mentionSyntax(String mention) {
        String m = mention.strip();
        if (m.isEmpty() || m.startsWith("<")) {
            return m;
        }
        return switch (m) {
            case "@here", "here" -> "<!here>";
            case "@channel", "channel" -> "<!channel>";
            default -> m.startsWith("S") ? "<!subteam^" + m + ">" : "<@" + m.replaceFirst("^@", "") + ">";
        };
    }
}
