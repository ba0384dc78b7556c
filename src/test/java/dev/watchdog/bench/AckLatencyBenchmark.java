package dev.watchdog.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.slack.api.bolt.App;
import com.slack.api.bolt.meta.BoltLibraryVersion;
import dev.watchdog.alerting.notify.AlertMessage;
import dev.watchdog.slack.SlashCommandRouter;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeSocketModeServer;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackEnvelopes;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Envelope-to-ack latency of Watchdog's Slack handlers next to a bare Bolt app that only acks, both measured in
 * the same JVM and the same run. A benchmark, not a test: it asserts nothing and never runs in {@code mvn verify}.
 *
 * <p><b>What is measured.</b> For every envelope, the time from the fake Socket Mode server handing the (already
 * serialized) envelope to its WebSocket to the moment the client's ack frame arrives back at that server, as
 * recorded by {@link FakeSocketModeServer#ackLatency}. That span covers the loopback WebSocket both ways, Bolt's
 * Socket Mode client (Tyrus, its message queue and workers), Bolt's request parsing and dispatch, the handler up
 * to its {@code ack}, and any other work in the same JVM competing for the CPU at that moment (for Watchdog: the
 * work its handlers hand off to run after the ack, its Prometheus poller, its Slack poster).
 *
 * <p><b>Subjects.</b> (a) <i>bare Bolt</i>: an {@link App} from {@link SlackTestHarness#newApp()} that registers
 * {@code /watchdog} and every alert action id, each handler only {@code ctx.ack()}. (b) <i>Watchdog</i>: the whole
 * app started in-process by {@link RunningWatchdog} against its own fake Slack and a WireMock Prometheus in which
 * one rule fires, so {@code /watchdog status} and {@code /watchdog alerts} build real replies and the clicks land on
 * the real alert message (ack, unack, snooze, unsnooze: store writes, message updates, ephemeral refusals).
 *
 * <p><b>Workload.</b> Each round sends a burst of {@code bench.burst} (100) envelopes back to back over the one
 * Socket Mode connection, as Slack does, so all of them are in flight at once: 40% slash commands (status and
 * alerts, half each) and 60% button clicks (ack, unack, snooze select, unsnooze, a quarter each), in an order
 * shuffled per round with the same seed for both subjects. A round ends when every envelope is acked; for Watchdog
 * the benchmark then waits until its after-ack work has stopped calling the fake Slack, so none of it spills into
 * the other subject's round. Rounds alternate between the subjects (the order flips every round) so both share
 * JIT warm-up and machine noise; {@code bench.warmup} (5) rounds each are discarded, then {@code bench.rounds} (20)
 * rounds each are measured: 2,000 envelopes per subject.
 *
 * <p><b>Output.</b> A table per subject and envelope kind (count, p50, p90, p99, max in ms), the ratio of
 * Watchdog's p99 to the bare app's, the margin to Slack's 3 s, and the machine; then, per subject, the CPU time
 * spent while a burst was being acked, by thread group (Bolt's Socket Mode processor, which runs every handler up
 * to its ack; Watchdog's own threads; the Tyrus client; the fake servers; GC and JIT), to show where a gap comes
 * from. Printed and written to {@code target/bench/ack-latency.txt} ({@code bench.out}).
 *
 * <p><b>Reading it.</b> Bolt 1.48's Socket Mode client takes envelopes off its queue on a single thread, ten polls
 * every 10 ms; by default (the bare app) it runs each handler on that thread too, so even the bare app needs about
 * 100 ms to ack a burst of 100. Watchdog gives Bolt a pool of handler threads ({@code SlackBot.HANDLER_THREADS}),
 * and holds the work its handlers start after their ack until the burst is acked ({@code AcksFirst}), so that work
 * does not compete with the acks for the cores. The fakes run in the same JVM too: the WireMock that plays
 * Slack's Web API serves Watchdog's after-ack calls here, which real Slack would do on its own machines.
 *
 * <p><b>Run</b> (about a minute on two cores):
 * <pre>{@code
 * mvn -B -q -Pbench test-compile exec:exec
 * mvn -B -q -Pbench test-compile exec:exec -Dbench.rounds=50     # more rounds
 * mvn -B -q -Pbench test-compile exec:exec -Dbench.verbose=true  # plus one line per round
 * }</pre>
 * The {@code bench} profile forks a JVM with the test classpath and {@code WATCHDOG_LOG_LEVEL=WARN} (Watchdog
 * logs nothing per click at INFO either; this only keeps start-up lines out of the table).
 */
public final class AckLatencyBenchmark {

    /** Slack's limit for acknowledging an envelope. */
    private static final Duration SLACK_ACK_LIMIT = Duration.ofSeconds(3);
    /** The target for Watchdog's p99 relative to the bare app's. */
    private static final double TARGET_RATIO = 1.2;
    /** Longest wait for one ack before the run is abandoned; far beyond anything Slack would accept. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** Watchdog's after-ack work counts as done once the fake Slack saw no request for this long. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
    /** Pause after every round, for both subjects, so a round starts from an idle client. */
    private static final Duration PAUSE = Duration.ofMillis(100);

    private static final String ERRORS = "checkout_error_ratio > 0.05";
    private static final String DISKS = "disk_used_ratio > 0.9";
    private static final String LATENCY = "histogram_quantile(0.99, rate(http_request_seconds_bucket[5m])) > 2";
    private static final String RULES = """
            alerting:
              repeat-interval: 4h
              snooze-options: [15m, 1h]
            groups:
              - name: shop
                rules:
                  - alert: CheckoutErrors
                    expr: %s
                    labels: {severity: critical}
                    annotations: {summary: "checkout fails {{ $value }} of requests"}
                  - alert: DiskFull
                    expr: %s
                    labels: {severity: warning}
                    annotations: {summary: "{{ $labels.instance }} disk is full"}
                  - alert: SlowRequests
                    expr: %s
                    for: 5m
                    labels: {severity: warning}
                    annotations: {summary: "p99 latency is {{ $value }}s"}
            """.formatted(ERRORS, DISKS, LATENCY);

    enum Kind {
        SLASH_COMMAND("slash command"),
        BUTTON_CLICK("button click");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Settings(int warmupRounds, int rounds, int burst, Path out, boolean verbose) {

        static Settings fromSystemProperties() {
            Settings settings = new Settings(
                    Integer.getInteger("bench.warmup", 5),
                    Integer.getInteger("bench.rounds", 20),
                    Integer.getInteger("bench.burst", 100),
                    Paths.get(System.getProperty("bench.out", "target/bench/ack-latency.txt")),
                    Boolean.getBoolean("bench.verbose"));
            if (settings.warmupRounds < 0 || settings.rounds < 1 || settings.burst < 5) {
                throw new IllegalArgumentException("bench.warmup must be >= 0, bench.rounds >= 1 and bench.burst >= 5; got "
                        + settings);
            }
            return settings;
        }
    }

    /** An envelope ready to send (serialized inside {@code sendEnvelope}, before the clock starts). */
    record Prepared(Kind kind, ObjectNode envelope) {
    }

    /** What one round measured: latencies by kind, and where the CPU went while the burst was being acked. */
    record RoundResult(Map<Kind, List<Long>> latencies, CpuUse cpu) {
    }

    /** Everything measured for one subject, over the measured rounds. */
    static final class Measured {

        final Map<Kind, List<Long>> latencies = emptySamples();
        final List<Long> roundP99s = new ArrayList<>();
        CpuUse cpu = CpuUse.NONE;

        void add(RoundResult round) {
            round.latencies().forEach((kind, nanos) -> latencies.get(kind).addAll(nanos));
            roundP99s.add(percentile(sortedArray(round.latencies().values().stream().flatMap(List::stream).toList()), 99));
            cpu = cpu.plus(round.cpu());
        }
    }

    /** Where the clicks of a round point: the alert message of the subject. */
    record Target(String alertId, String channel, String messageTs) {
    }

    private AckLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(Settings.fromSystemProperties());
        } catch (Throwable failure) {
            System.err.println("ack latency benchmark failed: " + failure);
            failure.printStackTrace();
            status = 1;
        }
        // Bolt, Tyrus and WireMock leave pool threads behind; a benchmark JVM has nothing else to finish.
        System.exit(status);
    }

    static void run(Settings settings) throws Exception {
        Instant started = Instant.now();
        String loadAtStart = loadAverage();
        System.out.printf("Ack latency benchmark: %d warm-up + %d measured rounds of %d envelopes per subject%n",
                settings.warmupRounds, settings.rounds, settings.burst);
        Path dataDir = Files.createTempDirectory("watchdog-ack-bench");
        try (BareBolt bare = BareBolt.start(); WatchdogSubject watchdog = WatchdogSubject.start(dataDir)) {
            List<Subject> subjects = List.of(bare, watchdog);
            for (int round = 0; round < settings.warmupRounds; round++) {
                for (Subject subject : inRoundOrder(subjects, round)) {
                    runRound(subject, settings, round);
                }
            }
            System.gc();
            Map<Subject, Measured> measured = new LinkedHashMap<>();
            subjects.forEach(subject -> measured.put(subject, new Measured()));
            for (int round = 0; round < settings.rounds; round++) {
                for (Subject subject : inRoundOrder(subjects, round)) {
                    measured.get(subject).add(runRound(subject, settings, settings.warmupRounds + round));
                }
            }
            String report = report(settings, measured, bare, watchdog, loadAtStart,
                    Duration.between(started, Instant.now()));
            System.out.print(report);
            Path out = settings.out.toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** Alternates which subject goes first, so neither always runs right after the other's round. */
    private static List<Subject> inRoundOrder(List<Subject> subjects, int round) {
        List<Subject> order = new ArrayList<>(subjects);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    private static Map<Kind, List<Long>> emptySamples() {
        Map<Kind, List<Long>> samples = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            samples.put(kind, new ArrayList<>());
        }
        return samples;
    }

    /** Sends one burst, waits for every ack, lets the subject settle; returns the latencies in nanoseconds by kind. */
    static RoundResult runRound(Subject subject, Settings settings, int round) throws InterruptedException {
        List<Prepared> envelopes = workload(subject, settings.burst, new Random(1_000L + round));
        FakeSocketModeServer server = subject.socketMode();
        List<String> ids = new ArrayList<>(envelopes.size());
        CpuSnapshot before = CpuSnapshot.take();
        for (Prepared prepared : envelopes) {
            ids.add(server.sendEnvelope(prepared.envelope()));
        }
        Map<Kind, List<Long>> latencies = emptySamples();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Duration latency = Await.value(ACK_TIMEOUT, () -> server.ackLatency(id),
                    () -> subject.name() + " did not ack envelope " + id + " in round " + round);
            latencies.get(envelopes.get(i).kind()).add(latency.toNanos());
        }
        CpuUse cpu = CpuSnapshot.take().since(before);
        long settleStarted = System.nanoTime();
        subject.settle();
        if (settings.verbose) {
            long[] all = sortedArray(latencies.values().stream().flatMap(List::stream).toList());
            System.out.printf(Locale.ROOT, "round %2d %-10s p50 %8s  p99 %8s  max %8s ms; CPU ms: Bolt %s, Watchdog %s,"
                            + " WireMock %s, GC+JIT %s (GC %d ms); settled in %s ms%n", round, subject.name(),
                    ms(percentile(all, 50)), ms(percentile(all, 99)), ms(all[all.length - 1]),
                    ms(cpu.cpuNanos().get(CpuGroup.BOLT)), ms(cpu.cpuNanos().get(CpuGroup.WATCHDOG)),
                    ms(cpu.cpuNanos().get(CpuGroup.WIREMOCK)), ms(cpu.cpuNanos().get(CpuGroup.JVM)),
                    cpu.gcMillis(), ms(System.nanoTime() - settleStarted));
        }
        Thread.sleep(PAUSE.toMillis());
        return new RoundResult(latencies, cpu);
    }

    /**
     * One round's burst: 40% slash commands (status, alerts), 60% clicks on the subject's alert message (ack, unack,
     * snooze select, unsnooze), shuffled by {@code random}.
     */
    static List<Prepared> workload(Subject subject, int burst, Random random) {
        Target target = subject.target();
        String responseUrlBase = subject.responseUrlBase();
        int slashCommands = burst * 40 / 100;
        List<Prepared> envelopes = new ArrayList<>(burst);
        for (int i = 0; i < slashCommands; i++) {
            String id = UUID.randomUUID().toString();
            SlashCommand command = SlashCommand.watchdog(i % 2 == 0 ? "status" : "alerts");
            envelopes.add(new Prepared(Kind.SLASH_COMMAND,
                    SlackEnvelopes.slashCommand(id, command, responseUrlBase + id)));
        }
        for (int i = 0; i < burst - slashCommands; i++) {
            BlockAction click = switch (i % 4) {
                case 0 -> BlockAction.button(AlertMessage.ACK, target.alertId());
                case 1 -> BlockAction.button(AlertMessage.UNACK, target.alertId());
                case 2 -> BlockAction.staticSelect(AlertMessage.SNOOZE, target.alertId() + (i % 8 == 2 ? ":15m" : ":1h"));
                default -> BlockAction.button(AlertMessage.UNSNOOZE, target.alertId());
            };
            String id = UUID.randomUUID().toString();
            envelopes.add(new Prepared(Kind.BUTTON_CLICK, SlackEnvelopes.blockActions(id,
                    click.inBlock("alert-actions").onMessage(target.channel(), target.messageTs()),
                    responseUrlBase + id)));
        }
        Collections.shuffle(envelopes, random);
        return envelopes;
    }

    // ---- subjects --------------------------------------------------------------------------------------------

    interface Subject extends AutoCloseable {

        String name();

        FakeSocketModeServer socketMode();

        String responseUrlBase();

        Target target();

        /** Returns once the work this subject started for the last round has finished. */
        void settle();

        @Override
        void close();
    }

    /** A Bolt app whose handlers only ack: the floor Watchdog is compared with. */
    static final class BareBolt implements Subject {

        private final SlackTestHarness slack;

        private BareBolt(SlackTestHarness slack) {
            this.slack = slack;
        }

        static BareBolt start() {
            SlackTestHarness slack = SlackTestHarness.start();
            try {
                App app = slack.newApp();
                app.command(SlashCommandRouter.COMMAND, (request, context) -> context.ack());
                for (String actionId : AlertMessage.ACTION_IDS) {
                    app.blockAction(actionId, (request, context) -> context.ack());
                }
                slack.startSocketMode(app);
                return new BareBolt(slack);
            } catch (RuntimeException failure) {
                slack.close();
                throw failure;
            }
        }

        @Override
        public String name() {
            return "bare Bolt";
        }

        @Override
        public FakeSocketModeServer socketMode() {
            return slack.socketMode();
        }

        @Override
        public String responseUrlBase() {
            return slack.api().responseUrlBase();
        }

        @Override
        public Target target() {
            return new Target("1", FakeWorkspace.CHANNEL_ID, "1700000000.000100");
        }

        @Override
        public void settle() {
            // Nothing runs after the ack.
        }

        @Override
        public void close() {
            slack.close();
        }
    }

    /** The whole Watchdog, in-process, with CheckoutErrors firing and its alert message posted. */
    static final class WatchdogSubject implements Subject {

        private final FakePrometheus prometheus;
        private final SlackTestHarness slack;
        private final RunningWatchdog watchdog;
        private final Target target;

        private WatchdogSubject(FakePrometheus prometheus, SlackTestHarness slack, RunningWatchdog watchdog,
                Target target) {
            this.prometheus = prometheus;
            this.slack = slack;
            this.watchdog = watchdog;
            this.target = target;
        }

        static WatchdogSubject start(Path dataDir) throws Exception {
            FakePrometheus prometheus = new FakePrometheus();
            SlackTestHarness slack = null;
            RunningWatchdog watchdog = null;
            try {
                prometheus.answer(ERRORS, Map.of("team", "checkout"), 0.12);
                prometheus.nothingFor(DISKS);
                prometheus.nothingFor(LATENCY);
                slack = SlackTestHarness.start();
                watchdog = RunningWatchdog.start(slack, prometheus.url(), RULES, "", dataDir, Clock.systemUTC());
                slack.socketMode().awaitConnected(SlackTestHarness.TIMEOUT);
                SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, SlackTestHarness.TIMEOUT).get(0);
                String alertId = SlackBlocks.byId(post.attachments().get(0), "alert-actions")
                        .path("elements").get(0).path("value").asText();
                if (alertId.isEmpty()) {
                    throw new IllegalStateException("the alert message carries no alert id: " + post);
                }
                Target target = new Target(alertId, post.channel(), post.postedTs());
                awaitClickable(slack, target);
                return new WatchdogSubject(prometheus, slack, watchdog, target);
            } catch (Exception | Error failure) {
                if (watchdog != null) {
                    watchdog.close();
                }
                if (slack != null) {
                    slack.close();
                }
                prometheus.close();
                throw failure;
            }
        }

        /**
         * The fake records chat.postMessage before Watchdog has the answer and stores the message's ts; until then a
         * click on the message is refused as not belonging to the alert. Acknowledges once it is accepted, so every
         * measured click acts on the stored message, then takes the acknowledgement back.
         */
        private static void awaitClickable(SlackTestHarness slack, Target target) {
            Await.until(SlackTestHarness.TIMEOUT, () -> {
                int updates = slack.api().calls("chat.update").size();
                String envelope = slack.socketMode().sendBlockActions(BlockAction.button(AlertMessage.ACK, target.alertId())
                        .onMessage(target.channel(), target.messageTs()));
                return Await.value(SlackTestHarness.TIMEOUT, () -> {
                    if (slack.api().calls("chat.update").size() > updates) {
                        return Optional.of(true);
                    }
                    return slack.api().responseUrlPosts(envelope).isEmpty() ? Optional.empty() : Optional.of(false);
                }, () -> "the acknowledge click was neither applied nor refused");
            }, () -> "Watchdog kept refusing clicks on its own alert message");
            int updates = slack.api().calls("chat.update").size();
            slack.socketMode().sendBlockActions(BlockAction.button(AlertMessage.UNACK, target.alertId())
                    .onMessage(target.channel(), target.messageTs()));
            slack.api().awaitCalls("chat.update", updates + 1, SlackTestHarness.TIMEOUT);
        }

        @Override
        public String name() {
            return "Watchdog";
        }

        @Override
        public FakeSocketModeServer socketMode() {
            return slack.socketMode();
        }

        @Override
        public String responseUrlBase() {
            return slack.api().responseUrlBase();
        }

        @Override
        public Target target() {
            return target;
        }

        /** Waits until the fake Slack has seen no request (Web API or response_url) for {@link #QUIET}. */
        @Override
        public void settle() {
            long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
            int seen = requests().size();
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < QUIET.toNanos()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Watchdog's after-ack work did not finish within " + SETTLE_LIMIT);
                }
                sleep(Duration.ofMillis(20));
                int now = requests().size();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                }
            }
        }

        List<ServeEvent> requests() {
            return slack.api().wireMock().getAllServeEvents();
        }

        long webApiCalls(String method) {
            return slack.api().calls(method).size();
        }

        long responseUrlPosts() {
            return responseUrlBodies().count();
        }

        /** Replies saying a click did not act on the alert at all: none are expected, every click names it rightly. */
        long clicksRefusedAsForeign() {
            return responseUrlBodies()
                    .filter(body -> body.contains("does not belong to alert") || body.contains("does not name a known"))
                    .count();
        }

        private Stream<String> responseUrlBodies() {
            return requests().stream()
                    .filter(event -> event.getRequest().getUrl().startsWith("/response/"))
                    .map(event -> event.getRequest().getBodyAsString());
        }

        /** Slash command acks that carried a reply text, i.e. status and alerts really answered. */
        long slashRepliesWithText() {
            return slack.socketMode().acks().stream()
                    .filter(ack -> !ack.payload().path("text").asText().isEmpty())
                    .count();
        }

        @Override
        public void close() {
            watchdog.close();
            slack.close();
            prometheus.close();
        }
    }

    // ---- where the CPU went ------------------------------------------------------------------------------------

    /** Thread groups, by thread name, whose CPU time is reported separately. */
    enum CpuGroup {
        BOLT("Bolt queue+handlers", "socket-mode-message-processor", "slack-bolt-socket-mode-worker", "slack-handlers"),
        WATCHDOG("Watchdog threads", "slack-work", "slack-delivery", "rule-poller", "store-pruner",
                "prometheus-metrics", "HTTP-Dispatcher", "OkHttp", "Okio"),
        TYRUS("Tyrus client", "tyrus-", "Grizzly"),
        FAKE_SOCKET("fake socket srv", "WebSocket", "connectionLostChecker"),
        WIREMOCK("WireMock fakes", "qtp", "Connector-Scheduler"),
        OTHER("other Java"),
        JVM("GC, JIT");

        final String label;
        final List<String> prefixes;

        CpuGroup(String label, String... prefixes) {
            this.label = label;
            this.prefixes = List.of(prefixes);
        }

        static CpuGroup of(String threadName) {
            for (CpuGroup group : values()) {
                if (group.prefixes.stream().anyMatch(threadName::startsWith)) {
                    return group;
                }
            }
            return OTHER;
        }
    }

    /** CPU nanoseconds by thread group and wall nanoseconds, summed over rounds. */
    record CpuUse(int rounds, long wallNanos, long gcMillis, Map<CpuGroup, Long> cpuNanos) {

        static final CpuUse NONE = new CpuUse(0, 0, 0, new EnumMap<>(CpuGroup.class));

        CpuUse plus(CpuUse other) {
            Map<CpuGroup, Long> sum = new EnumMap<>(CpuGroup.class);
            sum.putAll(cpuNanos);
            other.cpuNanos.forEach((group, nanos) -> sum.merge(group, nanos, Long::sum));
            return new CpuUse(rounds + other.rounds, wallNanos + other.wallNanos, gcMillis + other.gcMillis, sum);
        }

        long total() {
            return cpuNanos.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** CPU time of every live Java thread and of the whole process at one moment. */
    record CpuSnapshot(long atNanos, long processCpuNanos, long gcMillis, Map<Long, Long> threadCpuNanos,
                       Map<Long, String> threadNames) {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static CpuSnapshot take() {
            Map<Long, Long> cpu = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            if (THREADS.isThreadCpuTimeSupported()) {
                if (!THREADS.isThreadCpuTimeEnabled()) {
                    THREADS.setThreadCpuTimeEnabled(true);
                }
                for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                    if (info != null) {
                        long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                        if (nanos >= 0) {
                            cpu.put(info.getThreadId(), nanos);
                            names.put(info.getThreadId(), info.getThreadName());
                        }
                    }
                }
            }
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum();
            return new CpuSnapshot(System.nanoTime(), readProcessCpuNanos(), gc, cpu, names);
        }

        /** What was used between {@code before} and this snapshot; threads that ended meanwhile are not counted. */
        CpuUse since(CpuSnapshot before) {
            Map<CpuGroup, Long> byGroup = new EnumMap<>(CpuGroup.class);
            for (CpuGroup group : CpuGroup.values()) {
                byGroup.put(group, 0L);
            }
            long javaThreads = 0;
            for (Map.Entry<Long, Long> thread : threadCpuNanos.entrySet()) {
                long used = thread.getValue() - before.threadCpuNanos.getOrDefault(thread.getKey(), 0L);
                byGroup.merge(CpuGroup.of(threadNames.get(thread.getKey())), used, Long::sum);
                javaThreads += used;
            }
            long process = processCpuNanos - before.processCpuNanos;
            if (processCpuNanos >= 0 && before.processCpuNanos >= 0) {
                byGroup.put(CpuGroup.JVM, Math.max(0, process - javaThreads));
            }
            return new CpuUse(1, atNanos - before.atNanos, gcMillis - before.gcMillis, byGroup);
        }

        private static long readProcessCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
        }
    }

    // ---- report ------------------------------------------------------------------------------------------------

    static String report(Settings settings, Map<Subject, Measured> measured, BareBolt bare, WatchdogSubject watchdog,
            String loadAtStart, Duration took) {
        StringBuilder out = new StringBuilder();
        int slash = settings.burst * 40 / 100;
        out.append("\nEnvelope-to-ack latency through the fake Socket Mode server (Bolt ").append(BoltLibraryVersion.get())
                .append(", Socket Mode over Tyrus)\n");
        out.append(String.format(Locale.ROOT, "Bursts of %d concurrent envelopes: %d slash commands (status, alerts),"
                        + " %d button clicks (ack, unack, snooze, unsnooze on a firing alert's message)%n",
                settings.burst, slash, settings.burst - slash));
        out.append(String.format(Locale.ROOT, "%d warm-up rounds discarded, then %d measured rounds per subject,"
                + " subjects alternating in the same JVM%n", settings.warmupRounds, settings.rounds));
        out.append("Machine: ").append(machine()).append('\n');
        out.append("Load average (1, 5, 15 min) at start: ").append(loadAtStart).append(", at end: ")
                .append(loadAverage()).append(" (other processes on the machine share its cores)\n\n");

        out.append(String.format(Locale.ROOT, "%-10s %-14s %6s %9s %9s %9s %9s%n",
                "subject", "envelopes", "count", "p50 ms", "p90 ms", "p99 ms", "max ms"));
        Map<Subject, Map<String, long[]>> sorted = new LinkedHashMap<>();
        measured.forEach((subject, results) -> {
            Map<Kind, List<Long>> byKind = results.latencies;
            Map<String, long[]> rows = new LinkedHashMap<>();
            for (Kind kind : Kind.values()) {
                rows.put(kind.label, sortedArray(byKind.get(kind)));
            }
            rows.put("all", sortedArray(byKind.values().stream().flatMap(List::stream).toList()));
            sorted.put(subject, rows);
            rows.forEach((label, nanos) -> out.append(String.format(Locale.ROOT, "%-10s %-14s %6d %9s %9s %9s %9s%n",
                    subject.name(), label, nanos.length, ms(percentile(nanos, 50)), ms(percentile(nanos, 90)),
                    ms(percentile(nanos, 99)), ms(nanos[nanos.length - 1]))));
        });

        out.append('\n');
        Map<String, long[]> bareRows = sorted.get(bare);
        Map<String, long[]> watchdogRows = sorted.get(watchdog);
        for (String label : bareRows.keySet()) {
            double ratio = (double) percentile(watchdogRows.get(label), 99) / percentile(bareRows.get(label), 99);
            out.append(String.format(Locale.ROOT, "Watchdog p99 / bare p99, %-14s %5.2fx  %s%n", label + ":", ratio,
                    ratio <= TARGET_RATIO ? "(within the " + TARGET_RATIO + "x target)"
                            : "(ABOVE the " + TARGET_RATIO + "x target)"));
        }
        long[] all = watchdogRows.get("all");
        out.append(String.format(Locale.ROOT, "Watchdog max %s ms, p99 %s ms: %.1f%% of Slack's %d ms ack limit%n",
                ms(all[all.length - 1]), ms(percentile(all, 99)),
                100.0 * percentile(all, 99) / SLACK_ACK_LIMIT.toNanos(), SLACK_ACK_LIMIT.toMillis()));
        long bareRoundP99 = median(measured.get(bare).roundP99s);
        long watchdogRoundP99 = median(measured.get(watchdog).roundP99s);
        out.append(String.format(Locale.ROOT, "Median over rounds of each round's p99 (less swayed by one stalled round):"
                        + " bare %s ms, Watchdog %s ms, ratio %.2fx%n", ms(bareRoundP99), ms(watchdogRoundP99),
                (double) watchdogRoundP99 / bareRoundP99));
        Map<Subject, CpuUse> cpu = new LinkedHashMap<>();
        measured.forEach((subject, results) -> cpu.put(subject, results.cpu));
        out.append(cpuTable(cpu));
        long slashSent = (long) (settings.warmupRounds + settings.rounds) * slash;
        out.append(String.format(Locale.ROOT, "Watchdog did the work: %d of %d slash command acks carried a reply,"
                        + " %d chat.update calls, %d ephemeral replies to response_urls (\"already acknowledged\","
                        + " \"not snoozed\"...; %d refused as not naming the alert)%n",
                watchdog.slashRepliesWithText(), slashSent, watchdog.webApiCalls("chat.update"),
                watchdog.responseUrlPosts(), watchdog.clicksRefusedAsForeign()));
        out.append(String.format(Locale.ROOT, "Run took %.1f s%n", took.toMillis() / 1000.0));
        return out.toString();
    }

    /** Mean per measured round, from the first send to the moment every ack had been seen. */
    private static String cpuTable(Map<Subject, CpuUse> cpu) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nCPU ms per round while the burst was being acked (first send to last ack seen; mean of rounds)%n"));
        out.append(String.format(Locale.ROOT, "%-10s %8s", "subject", "wall"));
        for (CpuGroup group : CpuGroup.values()) {
            out.append(String.format(Locale.ROOT, " %16s", group.label));
        }
        out.append(String.format(Locale.ROOT, " %9s %7s%n", "CPU total", "GC ms"));
        cpu.forEach((subject, use) -> {
            int rounds = Math.max(1, use.rounds());
            out.append(String.format(Locale.ROOT, "%-10s %8s", subject.name(), ms(use.wallNanos() / rounds)));
            for (CpuGroup group : CpuGroup.values()) {
                out.append(String.format(Locale.ROOT, " %16s", ms(use.cpuNanos().getOrDefault(group, 0L) / rounds)));
            }
            out.append(String.format(Locale.ROOT, " %9s %7.1f%n", ms(use.total() / rounds),
                    (double) use.gcMillis() / rounds));
        });
        return out.toString();
    }

    private static long median(List<Long> values) {
        return percentile(sortedArray(values), 50);
    }

    static long[] sortedArray(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1_000_000.0);
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores%s, Java %s (%s), %s %s %s, max heap %d MB",
                runtime.availableProcessors(), cpuModel(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), runtime.maxMemory() / (1024 * 1024));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unreadable) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
        }
    }

    private static String cpuModel() {
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> " (" + line.substring(line.indexOf(':') + 1).strip() + ")")
                    .findFirst().orElse("");
        } catch (IOException | UncheckedIOException unreadable) {
            return "";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
