package dev.watchdog.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import dev.watchdog.ops.telemetry.SlackTracing;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Bolt app for each Socket Mode envelope and acks every envelope, whatever it holds. Bolt's
 * own {@code SocketModeApp} leaves an envelope unanswered (so Slack shows the person an error and
 * retries) when the frame is not JSON or has no type (the client drops it before any listener),
 * when Bolt cannot parse the payload (a click without {@code user}, a {@code value} that is an
 * object: the exception ends its worker task), when the app answers anything but 200 (no handler
 * matched, {@code block_actions} without {@code actions}) and when a handler throws. Here each of
 * those is acked and logged once, saying what was wrong.
 */
final class EnvelopeAnswers {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeAnswers.class);

    private final App app;
    private final Executor handlers;
    private final SocketModeRequestParser parser;
    private final Gson gson;

    /** @param handlers where Bolt runs, up to each ack; the Socket Mode client's own thread only hands over */
    EnvelopeAnswers(App app, Executor handlers) {
        this.app = app;
        this.handlers = handlers;
        this.parser = new SocketModeRequestParser(app.config());
        this.gson = GsonFactory.createSnakeCase(app.slack().getConfig());
    }

    /** Takes one frame as the client received it; called on the client's message thread. */
    void onFrame(String text, SocketModeClient client) throws IOException {
        SocketModeFrame frame = SocketModeFrame.read(text);
        if ("disconnect".equals(frame.type())) {
            client.connectToNewEndpoint(); // Slack is about to close this connection
            return;
        }
        if (frame.envelopeId() == null) {
            if (frame.problem() != null) {
                log.warn("ignored a Socket Mode frame that names no envelope: {}", frame.problem());
            }
            return; // hello and other control frames need no answer
        }
        if (frame.problem() != null) {
            ack(client, frame, frame.problem(), null);
            return;
        }
        try {
            handlers.execute(SlackTracing.envelope(frame.type(), () -> answer(text, frame, client)));
        } catch (RejectedExecutionException stopping) {
            ack(client, frame, "Watchdog is stopping", null);
        }
    }

    private void answer(String text, SocketModeFrame frame, SocketModeClient client) {
        Request<?> request;
        try {
            SocketModeRequest parsed = parser.parse(text);
            request = parsed == null ? null : parsed.getBoltRequest();
        } catch (RuntimeException unreadable) {
            ack(client, frame, "Bolt cannot read its payload: " + unreadable, unreadable);
            return;
        }
        if (request == null) {
            ack(client, frame, "its payload is of no type Bolt knows", null);
            return;
        }
        try {
            Response response = app.run(request);
            if (response.getStatusCode() == 200) {
                send(client, frame, response);
            } else {
                ack(client, frame, "Bolt answered " + response.getStatusCode() + " " + response.getBody(), null);
            }
        } catch (JsonParseException unreadable) {
            // Bolt reads an event's or a view's fields only when a handler asks for them.
            ack(client, frame, "Bolt cannot read its payload: " + unreadable, unreadable);
        } catch (Exception failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("handling {} failed (acked): {}", frame.describe(), failure.toString(), failure);
            send(client, frame, Response.ok());
        }
    }

    /** Acks without an answer an envelope Watchdog cannot handle, and says why. */
    private void ack(SocketModeClient client, SocketModeFrame frame, String problem, Exception cause) {
        log.warn("acked {} without handling it: {}", frame.describe(), problem, cause);
        send(client, frame, Response.ok());
    }

    /** The ack, carrying Bolt's answer when there is one (as {@code SocketModeApp} sends it). */
    private void send(SocketModeClient client, SocketModeFrame frame, Response response) {
        try {
            if (response.getBody() == null) {
                client.sendSocketModeResponse(new AckResponse(frame.envelopeId()));
                return;
            }
            JsonObject ack = new JsonObject();
            ack.addProperty("envelope_id", frame.envelopeId());
            String contentType = response.getContentType();
            if (contentType != null && contentType.startsWith("application/json")) {
                ack.add("payload", gson.fromJson(response.getBody(), JsonElement.class));
            } else {
                JsonObject payload = new JsonObject();
                payload.addProperty("text", response.getBody());
                ack.add("payload", payload);
            }
            client.sendSocketModeResponse(gson.toJson(ack));
        } catch (RuntimeException closed) {
            log.warn("could not ack {}: {}", frame.describe(), closed.toString(), closed);
        }
    }
}
