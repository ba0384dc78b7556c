package dev.watchdog.slack;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Urls;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.util.List;

/**
 * @param apiUrl Slack's Web API base, always ending in "/" ({@code https://slack.com/api/})
 * @param channel the default channel for alerts (a name like {@code #alerts} or an id)
 * @param postInterval least time between two messages to one channel (Slack allows about one a second)
 * @param approvers Slack user ids and user group ids allowed to approve actions
 * @param approvalOrphanedAfter how long a pending proposal may lack its approval message (Watchdog stopped while
 *                              posting it) before it is withdrawn with a note in its thread
 */
public record SlackSettings(Secret botToken, Secret appToken, String apiUrl, String channel, List<String> approvers,
        Duration postInterval, Duration approvalOrphanedAfter) {

    static final Duration DEFAULT_APPROVAL_ORPHANED_AFTER = Duration.ofMinutes(2);

    public SlackSettings {
        approvers = List.copyOf(approvers);
    }

    public static SlackSettings defaults() {
        return new SlackSettings(Secret.NONE, Secret.NONE, "https://slack.com/api/", "#alerts", List.of(),
                Duration.ofSeconds(1), DEFAULT_APPROVAL_ORPHANED_AFTER);
    }

    public static SlackSettings bind(ConfigNode node) {
        // routes are alerting's and bound with it (Router.bind); they live here because users look for them here
        node.allowOnly("bot-token", "app-token", "api-url", "channel", "routes", "approvers", "post-interval",
                "approval-orphaned-after");
        String apiUrl = Urls.httpUrl(node, "api-url", "https://slack.com/api/");
        String channel = node.string("channel", "#alerts").trim();
        if (channel.isEmpty()) {
            node.field("channel").orElse(node).problem("must name a channel, e.g. #alerts or C0123456789");
        }
        return new SlackSettings(
                node.secret("bot-token"),
                node.secret("app-token"),
                apiUrl.endsWith("/") ? apiUrl : apiUrl + "/",
                channel,
                node.stringList("approvers"),
                node.duration("post-interval", Duration.ofSeconds(1)),
                node.duration("approval-orphaned-after", DEFAULT_APPROVAL_ORPHANED_AFTER,
                        after -> after.compareTo(Duration.ofSeconds(1)) >= 0 && after.compareTo(Duration.ofHours(1)) <= 0,
                        "must be from 1s to 1h"));
    }
}
