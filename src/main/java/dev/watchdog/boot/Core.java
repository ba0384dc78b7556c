package dev.watchdog.boot;

import com.slack.api.methods.MethodsClient;
import dev.watchdog.concurrent.Routine;
import dev.watchdog.concurrent.Workers;
import dev.watchdog.db.Claims;
import dev.watchdog.db.Database;
import dev.watchdog.db.Leadership;
import dev.watchdog.db.StoreSettings;
import dev.watchdog.ops.OpsServer;
import dev.watchdog.ops.Readiness;
import dev.watchdog.ops.ServerSettings;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.ops.telemetry.TelemetrySettings;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusSettings;
import dev.watchdog.slack.BoltSlackPoster;
import dev.watchdog.slack.DeliveryPolicy;
import dev.watchdog.slack.DeliveryProblems;
import dev.watchdog.slack.DryRunSlackPoster;
import dev.watchdog.slack.Fallbacks;
import dev.watchdog.slack.PacedRetryingSlackPoster;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.SlackSettings;
import dev.watchdog.slack.SlashCommandRouter;
import dev.watchdog.slack.Sleeper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts every feature is built from: time, threads, the database, Prometheus, Slack, the ops
 * server and its metrics. It starts the features it is given and stops everything in reverse
 * order of start.
 */
public final class Core implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Core.class);

    private final Clock clock;
    private final Workers workers = new Workers();
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final List<Feature> features = new ArrayList<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WatchdogMetrics metrics = new WatchdogMetrics(registry);
    private final Readiness readiness = new Readiness();
    private final Readiness.Condition slackConnected = readiness.register("slack-connected");
    private final DeliveryProblems deliveryProblems = new DeliveryProblems();
    private final PrometheusClient prometheus;
    private Database database;
    private OpsServer ops;
    private SlackBot bot;
    private SlackPoster poster;

    private final Readiness.Condition storeReachable = readiness.register("store");
    private Leader leader;
    private Claims claims;
    private Telemetry telemetry;

    private Core(Clock clock, PrometheusSettings prometheus) {
        this.clock = clock;
        this.prometheus = PrometheusClient.from(prometheus);
        this.telemetry = own(Telemetry.install(TelemetrySettings.off(), metrics));
        metrics.pollInterval(prometheus.pollInterval());
    }

    /** Exports spans as {@code settings} say (call it right after {@link #open}); off until then. */
    public void trace(TelemetrySettings settings) {
        if (settings.enabled()) {
            telemetry = Telemetry.install(settings, metrics);
            parts.addLast(telemetry); // closed last, so the spans of shutting down are flushed too
        }
    }

    /** The tracer and metrics of every phase; the same as {@link Telemetry#get()} while this core runs. */
    public Telemetry telemetry() {
        return telemetry;
    }

    /**
     * Opens the database and the ops server and prepares Slack. With {@code dryRun} Slack calls are
     * printed to {@code out} instead of being made (one JSON line each with {@code json}), and the store is in memory: a trial must not
     * mark alerts as posted in the real store, or a later real run would never post them.
     */
    public static Core open(SlackSettings slack, PrometheusSettings prometheus, StoreSettings store,
            ServerSettings server, boolean dryRun, boolean json, PrintStream out, Clock clock) throws IOException {
        Core core = new Core(clock, prometheus);
        try {
            core.database = core.own(dryRun ? Database.inMemory() : Database.open(store));
            Leadership.Replica replica = Leadership.Replica.thisProcess();
            core.leader = new Leader(core.database, Leadership.of(core.database, replica, prometheus.pollInterval(),
                    clock), prometheus.pollInterval(), clock, core.storeReachable);
            core.claims = new Claims(core.database, replica.id(), clock);
            // Posted on a thread of its own: a slow Slack must never hold up renewing the lease.
            ExecutorService notices = core.workers.serial("store-notices");
            String channel = slack.channel();
            core.leader.onStoreOutage(notice -> notices.execute(
                    () -> core.poster.post(channel, null, SlackMessage.text(notice))));
            core.ops = core.own(OpsServer.start(server.host(), server.port(), core.readiness, core.registry,
                    core.workers.pool("ops-http", OpsServer.THREADS)));
            if (dryRun) {
                core.poster = new DryRunSlackPoster(out, json);
            } else {
                core.bot = core.own(new SlackBot(slack.botToken(), slack.appToken(), slack.apiUrl(),
                        core.workers.pool("slack-handlers", SlackBot.HANDLER_THREADS)));
                DeliveryPolicy policy = DeliveryPolicy.DEFAULT.withPerChannelInterval(slack.postInterval());
                core.poster = new PacedRetryingSlackPoster(
                        new BoltSlackPoster(core.bot.app().client(), core.metrics::slackRequest),
                        core.deliveryProblems, core.metrics::slackDelivery, policy, Clock.systemUTC(),
                        Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble());
            }
            // Stopped before the parts their work uses: a task still running at shutdown finishes with a store and
            // Slack, instead of failing on a closed database.
            core.parts.push(core.workers);
            return core;
        } catch (IOException | RuntimeException failure) {
            core.parts.push(core.workers);
            core.close();
            throw failure;
        }
    }

    /** Takes a feature in: it is started with the others and closed before the parts it was built from. */
    public <F extends Feature> F add(F feature) {
        features.add(feature);
        parts.push(feature);
        return feature;
    }

    /**
     * Registers every feature's Slack surfaces, connects to Slack, asks for the lead, then starts
     * the features in order, so a leader's first poll comes right away.
     */
    public void start() throws IOException {
        if (bot != null) {
            SlashCommandRouter commands = new SlashCommandRouter();
            features.forEach(feature -> feature.registerSlack(bot, commands));
            bot.register(commands::register);
            // Last, so it answers only what no feature registered.
            bot.register(new Fallbacks(commands, bot.afterAck(workers.pool("slack-fallbacks", 1)))::register);
            bot.start();
        }
        slackConnected.markReady();
        leader.runOnce();
        parts.push(leader::release);
        workers.schedule(leader);
        // Claims only have to outlive the moments two replicas hear of the same thing: a week is plenty.
        workers.schedule(leader.whileLeading(Routine.of("claims-pruner", Duration.ofHours(1), Duration.ZERO,
                () -> claims.pruneBefore(clock.instant().minus(Duration.ofDays(7))))));
        features.forEach(Feature::start);
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.push(part);
        return part;
    }

    public Clock clock() {
        return clock;
    }

    public Workers workers() {
        return workers;
    }

    /** Whether this replica leads, and its fenced writes; with SQLite it always leads. */
    public Leader leader() {
        return leader;
    }

    /** Work that must run once across replicas: the first to claim its key does it. */
    public Claims claims() {
        return claims;
    }

    public Database database() {
        return database;
    }

    public PrometheusClient prometheus() {
        return prometheus;
    }

    public WatchdogMetrics metrics() {
        return metrics;
    }

    public Readiness readiness() {
        return readiness;
    }

    public OpsServer ops() {
        return ops;
    }

    /** Where Watchdog's messages go: Slack, paced and retried, or the printed dry run. */
    public SlackPoster poster() {
        return poster;
    }

    /** Slack's Web API for look-ups (user groups, thread history); empty in a dry run. */
    public Optional<MethodsClient> slackApi() {
        return Optional.ofNullable(bot).map(connected -> connected.app().client());
    }

    /** Messages Slack refused or that are still being retried, for {@code /watchdog status}. */
    public DeliveryProblems deliveryProblems() {
        return deliveryProblems;
    }

    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("while stopping {}: {}", part.getClass().getSimpleName(), failure.toString(), failure);
            }
        }
    }
}
