package dev.watchdog.slack;

import java.util.List;

/**
 * A parsed slash command: who asked, where, and the words after the sub-command.
 *
 * @param later tells the person something after the command was answered (Slack's response_url), e.g. that
 *              work the command started has failed; ephemeral, like the answer
 */
public record CommandInput(String userId, String channelId, String subCommand, List<String> arguments,
                           FollowUp later) {

    /** A message to the person who typed the command, after its answer. */
    @FunctionalInterface
    public interface FollowUp {
        void tell(String text);
    }

    /** For commands whose person cannot be told anything later. */
    public static final FollowUp NOBODY = text -> { };

    public CommandInput {
        arguments = List.copyOf(arguments);
    }

    /** A command whose person cannot be told anything later (tests, and answers that need no follow-up). */
    public CommandInput(String userId, String channelId, String subCommand, List<String> arguments) {
        this(userId, channelId, subCommand, arguments, NOBODY);
    }
}
