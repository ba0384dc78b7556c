package dev.watchdog.slack;

/** One {@code /watchdog <name> ...} sub-command, registered by the feature that owns it. */
public interface SubCommand {

    String name();

    /** e.g. {@code status}, or {@code snooze <id> <duration>} */
    String usage();

    /** One line for /watchdog help. */
    String description();

    /** Must be quick: it runs before Slack's 3 s ack deadline. */
    CommandReply handle(CommandInput input);
}
