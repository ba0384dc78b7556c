package dev.watchdog.reports.handoff;

import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Slack that keeps what was posted to which channel: the digests. */
final class PostedDigests implements SlackPoster {

    record Post(String channel, String text) {
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();

    List<Post> posts() {
        return List.copyOf(posts);
    }

    @Override
    public PostedMessage post(String channel, String threadTs, SlackMessage message) {
        posts.add(new Post(channel, message.text()));
        return new PostedMessage(channel, "1790000000.00000" + posts.size());
    }

    @Override
    public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
        throw new UnsupportedOperationException("digests are not tagged");
    }

    @Override
    public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
        return Optional.empty();
    }

    @Override
    public void update(PostedMessage posted, SlackMessage message) {
        throw new UnsupportedOperationException("digests are never edited");
    }
}
