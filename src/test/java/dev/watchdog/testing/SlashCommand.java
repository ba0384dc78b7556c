package dev.watchdog.testing;

import java.util.Objects;

/** A slash command as a user types it; {@link FakeSocketModeServer#sendSlashCommand} turns it into Slack's envelope. */
public record SlashCommand(String command, String text, String userId, String userName, String channelId) {

    public SlashCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(text, "text");
    }

    /** {@code /watchdog <text>} typed by the default on-call user in the default alert channel. */
    public static SlashCommand watchdog(String text) {
        return of("/watchdog", text);
    }

    public static SlashCommand of(String command, String text) {
        return new SlashCommand(command, text, FakeWorkspace.USER_ID, FakeWorkspace.USER_NAME,
                FakeWorkspace.CHANNEL_ID);
    }

    public SlashCommand by(String userId, String userName) {
        return new SlashCommand(command, text, userId, userName, channelId);
    }

    public SlashCommand in(String channelId) {
        return new SlashCommand(command, text, userId, userName, channelId);
    }
}
