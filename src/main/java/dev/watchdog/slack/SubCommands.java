package dev.watchdog.slack;

import java.util.function.Function;

/** A sub-command from its parts, for the many that are one function each. */
public final class SubCommands {

    private SubCommands() {
    }

    public static SubCommand of(String name, String usage, String description, Function<CommandInput, CommandReply> run) {
        return new SubCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return usage;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public CommandReply handle(CommandInput input) {
                return run.apply(input);
            }
        };
    }
}
