package dev.watchdog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchdog.Watchdog;
import dev.watchdog.alerting.notify.AlertMessage;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A 10,000-alert Alertmanager storm against a whole Watchdog (started in-process by {@link RunningWatchdog}, the real
 * Bolt Socket Mode client against the fake Socket Mode server, WireMock as Slack's Web API, Slack's real per-channel
 * pacing of one message a second). A benchmark, not a test: it asserts nothing and never runs in {@code mvn verify}.
 *
 * <p><b>Workload.</b> First a quiet prelude: one webhook with {@code bench.prelude} (5) alerts, posted one by one
 * as usual (under the storm threshold); the benchmark waits until they are in Slack. Then the storm: {@code
 * bench.alerts} (10,000) alerts across 50 alert names and 3 severities, sent as Alertmanager sends them, webhooks of
 * {@code bench.batch} (100) alerts to {@code POST /api/alertmanager}, one after another as fast as they are taken.
 * During the storm, every {@code bench.click-every} (2 s) Acknowledge is clicked through Socket Mode on one of the
 * prelude alerts (a different one each time).
 *
 * <p><b>Measured.</b> The time from the first storm POST until the fake Slack shows all of it (the storm message's
 * latest text counts every storm alert); the time the webhooks took to be accepted; how many messages were posted to
 * the channel ({@code chat.postMessage} without a thread) and in threads; how many {@code chat.update} calls; and,
 * for each click, the time from sending the envelope until the {@code chat.update} of that alert's message reached
 * the fake Web API (p50, max).
 *
 * <p><b>Run</b> (about a minute):
 * <pre>{@code
 * mvn -B -q -Pbench test-compile exec:exec -Dbench.mainClass=dev.watchdog.bench.AlertStormBenchmark
 * }</pre>
 * Printed and written to {@code target/bench/alert-storm.txt} ({@code bench.storm.out}).
 */
public final class AlertStormBenchmark {

    private static final Duration VISIBLE_TARGET = Duration.ofSeconds(60);
    private static final int MESSAGES_TARGET = 10;
    private static final Duration CLICK_TARGET = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final int NAMES = 50;
    private static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RULES = """
            groups:
              - name: idle
                rules:
                  - alert: Idle
                    expr: vector(1) < 0
            """;

    record Settings(int prelude, int alerts, int batch, Duration clickEvery, Path out) {

        static Settings fromSystemProperties() {
            Settings settings = new Settings(Integer.getInteger("bench.prelude", 5),
                    Integer.getInteger("bench.alerts", 10_000), Integer.getInteger("bench.batch", 100),
                    Duration.ofMillis(Long.getLong("bench.click-every-ms", 2_000)),
                    Paths.get(System.getProperty("bench.storm.out", "target/bench/alert-storm.txt")));
            if (settings.prelude < 1 || settings.prelude > 9 || settings.alerts < 100 || settings.batch < 1) {
                throw new IllegalArgumentException("bench.prelude must be 1..9 (under the storm threshold of 10),"
                        + " bench.alerts >= 100 and bench.batch >= 1; got " + settings);
            }
            return settings;
        }
    }

    /** One prelude alert's message: where Acknowledge is clicked. */
    record Target(String alertId, String channel, String ts) {
    }

