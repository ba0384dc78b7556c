package dev.watchdog.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.function.BiConsumer;

/** Posts through Slack's Web API with the bot token. */
public final class BoltSlackPoster implements SlackPoster {

    private final MethodsClient client;
    private final BiConsumer<String, String> outcomes;

    /** @param outcomes told (method, "ok" or Slack's error code) after every call, for metrics */
    public BoltSlackPoster(MethodsClient client, BiConsumer<String, String> outcomes) {
        this.client = client;
        this.outcomes = outcomes;
    }

    @Override
    public PostedMessage post(String channel, String threadTs, SlackMessage message) {
        var response = call("chat.postMessage", () -> client.chatPostMessage(request -> request
                .channel(channel).threadTs(threadTs).text(message.text()).blocks(orNull(message.blocks()))
                .attachments(orNull(message.attachments())).unfurlLinks(false)));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    @Override
    public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
        return postTaggedReply(channel, null, message, tag);
    }

    @Override
    public PostedMessage postTaggedReply(String channel, String threadTs, SlackMessage message, MessageTag tag) {
        Message.Metadata metadata = Message.Metadata.builder()
                .eventType(tag.type())
                .eventPayload(Map.of("id", tag.id()))
                .build();
        var response = call("chat.postMessage", () -> client.chatPostMessage(request -> request
                .channel(channel).threadTs(threadTs).text(message.text()).blocks(orNull(message.blocks()))
                .attachments(orNull(message.attachments())).metadata(metadata).unfurlLinks(false)));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    @Override
    public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
        String oldest = since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000);
        var response = call("conversations.history", () -> client.conversationsHistory(request -> request
                .channel(channelId).oldest(oldest).limit(200).includeAllMetadata(true)));
        return tagged(response.getMessages(), channelId, tag);
    }

    @Override
    public Optional<PostedMessage> findTaggedReply(String channelId, String threadTs, MessageTag tag) {
        var response = call("conversations.replies", () -> client.conversationsReplies(request -> request
                .channel(channelId).ts(threadTs).limit(200).includeAllMetadata(true)));
        return tagged(response.getMessages(), channelId, tag);
    }

    private static Optional<PostedMessage> tagged(List<Message> messages, String channelId, MessageTag tag) {
        return messages == null ? Optional.empty() : messages.stream()
                .filter(message -> message.getMetadata() != null
                        && tag.type().equals(message.getMetadata().getEventType())
                        && message.getMetadata().getEventPayload() != null
                        && tag.id().equals(String.valueOf(message.getMetadata().getEventPayload().get("id"))))
                .map(message -> new PostedMessage(channelId, message.getTs()))
                .findFirst();
    }

    @Override
    public void update(PostedMessage posted, SlackMessage message) {
        // Empty lists, not null: an update must remove blocks and attachments the new version does not have.
        call("chat.update", () -> client.chatUpdate(request -> request
                .channel(posted.channel()).ts(posted.ts()).text(message.text()).blocks(message.blocks())
                .attachments(message.attachments())));
    }

    private static <T> List<T> orNull(List<T> items) {
        return items.isEmpty() ? null : items;
    }

    private interface SlackCall<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        T response;
        try {
            response = call.run();
        } catch (IOException | SlackApiException failure) {
            outcomes.accept(method, failure instanceof SlackApiException api
                    ? "http_" + api.getResponse().code() : "network_error");
            throw new SlackCallFailed(method, failure);
        }
        if (!response.isOk()) {
            outcomes.accept(method, response.getError());
            throw new SlackCallFailed(method, response.getError());
        }
        outcomes.accept(method, "ok");
        return response;
    }
}
