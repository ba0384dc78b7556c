package dev.watchdog.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
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
    public PostedMessage post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        PostedMessage posted = new PostedMessage(channel, "dry-run." + sequence.incrementAndGet());
        JsonObject call = call("chat.postMessage", channel, text, blocks);
        if (threadTs != null) {
            call.addProperty("thread_ts", threadTs);
        }
        call.addProperty("ts", posted.ts());
        print(call);
        return posted;
    }

    @Override
    public PostedMessage postTagged(String channel, String text, List<LayoutBlock> blocks, MessageTag tag) {
        PostedMessage posted = new PostedMessage(channel, "dry-run." + sequence.incrementAndGet());
        JsonObject call = call("chat.postMessage", channel, text, blocks);
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
    public void update(PostedMessage message, String text, List<LayoutBlock> blocks) {
        JsonObject call = call("chat.update", message.channel(), text, blocks);
        call.addProperty("ts", message.ts());
        print(call);
    }

    private static JsonObject call(String method, String channel, String text, List<LayoutBlock> blocks) {
        JsonObject call = new JsonObject();
        call.addProperty("dry_run", method);
        call.addProperty("channel", channel);
        call.addProperty("text", text);
        call.add("blocks", GSON.toJsonTree(blocks));
        return call;
    }

    private synchronized void print(JsonObject call) {
        out.println(GSON.toJson(call));
        out.flush();
    }
}