    private AlertStormBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(Settings.fromSystemProperties());
        } catch (Throwable failure) {
            System.err.println("alert storm benchmark failed: " + failure);
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status); // Bolt, Tyrus and WireMock leave pool threads behind
    }

    static void run(Settings settings) throws Exception {
        Path dir = Files.createTempDirectory("watchdog-storm-bench");
        OkHttpClient http = new OkHttpClient();
        try (FakePrometheus prometheus = new FakePrometheus(); SlackTestHarness slack = SlackTestHarness.start()) {
            prometheus.nothingFor("vector(1) < 0");
            Watchdog watchdog = Watchdog.start(RunningWatchdog.config(slack.api().methodsUrlPrefix(),
                    prometheus.url(), RULES, "", dir, "1s"), false, System.out, Clock.systemUTC());
            try {
                slack.socketMode().awaitConnected(Duration.ofSeconds(30));
                String webhook = "http://127.0.0.1:" + watchdog.opsPort() + "/api/alertmanager";
                List<Target> targets = prelude(settings, slack, http, webhook);
                System.out.printf("Prelude: %d alerts in Slack; the storm of %d alerts starts%n", targets.size(),
                        settings.alerts);
                int postsBefore = slack.api().calls("chat.postMessage").size();
                int updatesBefore = slack.api().calls("chat.update").size();
                System.out.print(report(settings, storm(settings, slack, http, webhook, targets), postsBefore,
                        updatesBefore, slack));
            } finally {
                watchdog.close();
            }
        }
    }

    private static List<Target> prelude(Settings settings, SlackTestHarness slack, OkHttpClient http, String webhook)
            throws Exception {
        post(http, webhook, payload("prelude", 0, settings.prelude, i -> "PreludeAlert", i -> "critical"));
        List<SlackCall> posts = slack.api().awaitCalls("chat.postMessage", settings.prelude, Duration.ofSeconds(60));
        List<Target> targets = new ArrayList<>();
        for (SlackCall post : posts) {
            Await.until(Duration.ofSeconds(30), () -> post.postedTs() != null, () -> "no ts");
            String id = SlackBlocks.byId(post.attachments().get(0), "alert-actions").path("elements").get(0)
                    .path("value").asText();
            targets.add(new Target(id, post.channel(), post.postedTs()));
        }
        // Slack has the messages a moment before Watchdog recorded them; a click needs both.
        Thread.sleep(1_000);
        return targets;
    }

    /** What the storm measured. */
    record Result(Duration accepted, Duration visible, List<Duration> clicks, int clicksUnanswered) {
    }

    private static Result storm(Settings settings, SlackTestHarness slack, OkHttpClient http, String webhook,
            List<Target> targets) throws Exception {
        ExecutorService sender = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        Future<Duration> accepted = sender.submit(() -> {
            for (int from = 0; from < settings.alerts; from += settings.batch) {
                int count = Math.min(settings.batch, settings.alerts - from);
                post(http, webhook, payload("storm", from, count, i -> String.format("StormAlert%02d", i % NAMES),
                        i -> SEVERITIES.get(i % SEVERITIES.size())));
            }
            return Duration.ofNanos(System.nanoTime() - start);
        });
        String everything = "Alert storm: " + settings.alerts + " alerts, " + settings.alerts + " firing";
        List<Duration> clicks = new ArrayList<>();
        int unanswered = 0;
        int clicked = 0;
        Duration visible = null;
        while (visible == null || clicked < targets.size()) {
            long now = System.nanoTime();
            if (Duration.ofNanos(now - start).compareTo(LIMIT) > 0) {
                throw new IllegalStateException("the storm was not in Slack after " + LIMIT + "; last storm text: "
                        + stormText(slack));
            }
            if (visible == null && everything.equals(stormText(slack).orElse(""))) {
                visible = Duration.ofNanos(now - start);
            }
            if (clicked < targets.size() && now - start >= settings.clickEvery.toNanos() * clicked) {
                Optional<Duration> latency = clickAcknowledge(slack, targets.get(clicked++));
                latency.ifPresent(clicks::add);
                unanswered += latency.isEmpty() ? 1 : 0;
                continue;
            }
            Thread.sleep(5);
        }
        Duration took = accepted.get();
        sender.shutdown();
        return new Result(took, visible, clicks, unanswered);
    }

    /** The storm message's latest text: its post, or the last edit of it. */
    private static Optional<String> stormText(SlackTestHarness slack) {
        Optional<SlackCall> storm = slack.api().calls("chat.postMessage").stream()
                .filter(call -> call.text().startsWith("Alert storm")).findFirst();
        if (storm.isEmpty() || storm.get().postedTs() == null) {
            return Optional.empty();
        }
        String ts = storm.get().postedTs();
        List<SlackCall> edits = slack.api().calls("chat.update").stream()
                .filter(call -> ts.equals(call.param("ts"))).toList();
        return Optional.of(edits.isEmpty() ? storm.get().text() : edits.get(edits.size() - 1).text());
    }

    /** Clicks Acknowledge on the message; the time until its edit reached Slack, or empty after 60 s. */
    private static Optional<Duration> clickAcknowledge(SlackTestHarness slack, Target target) {
        long sent = System.nanoTime();
        slack.socketMode().sendBlockActions(BlockAction.button(AlertMessage.ACK, target.alertId())
                .onMessage(target.channel(), target.ts()));
        while (System.nanoTime() - sent < Duration.ofSeconds(60).toNanos()) {
            if (slack.api().calls("chat.update").stream().anyMatch(call -> target.ts().equals(call.param("ts")))) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - sent));
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String report(Settings settings, Result result, int postsBefore, int updatesBefore,
            SlackTestHarness slack) throws Exception {
        List<SlackCall> posts = slack.api().calls("chat.postMessage");
        List<SlackCall> stormPosts = posts.subList(postsBefore, posts.size());
        long inChannel = stormPosts.stream().filter(call -> call.threadTs() == null).count();
        long inThreads = stormPosts.size() - inChannel;
        int updates = slack.api().calls("chat.update").size() - updatesBefore;
        List<Long> clickMillis = result.clicks().stream().map(Duration::toMillis).sorted().toList();
        long p50 = clickMillis.isEmpty() ? -1 : clickMillis.get((clickMillis.size() - 1) / 2);
        long max = clickMillis.isEmpty() ? -1 : clickMillis.get(clickMillis.size() - 1);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nAlert storm: %d alerts from Alertmanager in webhooks of %d (%d alert"
                        + " names, %d severities), after %d alerts posted alone; per-channel pacing 1 s%n",
                settings.alerts, settings.batch, NAMES, SEVERITIES.size(), settings.prelude));
        out.append("Machine: ").append(AckLatencyBenchmark.machine()).append("\n\n");
        out.append(String.format(Locale.ROOT, "%-52s %12s %14s%n", "measure", "figure", "target"));
        out.append(row("webhooks accepted (first POST to last 200)", seconds(result.accepted()), ""));
        out.append(row("everything visible in Slack (first POST to last edit)", seconds(result.visible()),
                "<= " + VISIBLE_TARGET.toSeconds() + " s"));
        out.append(row("channel messages posted for the storm", Long.toString(inChannel), "<= " + MESSAGES_TARGET));
        out.append(row("thread replies posted during the storm", Long.toString(inThreads), ""));
        out.append(row("chat.update calls during the storm (all messages)", Integer.toString(updates), ""));
        out.append(row("Acknowledge click to edited message, p50", p50 + " ms",
                "< " + CLICK_TARGET.toMillis() + " ms"));
        out.append(row("Acknowledge click to edited message, max", max + " ms",
                "< " + CLICK_TARGET.toMillis() + " ms"));
        out.append(String.format(Locale.ROOT, "Clicks: %d during the storm, every %d ms from its first POST (%d not"
                + " edited within 60 s); latencies %s ms%n", result.clicks().size() + result.clicksUnanswered(),
                settings.clickEvery.toMillis(), result.clicksUnanswered(), clickMillis));
        Path file = settings.out.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        return out + "Written to " + file + "\n";
    }

    private static String row(String measure, String figure, String target) {
        return String.format(Locale.ROOT, "%-52s %12s %14s%n", measure, figure, target);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** An Alertmanager webhook (version 4) with {@code count} firing alerts numbered from {@code from}. */
    private static byte[] payload(String group, int from, int count, java.util.function.IntFunction<String> name,
            java.util.function.IntFunction<String> severity) throws Exception {
        ObjectNode body = MAPPER.createObjectNode().put("version", "4").put("status", "firing")
                .put("receiver", "watchdog").put("groupKey", "{}:{group=\"" + group + "-" + from + "\"}")
                .put("externalURL", "http://alertmanager:9093").put("truncatedAlerts", 0);
        body.putObject("groupLabels").put("group", group);
        body.putObject("commonLabels");
        body.putObject("commonAnnotations");
        ArrayNode alerts = body.putArray("alerts");
        String startsAt = Instant.now().toString();
        for (int i = from; i < from + count; i++) {
            ObjectNode alert = alerts.addObject().put("status", "firing").put("startsAt", startsAt)
                    .put("endsAt", "0001-01-01T00:00:00Z")
                    .put("generatorURL", "http://prometheus:9090/graph?g0.expr=up+%3D%3D+0");
            alert.putObject("labels").put("alertname", name.apply(i)).put("severity", severity.apply(i))
                    .put("instance", group + "-host-" + i + ":9100").put("job", "node");
            alert.putObject("annotations").put("summary", "host " + i + " is in trouble");
        }
        return MAPPER.writeValueAsBytes(body);
    }

    private static void post(OkHttpClient http, String url, byte[] body) throws Exception {
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("the webhook answered " + response.code() + ": "
                        + (response.body() == null ? "" : response.body().string()));
            }
        }
    }
}
