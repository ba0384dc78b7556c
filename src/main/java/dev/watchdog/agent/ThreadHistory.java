package dev.watchdog.agent;

import java.util.List;

/**
 * The messages already in a Slack thread, oldest first. The Slack side implements it with
 * {@code conversations.replies}; the agent asks only when it has no memory of a thread (a
 * question in a thread it never saw, or a store that lost it), to rebuild the context.
 * Implementations return an empty list when the thread cannot be read.
 */
@FunctionalInterface
public interface ThreadHistory {

    ThreadHistory NONE = (channel, threadTs) -> List.of();

    List<ThreadMessage> replies(String channel, String threadTs);
}
