package dev.watchdog.ops.telemetry;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.Locale;

/**
 * Slack envelopes as spans: {@code watchdog.slack.envelope} from the moment the frame arrived to
 * its ack (a server span: Slack called us), with the command or click inside it as
 * {@code watchdog.slack.command} / {@code watchdog.slack.action} carrying who, where and what.
 * The work a handler starts after its ack (the edit of the message, a reply) runs on Watchdog's
 * pools, so it stays in the same trace. Click-to-ack latency goes to
 * {@code watchdog_slack_ack_latency_seconds}.
 */
public final class SlackTracing {

    private SlackTracing() {
    }

    /**
     * {@code answer} (the handling of one envelope, ending with its ack) as a span that starts now,
     * when the frame arrived, even if {@code answer} waits for a free handler thread first.
     *
     * @param type the frame's type: {@code slash_commands}, {@code interactive}, {@code events_api}
     */
    public static Runnable envelope(String type, Runnable answer) {
        long received = System.nanoTime();
        java.time.Instant receivedAt = java.time.Instant.now();
        return () -> {
            Telemetry telemetry = Telemetry.get();
            try (Phase envelope = telemetry.phase("watchdog.slack.envelope", SpanKind.SERVER, receivedAt)) {
                envelope.set("watchdog.slack.envelope_type", type);
                answer.run();
            } finally {
                telemetry.metrics().acked(kind(type), Duration.ofNanos(System.nanoTime() - received));
            }
        };
    }

    static String kind(String type) {
        if (type == null) {
            return "event";
        }
        return switch (type) {
            case "slash_commands" -> "command";
            case "interactive" -> "action";
            default -> "event";
        };
    }

    /** Bolt middleware naming the command or click, its user, channel and message in the current trace and logs. */
    public static Middleware middleware() {
        return (request, response, chain) -> {
            try (Phase phase = describe(request)) {
                Response answered = chain.next(request);
                phase.set("watchdog.slack.status", answered.getStatusCode());
                return answered;
            }
        };
    }

    private static Phase describe(Request<?> request) {
        Telemetry telemetry = Telemetry.get();
        if (request instanceof SlashCommandRequest command) {
            SlashCommandPayload payload = command.getPayload();
            String text = payload.getText() == null ? "" : payload.getText().strip();
            String sub = text.isEmpty() ? "help" : text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            return telemetry.phase("watchdog.slack.command")
                    .set("watchdog.slack.command", payload.getCommand())
                    .set("watchdog.slack.subcommand", sub)
                    .logId("user", payload.getUserId())
                    .logId("channel", payload.getChannelId());
        }
        if (request instanceof BlockActionRequest click) {
            BlockActionPayload payload = click.getPayload();
            Phase phase = telemetry.phase("watchdog.slack.action");
            if (payload.getActions() != null && !payload.getActions().isEmpty()) {
                phase.set("watchdog.slack.action_id", payload.getActions().get(0).getActionId());
            }
            if (payload.getUser() != null) {
                phase.logId("user", payload.getUser().getId());
            }
            if (payload.getContainer() != null) {
                phase.logId("channel", payload.getContainer().getChannelId())
                        .logId("message_ts", payload.getContainer().getMessageTs())
                        .logId("thread_ts", payload.getContainer().getThreadTs());
            }
            return phase;
        }
        return telemetry.phase("watchdog.slack." + request.getRequestType().name().toLowerCase(Locale.ROOT))
                .logId("user", request.getContext().getRequestUserId());
    }
}
