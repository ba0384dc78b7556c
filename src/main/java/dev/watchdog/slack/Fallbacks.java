package dev.watchdog.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Watchdog answers when no feature's handler fits, registered after every feature: a click on
 * a button it no longer has (an old message, a renamed id) gets an ephemeral note, a slash command
 * it does not own gets the usage, and anything else is acked. Requests too incomplete for any
 * handler (a click without a user or an action, a command without a user or channel, a message
 * without a channel) are acked and logged before a handler can trip over them.
 *
 * <p>This is Bolt's unmatched-request handler rather than a catch-all pattern: Bolt keeps its
 * handlers in a {@code HashMap} keyed by {@code Pattern}, so a catch-all registered last could still
 * be tried before a feature's own id.
 */
public final class Fallbacks {

    private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

    private static final List<String> ANSWERED_EVENTS = List.of("message", "app_mention");

    static final String STALE_BUTTON = "This button is from an older Watchdog or was removed.";

    private final SlashCommandRouter commands;
    private final Executor afterAck;

    /** @param afterAck where the note about a stale button is sent from, once the click is acked */
    public Fallbacks(SlashCommandRouter commands, Executor afterAck) {
        this.commands = commands;
        this.afterAck = afterAck;
    }

    public void register(App app) {
        app.use((request, response, chain) -> refuseIncomplete(request, chain));
        app.config().setUnmatchedRequestHandler(this::unmatched);
    }

    private Response refuseIncomplete(Request<?> request, MiddlewareChain chain) throws Exception {
        Optional<String> missing = switch (request.getRequestType()) {
            case BlockAction -> missing(((BlockActionRequest) request).getPayload());
            case Command -> missing(((SlashCommandRequest) request).getPayload());
            case Event -> missingChannel((EventRequest) request);
            case ViewSubmission -> ((ViewSubmissionRequest) request).getPayload().getView() == null
                    ? Optional.of("no view") : Optional.empty();
            case ViewClosed -> ((ViewClosedRequest) request).getPayload().getView() == null
                    ? Optional.of("no view") : Optional.empty();
            default -> Optional.empty();
        };
        if (missing.isPresent()) {
            log.warn("acked {} without handling it: {}", describe(request), missing.get());
            return Response.ok();
        }
        return chain.next(request);
    }

    private static String describe(Request<?> request) {
        return switch (request.getRequestType()) {
            case BlockAction -> "a click";
            case Command -> "a slash command";
            case Event -> "an event";
            default -> "a view";
        };
    }

    private static Optional<String> missing(BlockActionPayload click) {
        List<BlockActionPayload.Action> actions = click.getActions();
        if (actions == null || actions.isEmpty()) {
            return Optional.of("no actions");
        }
        if (actions.size() > 1) {
            return Optional.of(actions.size() + " actions in one click");
        }
        if (actions.get(0) == null || blank(actions.get(0).getActionId())) {
            return Optional.of("an action without action_id");
        }
        if (click.getUser() == null || blank(click.getUser().getId())) {
            return Optional.of("no user");
        }
        return Optional.empty();
    }

    /** Messages and mentions are answered in their channel; one that names none cannot be. */
    private static Optional<String> missingChannel(EventRequest event) {
        if (!ANSWERED_EVENTS.contains(event.getEventType())) {
            return Optional.empty();
        }
        JsonElement channel = JsonParser.parseString(event.getRequestBodyAsString()).getAsJsonObject()
                .getAsJsonObject("event").get("channel");
        boolean named = channel != null && channel.isJsonPrimitive() && !channel.getAsString().isBlank();
        return named ? Optional.empty() : Optional.of("a " + event.getEventType() + " event without channel");
    }

    private static Optional<String> missing(SlashCommandPayload command) {
        if (blank(command.getUserId())) {
            return Optional.of("no user_id");
        }
        return blank(command.getChannelId()) ? Optional.of("no channel_id") : Optional.empty();
    }

    private Response unmatched(Request<?> request) {
        return switch (request.getRequestType()) {
            case BlockAction -> staleButton((BlockActionRequest) request);
            case Command -> {
                SlashCommandRequest command = (SlashCommandRequest) request;
                yield command.getContext().ack(reply -> reply.responseType("ephemeral")
                        .text(commands.unknownCommand(command.getPayload().getCommand())));
            }
            default -> Response.ok(); // unknown events, views Watchdog never opened: nobody waits for an answer
        };
    }

    private Response staleButton(BlockActionRequest request) {
        ActionContext context = request.getContext();
        BlockActionPayload click = request.getPayload();
        try {
            afterAck.execute(() -> tellStale(context, click));
        } catch (RejectedExecutionException stopping) {
            log.warn("a click on {} was not answered: Watchdog is stopping", click.getActions().get(0).getActionId());
        }
        return context.ack();
    }

    /** Through the response_url when the click has one (messages), else as an ephemeral message (views). */
    private static void tellStale(ActionContext context, BlockActionPayload click) {
        String user = click.getUser().getId();
        try {
            if (context.getResponseUrl() != null) {
                context.respond(response -> response.responseType("ephemeral").replaceOriginal(false)
                        .text(STALE_BUTTON));
            } else if (click.getChannel() != null && click.getChannel().getId() != null) {
                var answer = context.client().chatPostEphemeral(message -> message
                        .channel(click.getChannel().getId()).user(user).text(STALE_BUTTON));
                if (!answer.isOk()) {
                    log.warn("could not tell {} that a button is stale: {}", user, answer.getError());
                }
            }
        } catch (IOException | SlackApiException | RuntimeException failure) {
            log.warn("could not tell {} that a button is stale: {}", user, failure.toString(), failure);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
