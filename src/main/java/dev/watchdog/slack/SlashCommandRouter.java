package dev.watchdog.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /watchdog}: finds the sub-command and answers in the ack, within Slack's 3 s. */
public final class SlashCommandRouter {

    private static final Logger log = LoggerFactory.getLogger(SlashCommandRouter.class);

    public static final String COMMAND = "/watchdog";

    private final Map<String, SubCommand> subCommands = new LinkedHashMap<>();

    public SlashCommandRouter() {
        add(new HelpCommand());
    }

    public SlashCommandRouter add(SubCommand subCommand) {
        subCommands.put(subCommand.name(), subCommand);
        return this;
    }

    public void register(App app) {
        app.command(COMMAND, this::handle);
    }

    private Response handle(SlashCommandRequest request, SlashCommandContext context) {
        var payload = request.getPayload();
        CommandReply reply = dispatch(payload.getUserId(), payload.getChannelId(), payload.getText(),
                text -> followUp(context, text));
        return context.ack(response -> response
                .responseType(reply.inChannel() ? "in_channel" : "ephemeral")
                .text(reply.text())
                .blocks(reply.blocks().isEmpty() ? null : reply.blocks()));
    }

    /** Parses the text after {@code /watchdog} and runs the sub-command it names. */
    public CommandReply dispatch(String userId, String channelId, String text) {
        return dispatch(userId, channelId, text, CommandInput.NOBODY);
    }

    private CommandReply dispatch(String userId, String channelId, String text, CommandInput.FollowUp later) {
        List<String> words = text == null || text.isBlank()
                ? List.of()
                : Arrays.asList(text.trim().split("\\s+"));
        String name = words.isEmpty() ? "help" : words.get(0).toLowerCase(Locale.ROOT);
        SubCommand subCommand = subCommands.get(name);
        if (subCommand == null) {
            return CommandReply.ephemeral("Unknown sub-command `" + SlackText.escape(SlackText.cut(words.get(0), 40))
                    + "`. " + usage());
        }
        List<String> arguments = words.isEmpty() ? List.of() : words.subList(1, words.size());
        return subCommand.handle(new CommandInput(userId, channelId, name, arguments, later));
    }

    /** Through the command's response_url, which Slack keeps open for 30 minutes after the command. */
    private static void followUp(SlashCommandContext context, String text) {
        try {
            context.respond(response -> response.responseType("ephemeral").text(text));
        } catch (IOException | RuntimeException failure) {
            log.warn("could not tell {} something after their command: {}", context.getRequestUserId(),
                    failure.toString(), failure);
        }
    }

    /** The answer to a slash command routed to Watchdog that is not {@value #COMMAND}. */
    String unknownCommand(String command) {
        return "Watchdog does not answer `" + SlackText.escape(SlackText.cut(command == null ? "" : command, 40))
                + "`. " + usage();
    }

    String usage() {
        return "Usage: " + subCommands.values().stream()
                .map(command -> "`" + COMMAND + " " + command.usage() + "`")
                .collect(Collectors.joining(", "));
    }

    private final class HelpCommand implements SubCommand {

        @Override
        public String name() {
            return "help";
        }

        @Override
        public String usage() {
            return "help";
        }

        @Override
        public String description() {
            return "what Watchdog can do for you";
        }

        @Override
        public CommandReply handle(CommandInput input) {
            String lines = subCommands.values().stream()
                    .map(command -> "• `" + COMMAND + " " + command.usage() + "`: " + command.description())
                    .collect(Collectors.joining("\n"));
            return CommandReply.ephemeral("*Watchdog* watches Prometheus and posts alerts here.\n" + lines);
        }
    }
}
