package dev.watchdog.alerting.notify;

import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A Slack that records every call. Posts land with increasing timestamps; a channel given by name
 * ({@code #alerts}) lands in the id {@code C0ALERTS}. A test may put a tagged message in a
 * channel's history for {@link #findTagged} to find.
 */
final class RecordingSlackPoster implements SlackPoster {

    /** One call; {@code ts} is the posted message's, or the edited one's. */
    record Call(String method, String channel, String threadTs, String ts, String text) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, PostedMessage> history = new ConcurrentHashMap<>();
    private final AtomicLong lastTs = new AtomicLong(1_000_000_000L);
    private volatile Consumer<SlackMessage> beforeEachPost = message -> { };

    static String idOf(String channel) {
        return channel.startsWith("#") ? "C0" + channel.substring(1).toUpperCase(Locale.ROOT) : channel;
    }

    void hasInHistory(String channelId, MessageTag tag, PostedMessage message) {
        history.put(channelId + "/" + tag.id(), message);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    @Override
    public PostedMessage post(String channel, String threadTs, SlackMessage message) {
        return record("post", channel, threadTs, message);
    }

    @Override
    public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
        return record("postTagged", channel, null, message);
    }

    @Override
    public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
        calls.add(new Call("findTagged", channelId, null, null, tag.id()));
        return Optional.ofNullable(history.get(channelId + "/" + tag.id()));
    }

    @Override
    public void update(PostedMessage posted, SlackMessage message) {
        calls.add(new Call("update", posted.channel(), null, posted.ts(), message.text()));
    }

    /** Runs inside every post before it lands, e.g. to hold one until the test lets it go. */
    void beforeEachPost(Consumer<SlackMessage> action) {
        this.beforeEachPost = action;
    }

    private PostedMessage record(String method, String channel, String threadTs, SlackMessage message) {
        beforeEachPost.accept(message);
        PostedMessage posted = new PostedMessage(idOf(channel), lastTs.incrementAndGet() + ".000100");
        calls.add(new Call(method, posted.channel(), threadTs, posted.ts(), message.text()));
        return posted;
    }
}
