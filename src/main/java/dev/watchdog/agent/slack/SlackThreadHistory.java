package dev.watchdog.agent.slack;

import com.slack.api.methods.MethodsClient;
import dev.watchdog.agent.ThreadHistory;
import dev.watchdog.agent.ThreadMessage;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a thread back from Slack ({@code conversations.replies}) when the agent has no memory of it. */
public final class SlackThreadHistory implements ThreadHistory {

    private static final Logger log = LoggerFactory.getLogger(SlackThreadHistory.class);
    private static final int LIMIT = 100;

    private final MethodsClient client;

    public SlackThreadHistory(MethodsClient client) {
        this.client = client;
    }

    @Override
    public List<ThreadMessage> replies(String channel, String threadTs) {
        try {
            var response = client.conversationsReplies(request -> request.channel(channel).ts(threadTs).limit(LIMIT));
            if (!response.isOk() || response.getMessages() == null) {
                log.warn("could not read thread {} in {}: {}", threadTs, channel, response.getError());
                return List.of();
            }
            return response.getMessages().stream()
                    .map(message -> new ThreadMessage(message.getUser() != null ? message.getUser() : "bot",
                            message.getBotId() != null, message.getText() == null ? "" : message.getText(),
                            instant(message.getTs())))
                    .toList();
        } catch (Exception failure) {
            log.warn("could not read thread {} in {}: {}", threadTs, channel, failure.toString(), failure);
            return List.of();
        }
    }

    private static Instant instant(String ts) {
        try {
            double seconds = Double.parseDouble(ts);
            return Instant.ofEpochMilli((long) (seconds * 1000));
        } catch (RuntimeException notATs) {
            return Instant.EPOCH;
        }
    }
}
