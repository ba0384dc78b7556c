package dev.watchdog.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The Bolt app over Socket Mode: no public URL needed. Features register their handlers on
 * {@link #app()} before {@link #start()}.
 */
public final class SlackBot implements AutoCloseable {

    private final App app;
    private final String appToken;
    private SocketModeApp socketMode;

    public SlackBot(String botToken, String appToken, String apiUrl) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(apiUrl);
        slackConfig.setStatsEnabled(false); // otherwise the SDK makes extra calls of its own
        AppConfig appConfig = AppConfig.builder()
                .singleTeamBotToken(botToken)
                .slack(Slack.getInstance(slackConfig))
                .build();
        this.app = new App(appConfig);
        this.appToken = appToken;
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
            socketMode = new SocketModeApp(appToken, app);
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
