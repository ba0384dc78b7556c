package dev.watchdog.slack;

import java.util.List;

/** A parsed slash command: who asked, where, and the words after the sub-command. */
public record CommandInput(String userId, String channelId, String subCommand, List<String> arguments) {

    public CommandInput {
        arguments = List.copyOf(arguments);
    }
}
