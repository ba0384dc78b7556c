package dev.watchdog.agent.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import dev.watchdog.agent.incident.Permalinks;
import dev.watchdog.slack.PostedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permalinks from Slack ({@code chat.getPermalink}, which knows the workspace's own address);
 * when Slack cannot say, the link is built from the channel and timestamp.
 */
final class SlackPermalinks implements Permalinks {

    private static final Logger log = LoggerFactory.getLogger(SlackPermalinks.class);

    private final MethodsClient client;
    private final Cache<PostedMessage, String> known = Caffeine.newBuilder().maximumSize(1000).build();

    SlackPermalinks(MethodsClient client) {
        this.client = client;
    }

    @Override
    public String of(PostedMessage message) {
        return known.get(message, this::ask);
    }

    private String ask(PostedMessage message) {
        try {
            var response = client.chatGetPermalink(request -> request.channel(message.channel())
                    .messageTs(message.ts()));
            if (response.isOk() && response.getPermalink() != null && response.getPermalink().startsWith("https://")) {
                return response.getPermalink();
            }
            log.info("chat.getPermalink gave no link for {} in {} ({}); building one", message.ts(),
                    message.channel(), response.getError());
        } catch (Exception failure) {
            log.warn("chat.getPermalink failed for {} in {}; building a link", message.ts(), message.channel(),
                    failure);
        }
        return BUILT.of(message);
    }
}
