package dev.watchdog.testing;

import java.util.Objects;

/**
 * One click on an interactive element of a message Watchdog posted: a button or a static_select choice.
 * {@link FakeSocketModeServer#sendBlockActions} turns it into Slack's {@code block_actions} envelope.
 *
 * @param element   {@code "button"} or {@code "static_select"}
 * @param value     the button's value, or the selected option's value
 * @param userId    the clicking user; {@code null} leaves {@code user.id} out, which Slack never does
 *                  (Bolt 1.48 still acks that; only a payload with no {@code user} object at all is never
 *                  acked, because Bolt's request parsing fails with a NullPointerException)
 * @param messageTs the ts of the message holding the element
 */
public record BlockAction(String element, String actionId, String blockId, String value, String label,
                          String userId, String userName, String channelId, String messageTs) {

    public BlockAction {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(value, "value");
    }

    public static BlockAction button(String actionId, String value) {
        return new BlockAction("button", actionId, "actions", value, actionId, FakeWorkspace.USER_ID,
                FakeWorkspace.USER_NAME, FakeWorkspace.CHANNEL_ID, SlackTimestamps.next());
    }

    public static BlockAction staticSelect(String actionId, String selectedValue) {
        return new BlockAction("static_select", actionId, "actions", selectedValue, selectedValue,
                FakeWorkspace.USER_ID, FakeWorkspace.USER_NAME, FakeWorkspace.CHANNEL_ID, SlackTimestamps.next());
    }

    public BlockAction by(String userId, String userName) {
        return new BlockAction(element, actionId, blockId, value, label, userId, userName, channelId, messageTs);
    }

    /** The click happened on the message {@code messageTs} in {@code channelId} (e.g. the alert Watchdog posted). */
    public BlockAction onMessage(String channelId, String messageTs) {
        return new BlockAction(element, actionId, blockId, value, label, userId, userName, channelId, messageTs);
    }

    public BlockAction inBlock(String blockId) {
        return new BlockAction(element, actionId, blockId, value, label, userId, userName, channelId, messageTs);
    }

    public BlockAction labelled(String label) {
        return new BlockAction(element, actionId, blockId, value, label, userId, userName, channelId, messageTs);
    }
}
