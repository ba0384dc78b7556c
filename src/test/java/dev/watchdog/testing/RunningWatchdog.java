package dev.watchdog.testing;

import dev.watchdog.Watchdog;
import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A whole Watchdog, started in this JVM exactly as {@code main} starts it, against the fake
 * Slack of a {@link SlackTestHarness} and a Prometheus URL (WireMock or a real server).
 */
public final class RunningWatchdog implements AutoCloseable {

    private final Watchdog watchdog;

    private RunningWatchdog(Watchdog watchdog) {
        this.watchdog = watchdog;
    }

    /** Writes a config file into {@code dir} with the given {@code groups:} YAML and starts. */
    public static RunningWatchdog start(SlackTestHarness slack, String prometheusUrl, String groupsYaml, Path dir)
            throws Exception {
        return start(slack, prometheusUrl, groupsYaml, "", dir, Clock.systemUTC());
    }

    /**
     * As {@link #start(SlackTestHarness, String, String, Path)}, with more keys under {@code slack:}
     * (indented by two spaces, e.g. routes) and a clock the test moves.
     */
    public static RunningWatchdog start(SlackTestHarness slack, String prometheusUrl, String yaml, String slackYaml,
            Path dir, Clock clock) throws Exception {
        WatchdogConfig config = config(slack.api().methodsUrlPrefix(), prometheusUrl, yaml, slackYaml, dir);
        return new RunningWatchdog(Watchdog.start(config, false, System.out, clock));
    }

    /** As {@link #start} but with --dry-run: Slack calls are printed to {@code out}. */
    public static RunningWatchdog startDryRun(String prometheusUrl, String groupsYaml, Path dir, PrintStream out)
            throws Exception {
        WatchdogConfig config = config("http://127.0.0.1:1/api/", prometheusUrl, groupsYaml, dir);
        return new RunningWatchdog(Watchdog.start(config, true, out, Clock.systemUTC()));
    }

    public static WatchdogConfig config(String slackApiUrl, String prometheusUrl, String groupsYaml, Path dir)
            throws IOException, dev.watchdog.config.ConfigException {
        return config(slackApiUrl, prometheusUrl, groupsYaml, "", dir);
    }

    /**
     * @param slackYaml more keys under {@code slack:}, each line indented by two spaces
     * @param groupsYaml top-level keys; without an {@code llm:} section alerts are not investigated
     *     automatically, so tests of other features see only their own Slack calls
     */
    public static WatchdogConfig config(String slackApiUrl, String prometheusUrl, String groupsYaml, String slackYaml,
            Path dir) throws IOException, dev.watchdog.config.ConfigException {
        if (!groupsYaml.startsWith("llm:") && !groupsYaml.contains("\nllm:")) {
            groupsYaml = groupsYaml + "\nllm:\n  analyze-alerts: false\n";
        }
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                slack:
                  bot-token: %s
                  app-token: %s
                  api-url: %s
                  channel: %s
                  post-interval: 0s
                %s
                prometheus:
                  url: %s
                  poll-interval: 1s
                  query-timeout: 2s
                %s
                store:
                  path: %s
                server:
                  port: 0
                %s
                """.formatted(FakeWorkspace.BOT_TOKEN, FakeWorkspace.APP_TOKEN, slackApiUrl,
                FakeWorkspace.CHANNEL_ID, slackYaml.stripTrailing(), prometheusUrl,
                // -Dwatchdog.it.batch-rule-queries=true|false runs the end-to-end tests so; by default, the default
                System.getProperty("watchdog.it.batch-rule-queries") == null ? ""
                        : "  batch-rule-queries: " + System.getProperty("watchdog.it.batch-rule-queries"),
                dir.resolve("watchdog.db"),
                groupsYaml));
        return new ConfigLoader(Map.of()).load(file);
    }

    public Watchdog watchdog() {
        return watchdog;
    }

    public String opsUrl() {
        return "http://127.0.0.1:" + watchdog.opsPort();
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
