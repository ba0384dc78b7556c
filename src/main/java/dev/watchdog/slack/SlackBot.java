package dev.watchdog.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.watchdog.ops.telemetry.SlackApiTracing;
import dev.watchdog.ops.telemetry.SlackTracing;
import dev.watchdog.security.Secret;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Bolt app over Socket Mode: no public URL needed. Features register their handlers on
 * {@link #app()} before {@link #start()}.
 */
public final class SlackBot implements AutoCloseable {

    /**
     * Threads that run handlers up to their ack. Bolt's default runs every handler on the one thread
     * that takes envelopes off the Socket Mode queue, so a burst of clicks is acked one after
     * another; with a pool that thread only hands envelopes over.
     */
    public static final int HANDLER_THREADS = Integer.getInteger("watchdog.slack.handlerThreads", 4);

    /** How long after-ack work may wait for a burst of envelopes to be acked (see {@link AcksFirst}). */
    static final Duration AFTER_ACK_MAX_DELAY = Duration.ofMillis(500);

    private final App app;
    private final Secret appToken;
    private final AcksFirst acksFirst = new AcksFirst(AFTER_ACK_MAX_DELAY);
    private final EnvelopeAnswers answers;
    private SocketModeApp socketMode;

    /** @param handlers runs Bolt's handlers up to their acks ({@link #HANDLER_THREADS} threads are enough) */
    public SlackBot(Secret botToken, Secret appToken, String apiUrl, Executor handlers) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(apiUrl);
        slackConfig.setStatsEnabled(false); // otherwise the SDK makes extra calls of its own
        AppConfig appConfig = AppConfig.builder()
                .singleTeamBotToken(botToken.reveal())
                .slack(Slack.getInstance(slackConfig, SlackApiTracing.httpClient(slackConfig)))
                .build();
        this.app = new App(appConfig);
        this.app.use(acksFirst.middleware());
        this.app.use(SlackTracing.middleware());
        this.appToken = appToken;
        this.answers = new EnvelopeAnswers(app, handlers);
    }

    /**
     * An executor for the work handlers start after their ack: it runs on {@code delegate} once
     * the envelopes in flight are acked (see {@link AcksFirst}).
     */
    public Executor afterAck(Executor delegate) {
        // Captured at hand-over, so the work after an ack (the edit, a reply) stays in the click's trace.
        return Context.taskWrapping(acksFirst.deferring(delegate));
    }

    public App app() {
        return app;
    }

    public void register(Consumer<App> feature) {
        feature.accept(app);
    }

    /** Connects to Slack; returns once the Socket Mode session is open. */
    public void start() throws IOException {
        try {
            socketMode = new SocketModeApp(() -> {
                try {
                    return AnsweringSocketModeClient.open(app.slack(), appToken.reveal(), answers);
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            }, app);
            socketMode.startAsync();
        } catch (Exception failure) {
            throw new IOException("could not connect to Slack over Socket Mode: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws Exception {
        if (socketMode != null) {
            var client = socketMode.getClient(); // close() forgets the client without stopping it
            socketMode.close();
            if (client != null) {
                client.close();
            }
        }
    }
}
