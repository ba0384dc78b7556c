package dev.watchdog.agent.incident;

import dev.watchdog.slack.PostedMessage;

/** A link people can click to open a message (and its thread) in Slack. */
@FunctionalInterface
public interface Permalinks {

    /** Slack's web link form, which opens the message in the workspace the reader is signed in to. */
    Permalinks BUILT = message -> "https://slack.com/archives/" + message.channel() + "/p"
            + message.ts().replace(".", "");

    String of(PostedMessage message);
}
