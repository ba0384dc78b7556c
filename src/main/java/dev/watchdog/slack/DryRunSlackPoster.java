package dev.watchdog.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --dry-run}: prints each Slack call it would make as one JSON line, with the blocks
 * exactly as they would be sent, so Watchdog can be tried before the Slack app exists.
 */
public final class DryRunSlackPoster implements SlackPoster {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final PrintStream out;
    private final AtomicLong sequence = new AtomicLong();

    public DryRunSlackPoster(PrintStream out) {
        this.out = out;
    }

    @Override
    public PostedMessage post(String channel, String threadTs, SlackMessage message) {
        PostedMessage posted = new PostedMessage(channel, "dry-run." + sequence.incrementAndGet());
        JsonObject call = call("chat.postMessage", channel, message);
        if (threadTs != null) {
            call.addProperty("thread_ts", threadTs);
        }
        call.addProperty("ts", posted.ts());
        print(call);
        return posted;
    }

    @Override
    public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
        PostedMessage posted = new PostedMessage(channel, "dry-run." + sequence.incrementAndGet());
        JsonObject call = call("chat.postMessage", channel, message);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("event_type", tag.type());
        JsonObject payload = new JsonObject();
        payload.addProperty("id", tag.id());
        metadata.add("event_payload", payload);
        call.add("metadata", metadata);
        call.addProperty("ts", posted.ts());
        print(call);
        return posted;
    }

    /** Nothing was ever really posted, so there is nothing to find. */
    @Override
    public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
        return Optional.empty();
    }

    @Override
    public void update(PostedMessage posted, SlackMessage message) {
        JsonObject call = call("chat.update", posted.channel(), message);
        call.addProperty("ts", posted.ts());
        print(call);
    }

    private static JsonObject call(String method, String channel, SlackMessage message) {
        JsonObject call = new JsonObject();
        call.addProperty("dry_run", method);
        call.addProperty("channel", channel);
        call.addProperty("text", message.text());
        call.add("blocks", GSON.toJsonTree(message.blocks()));
        if (!message.attachments().isEmpty()) {
            call.add("attachments", GSON.toJsonTree(message.attachments()));
        }
        return call;
    }

    private synchronized void print(JsonObject call) {
        out.println(GSON.toJson(call));
        out.flush();
    }
}
