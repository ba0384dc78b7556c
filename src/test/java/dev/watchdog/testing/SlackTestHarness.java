package dev.watchdog.testing;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fake Slack for end-to-end tests: {@link FakeSlackApi} as the Web API plus {@link FakeSocketModeServer}
 * behind {@code apps.connections.open}, and real Bolt apps wired to both. One {@link #close()} stops everything,
 * Bolt first (its shutdown pings the socket server, which must still be up).
 *
 * <pre>{@code
 * try (SlackTestHarness slack = SlackTestHarness.start()) {
 *     App app = slack.newApp();
 *     app.command("/watchdog", (req, ctx) -> ctx.ack("ok"));
 *     slack.startSocketMode(app);
 *     String id = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));
 *     assertThat(slack.socketMode().awaitAck(id, SlackTestHarness.TIMEOUT).payload().path("text").asText()).isEqualTo("ok");
 * }
 * }</pre>
 */
public final class SlackTestHarness implements AutoCloseable {

    /** Generous for slow CI machines; passing tests return as soon as what they wait for happens. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeSlackApi api;
    private final FakeSocketModeServer socketMode;
    private final List<Slack> slackClients = new CopyOnWriteArrayList<>();
    private final List<SocketModeApp> socketModeApps = new CopyOnWriteArrayList<>();

    private SlackTestHarness(FakeSlackApi api, FakeSocketModeServer socketMode) {
        this.api = api;
        this.socketMode = socketMode;
    }

    public static SlackTestHarness start() {
        FakeSlackApi api = FakeSlackApi.start();
        try {
            FakeSocketModeServer socketMode = FakeSocketModeServer.start(api.responseUrlBase());
            api.connectSocketModeTo(socketMode.url());
            return new SlackTestHarness(api, socketMode);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    public FakeSlackApi api() {
        return api;
    }

    public FakeSocketModeServer socketMode() {
        return socketMode;
    }

    /** SDK settings pointing at this harness's fake Web API. */
    public SlackConfig newSlackConfig() {
        return slackConfigFor(api);
    }

    /** SDK settings pointing at {@code api}. Stats are off: they add background auth.test calls. */
    public static SlackConfig slackConfigFor(FakeSlackApi api) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(api.methodsUrlPrefix());
        config.setStatsEnabled(false);
        return config;
    }

    /** Bolt settings for the fake workspace (bot token {@code xoxb-test}); adjust before {@code new App(config)}. */
    public AppConfig newAppConfig() {
        Slack slack = Slack.getInstance(newSlackConfig());
        slackClients.add(slack);
        return AppConfig.builder()
                .singleTeamBotToken(FakeWorkspace.BOT_TOKEN)
                .slack(slack)
                .build();
    }

    /** A bare, real Bolt app wired to the fakes; register handlers, then {@link #startSocketMode}. */
    public App newApp() {
        return new App(newAppConfig());
    }

    /**
     * Connects {@code app} over Socket Mode with the default Tyrus backend and returns once the fake server sees
     * the connection. Start-up calls {@code auth.test} and {@code apps.connections.open} (twice) over HTTP; it is
     * run on a separate thread so a hang fails the test within {@link #TIMEOUT} instead of blocking the build.
     */
    public SocketModeApp startSocketMode(App app) {
        SocketModeApp socketModeApp;
        try {
            socketModeApp = new SocketModeApp(FakeWorkspace.APP_TOKEN, app);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the Socket Mode app", e);
        }
        socketModeApps.add(socketModeApp);
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "socket-mode-starter");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> started = starter.submit(() -> {
                socketModeApp.startAsync();
                return null;
            });
            started.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Socket Mode app did not start within " + TIMEOUT.toMillis()
                    + " ms. Web API calls so far: " + api.allCalls(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("Socket Mode app failed to start: " + e.getCause()
                    + ". Web API calls so far: " + api.allCalls(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting the Socket Mode app", e);
        } finally {
            starter.shutdownNow();
        }
        socketMode.awaitConnected(TIMEOUT);
        return socketModeApp;
    }

    /**
     * Starts the packaged jar on {@code config} (text logs) and waits until it opened a new Socket Mode connection to
     * this harness, so what the test sends next reaches it.
     */
    public ChildProcess startWatchdogJar(Path config, Duration timeout) throws IOException {
        int connections = socketMode.connectionsOpened();
        ChildProcess child = ChildProcess.startJar(Map.of("WATCHDOG_LOG_FORMAT", "text"), "--config",
                config.toString());
        Await.until(timeout, () -> socketMode.connectionsOpened() > connections,
                () -> "Watchdog never connected to Slack:\n" + child.output());
        return child;
    }

    /** Stops every app and client this harness made, then both fakes; reports the first failure, after trying all. */
    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        for (SocketModeApp socketModeApp : socketModeApps) {
            // SocketModeApp.close() forgets its client but does not stop the client's executors; close it as well.
            SocketModeClient client = socketModeApp.getClient();
            run(failures, socketModeApp::close);
            if (client != null) {
                run(failures, client::close);
            }
        }
        for (Slack slack : slackClients) {
            run(failures, slack::close);
        }
        run(failures, socketMode::close);
        run(failures, api::close);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("closing the Slack test harness failed",
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private interface Closing {
        void run() throws Exception;
    }

    private static void run(List<Exception> failures, Closing closing) {
        try {
            closing.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
