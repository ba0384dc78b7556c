package dev.watchdog.agent;

/**
 * The id of a conversation: a Slack thread, as {@code channel + ":" + thread ts}. Channel ids
 * never contain a colon, so the key splits back unambiguously.
 */
public final class ThreadKey {

    private ThreadKey() {
    }

    public static String of(String channel, String threadTs) {
        if (channel == null || channel.isBlank() || channel.contains(":")) {
            throw new IllegalArgumentException("not a Slack channel id: " + channel);
        }
        if (threadTs == null || threadTs.isBlank()) {
            throw new IllegalArgumentException("a thread needs the ts of its first message");
        }
        return channel + ":" + threadTs;
    }

    public static String channel(String threadKey) {
        int colon = threadKey.indexOf(':');
        return colon < 0 ? threadKey : threadKey.substring(0, colon);
    }

    /** The thread's ts, or empty when the key is not {@code channel:ts}. */
    public static String threadTs(String threadKey) {
        int colon = threadKey.indexOf(':');
        return colon < 0 ? "" : threadKey.substring(colon + 1);
    }
}
