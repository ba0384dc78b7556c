package dev.watchdog.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --dry-run}: prints each Slack call it would make, so Watchdog can be tried before the
 * Slack app exists. One readable line per call by default
 * ({@code chat.postMessage #alerts: [FIRING] HighErrorRate … [dry-run.1]}); with {@code --json}
 * one JSON line per call, with the blocks exactly as they would be sent.
 */
public final class DryRunSlackPoster implements SlackPoster {

    private static final Gson GSON = GsonFactory.createSnakeCase();
    /** Enough of a message's text to recognise it on one terminal line. */
    static final int SHOWN_CHARACTERS = 120;

    private final PrintStream out;
    private final boolean json;
    private final AtomicLong sequence = new AtomicLong();

    /** @param json one JSON line per call, blocks included, instead of one readable line */
    public DryRunSlackPoster(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
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
        out.println(json ? GSON.toJson(call) : readable(call));
        out.flush();
    }

    /** {@code chat.postMessage #alerts thread dry-run.1: Looking into it… [dry-run.2]} */
    private static String readable(JsonObject call) {
        String method = call.get("dry_run").getAsString();
        boolean update = method.equals("chat.update");
        String where = call.get("channel").getAsString()
                + (call.has("thread_ts") ? " thread " + call.get("thread_ts").getAsString() : "")
                + (update ? " " + call.get("ts").getAsString() : "");
        String text = call.get("text").getAsString().strip();
        int lineEnd = text.indexOf('\n');
        String shown = lineEnd < 0 ? text : text.substring(0, lineEnd) + " …";
        return method + " " + where + ": " + SlackText.cut(shown, SHOWN_CHARACTERS)
                + (update ? "" : " [" + call.get("ts").getAsString() + "]");
    }
}
