package dev.watchdog.slack;

import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link SlackPoster} standing in for Slack in pacing and ordering tests: records each call with the clock's time,
 * fails calls with scripted failures first, and answers posts to a {@code #name} with the channel's id, as Slack does.
 */
final class ScriptedSlackPoster implements SlackPoster {

    record Call(String method, String channel, String text, Instant at) {
    }

    private final Clock clock;
    private final Map<String, String> channelIds;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<SlackCallFailed> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong ts = new AtomicLong();
    private volatile Consumer<Call> duringCall = call -> { };

    ScriptedSlackPoster(Clock clock, Map<String, String> channelIds) {
        this.clock = clock;
        this.channelIds = channelIds;
    }

    /** The next calls fail with these, in order; later calls work. */
    ScriptedSlackPoster failNext(SlackCallFailed... failures) {
        this.failures.addAll(List.of(failures));
        return this;
    }

    /** Runs inside every call after it is recorded, e.g. to hold one call until the test lets it go. */
    void duringCall(Consumer<Call> action) {
        this.duringCall = action;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public PostedMessage post(String channel, String threadTs, SlackMessage message) {
        call("chat.postMessage", channel, message.text());
        return new PostedMessage(channelIds.getOrDefault(channel, channel), "1700000000." + ts.incrementAndGet());
    }

    @Override
    public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
        return post(channel, null, message);
    }

    @Override
    public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
        call("conversations.history", channelId, null);
        return Optional.empty();
    }

    @Override
    public Optional<PostedMessage> findTaggedReply(String channelId, String threadTs, MessageTag tag) {
        call("conversations.replies", channelId, null);
        return Optional.empty();
    }

    @Override
    public void update(PostedMessage posted, SlackMessage message) {
        call("chat.update", posted.channel(), message.text());
    }

    private void call(String method, String channel, String text) {
        Call call = new Call(method, channel, text, clock.instant());
        calls.add(call);
        duringCall.accept(call);
        SlackCallFailed failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }
}
