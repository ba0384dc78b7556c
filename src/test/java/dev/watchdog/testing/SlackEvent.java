package dev.watchdog.testing;

import java.util.Objects;

/**
 * An Events API event ({@code message} or {@code app_mention}); {@link FakeSocketModeServer#sendEvent} wraps it
 * in Slack's {@code event_callback} payload and {@code events_api} envelope.
 *
 * @param ts       this message's own ts, fresh for every factory call so a test can refer to it
 * @param threadTs the parent message's ts when the message is a thread reply, else {@code null}
 * @param botId    set for messages posted by an app (Watchdog's own echoes included), else {@code null}
 * @param subtype  e.g. {@code message_changed}; {@code null} for a plain user message
 */
public record SlackEvent(String type, String channelId, String userId, String text, String ts, String threadTs,
                         String botId, String subtype) {

    public SlackEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ts, "ts");
    }

    /** A top-level message in a channel. */
    public static SlackEvent message(String channelId, String userId, String text) {
        return new SlackEvent("message", channelId, userId, text, SlackTimestamps.next(), null, null, null);
    }

    /** A reply in the thread under the message {@code threadTs} (e.g. under an alert Watchdog posted). */
    public static SlackEvent threadReply(String channelId, String threadTs, String userId, String text) {
        return message(channelId, userId, text).inThread(threadTs);
    }

    /** A message that mentions the bot, e.g. {@code "<@U0WATCHBOT> why is checkout slow?"}. */
    public static SlackEvent appMention(String channelId, String userId, String text) {
        return new SlackEvent("app_mention", channelId, userId, text, SlackTimestamps.next(), null, null, null);
    }

    public SlackEvent inThread(String threadTs) {
        return new SlackEvent(type, channelId, userId, text, ts, threadTs, botId, subtype);
    }

    public SlackEvent withBotId(String botId) {
        return new SlackEvent(type, channelId, userId, text, ts, threadTs, botId, subtype);
    }

    public SlackEvent withSubtype(String subtype) {
        return new SlackEvent(type, channelId, userId, text, ts, threadTs, botId, subtype);
    }
}
