package dev.watchdog;

import dev.watchdog.alerting.AlertListener;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertTemplates;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.alerting.ExternalAlertTracker;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.PrometheusAlertImport;
import dev.watchdog.alerting.RulePoller;
import dev.watchdog.alerting.SelfMonitor;
import dev.watchdog.agent.AgentDependencies;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Investigator;
import dev.watchdog.agent.Investigators;
import dev.watchdog.agent.slack.InvestigationLauncher;
import dev.watchdog.agent.slack.SlackThreadHistory;
import dev.watchdog.agent.slack.ThreadConversations;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.AlertActions;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.notify.AlertNotifier;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.alerting.notify.Router;
import dev.watchdog.alerting.slack.AlertButtons;
import dev.watchdog.alerting.slack.AlertCommands;
import dev.watchdog.alerting.slack.StatusCommand;
import dev.watchdog.gotemplate.QueryResultSample;
import dev.watchdog.approval.AgentProposals;
import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.slack.ApprovalFeature;
import dev.watchdog.ops.BuildVersion;
import dev.watchdog.config.ConfigException;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.logs.LogQuery;
import dev.watchdog.logs.LogSources;
import dev.watchdog.alerting.webhook.AlertmanagerWebhook;
import dev.watchdog.ops.LogSetup;
import dev.watchdog.ops.OpsServer;
import dev.watchdog.ops.Readiness;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.slack.BoltSlackPoster;
import dev.watchdog.slack.DeliveryPolicy;
import dev.watchdog.slack.DeliveryProblems;
import dev.watchdog.slack.SlackTokens;
import dev.watchdog.slack.Sleeper;
import dev.watchdog.slack.DryRunSlackPoster;
import dev.watchdog.slack.PacedRetryingSlackPoster;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.SlashCommandRouter;
import dev.watchdog.alerting.RetentionPruner;
import dev.watchdog.db.Database;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.agent.ConversationStore;
import dev.watchdog.agent.SqlConversationStore;
import dev.watchdog.approval.SqlProposalStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows every part: parses the command line, loads the config, builds
 * everything by hand and starts it.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final AlertTracker tracker;
    private final PollStatus pollStatus;
    private OpsServer ops;
    private ApprovalService approvals;

    private AlertStore store;

    private Watchdog(AlertTracker tracker, PollStatus pollStatus) {
        this.tracker = tracker;
        this.pollStatus = pollStatus;
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale: containers often have none, and Slack text is UTF-8.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int exit = run(Arrays.asList(args), System.getenv(), out, err);
        if (exit != OK) {
            System.exit(exit);
        }
    }

    /** Runs the command line; for {@code run} it returns only when the process is asked to stop. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Cli cli;
        try {
            cli = Cli.parse(args, env);
        } catch (Cli.UsageError usage) {
            err.println("watchdog: " + usage.getMessage());
            err.print(Cli.usage());
            return BAD_INPUT;
        }
        switch (cli.command()) {
            case VERSION -> {
                out.println("watchdog " + BuildVersion.current().version());
                return OK;
            }
            case HELP -> {
                out.print(Cli.usage());
                return OK;
            }
            default -> {
                // load the config below
            }
        }
        WatchdogConfig config;
        try {
            config = new ConfigLoader(env).load(cli.config());
        } catch (ConfigException invalid) {
            err.println("watchdog: " + cli.config() + " has " + invalid.problems().size() + " problem(s):");
            invalid.problems().forEach(problem -> err.println("  " + problem));
            return BAD_INPUT;
        }
        LogSetup.maskConfiguredSecrets(configuredSecrets(config));
        if (cli.command() == Cli.Command.CHECK_CONFIG) {
            List<String> problems = new ConfigCheck(prometheusClient(config), Clock.systemUTC()).run(config, out);
            problems.forEach(problem -> err.println("  " + problem));
            out.println(problems.isEmpty() ? "config OK" : "config has " + problems.size() + " problem(s)");
            return problems.isEmpty() ? OK : BAD_INPUT;
        }
        List<String> tokenProblems = cli.dryRun() ? List.of()
                : SlackTokens.problems(config.slack(), config.unsetVariables());
        if (!tokenProblems.isEmpty()) {
            err.println("watchdog: cannot connect to Slack:");
            tokenProblems.forEach(problem -> err.println("  " + problem));
            err.println("Create the Slack app from manifest.yml (README, \"Create the Slack app\") and set the"
                    + " tokens, or try Watchdog without Slack: --dry-run");
            return BAD_INPUT;
        }
        try (Watchdog watchdog = start(config, cli.dryRun(), out, Clock.systemUTC())) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                watchdog.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return OK;
        } catch (IOException failure) {
            err.println("watchdog: " + failure.getMessage());
            return FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return OK;
        }
    }

    /**
     * Builds and starts everything. With {@code dryRun} Slack calls are printed to {@code out}
     * instead of being made, and no Slack connection is opened.
     */
    public static Watchdog start(WatchdogConfig config, boolean dryRun, PrintStream out, Clock clock)
            throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        WatchdogMetrics metrics = new WatchdogMetrics(registry);
        Readiness readiness = new Readiness();
        Readiness.Condition slackConnected = readiness.register("slack-connected");
        Readiness.Condition firstPoll = readiness.register("first-poll");

        PrometheusClient prometheus = prometheusClient(config);
        // A dry run must not record fake Slack messages in the real store, or a later real run
        // would think its alerts were already posted.
        Database database = dryRun ? Database.inMemory() : Database.sqlite(config.store().path());
        AlertStore store = new SqlAlertStore(database, clock);
        ConversationStore conversationStore = new SqlConversationStore(database);
        SelfMonitor selfMonitor = new SelfMonitor(config.prometheus().url(), config.prometheus().unreachableAfter());
        List<AlertRule> rules = new ArrayList<>(config.rules());
        rules.addAll(selfMonitor.rules());
        AlertTemplates templates = new AlertTemplates(config.prometheus().externalLabels(), config.prometheus().url(),
                promql -> prometheus.query(promql, clock.instant()).stream()
                        .map(sample -> new QueryResultSample(sample.labels(), sample.value())).toList());
        AlertTracker tracker = new AlertTracker(rules, templates, store);
        PollStatus pollStatus = new PollStatus();

        Watchdog watchdog = new Watchdog(tracker, pollStatus);
        watchdog.store = store;
        watchdog.parts.push(database);
        try {
            OpsServer ops = OpsServer.start(config.server().host(), config.server().port(), readiness, registry);
            watchdog.ops = ops;
            watchdog.parts.push(ops);
            int restored = tracker.restore();

            RetentionPruner pruner = new RetentionPruner(store, config.store().retention(), clock);
            watchdog.parts.push(pruner);
            pruner.start();

            SlackPoster poster;
            SlackBot bot = null;
            DeliveryProblems deliveryProblems = new DeliveryProblems();
            if (dryRun) {
                poster = new DryRunSlackPoster(out);
            } else {
                bot = new SlackBot(config.slack().botToken(), config.slack().appToken(), config.slack().apiUrl());
                watchdog.parts.push(bot);
                DeliveryPolicy policy = new DeliveryPolicy(config.slack().postInterval(), DeliveryPolicy.DEFAULT.maxAttempts(),
                        DeliveryPolicy.DEFAULT.firstBackoff(), DeliveryPolicy.DEFAULT.maxBackoff(),
                        DeliveryPolicy.DEFAULT.deadline());
                poster = new PacedRetryingSlackPoster(new BoltSlackPoster(bot.app().client(), metrics::slackRequest),
                        deliveryProblems, metrics::slackDelivery, policy, Clock.systemUTC(), Sleeper.system(),
                        () -> ThreadLocalRandom.current().nextDouble());
            }
            Router router = new Router(config.routes(), config.slack().channel());
            Snoozes snoozes = new Snoozes(store, config.alerting().snoozeOptions(), clock);
            AlertViews views = new AlertViews(store, snoozes, rules, config.prometheus().url(), router);
            AlertNotifier notifier = new AlertNotifier(poster, store, views, snoozes, config.alerting(), clock);
            watchdog.parts.push(notifier);
            AlertActions alertActions = new AlertActions(store, snoozes, notifier, clock);

            // Approval-gated actions: the agent proposes through its propose_action tool; people decide in Slack.
            ApprovalFeature approvals = new ApprovalFeature(config.actions(), new SqlProposalStore(database), poster,
                    bot == null ? null : bot.app().client(), configuredSecrets(config), clock);
            watchdog.parts.push(approvals);
            watchdog.approvals = approvals.service();

            LogSources logs = LogSources.from(config.logs(), clock);
            watchdog.parts.push(logs);
            AgentDependencies agentNeeds = AgentDependencies.of(prometheus, searchLogs(logs),
                    DeploymentSources.from(config.deployments(), clock), store, conversationStore, clock)
                    .withUsageListener((kind, usage) -> metrics.llmTokens(kind, usage.inputTokens(),
                            usage.outputTokens()))
                    .withProposals(new AgentProposals(approvals.service(), store));
            if (bot != null) {
                agentNeeds = agentNeeds.withThreadHistory(new SlackThreadHistory(bot.app().client()));
            }
            Investigator investigator = Investigators.create(config.llm(), agentNeeds);
            CostLine costLine = CostLine.from(config.llm());
            InvestigationLauncher investigations = new InvestigationLauncher(investigator, notifier, views,
                    conversationStore, costLine, 2, 50);
            watchdog.parts.push(investigations);
            if (config.llm().analyzeAlerts()) {
                notifier.onAnnounced(investigations);
            }
            AlertListener pipeline = transitions -> {
                countFired(transitions, metrics);
                notifier.onTransitions(transitions);
            };
            ExternalAlertTracker external = new ExternalAlertTracker(store, pipeline, clock);
            AlertmanagerWebhook.register(ops, external, config.server().webhookToken());

            if (bot != null) {
                SlashCommandRouter commands = new SlashCommandRouter()
                        .add(new StatusCommand(tracker, pollStatus, selfMonitor, deliveryProblems,
                                config.prometheus().url()));
                new AlertCommands(alertActions, snoozes, store).subCommands().forEach(commands::add);
                approvals.subCommands().forEach(commands::add);
                SlackBot slackBot = bot;
                bot.register(app -> approvals.register(app, slackBot::afterAck));
                bot.register(commands::register);
                ExecutorService slackWork = Executors.newFixedThreadPool(2, daemon("slack-work"));
                watchdog.parts.push(slackWork::shutdownNow);
                bot.register(new AlertButtons(alertActions, bot.afterAck(slackWork), (alert, user) -> investigations.investigateNow(alert)
                        ? "Investigating: the analysis comes in the alert's thread."
                        : "Too many investigations are running right now; try again in a minute.")::register);
                ExecutorService conversationWork = Executors.newFixedThreadPool(2, daemon("conversation"));
                watchdog.parts.push(conversationWork::shutdownNow);
                ThreadConversations conversations = new ThreadConversations(investigator, poster, store,
                        conversationStore, views, costLine, conversationWork);
                commands.add(conversations.askCommand());
                bot.register(conversations::register);
                bot.start();
            }
            slackConnected.markReady();
            approvals.start();
            notifier.start(config.prometheus().pollInterval());

            RulePoller poller = new RulePoller(config.groups(), config.prometheus().pollInterval(),
                    prometheus::query, tracker, selfMonitor, pipeline, pollStatus, new RulePoller.PollObserver() {
                        @Override
                        public void polled(Instant at, Duration took, boolean reachedPrometheus) {
                            if (reachedPrometheus) {
                                metrics.pollSucceeded(at, took);
                            } else {
                                metrics.pollFailed(took);
                            }
                            metrics.alertsFiring(tracker.alerts(AlertState.FIRING).size());
                            firstPoll.markReady();
                        }

                        @Override
                        public void ruleEvaluated(AlertRule rule, String outcome) {
                            metrics.ruleEvaluated(rule.name(), outcome);
                        }
                    }, clock);
            watchdog.parts.push(poller);
            poller.start();
            if (config.prometheus().importAlerts()) {
                PrometheusAlertImport importer = new PrometheusAlertImport(prometheus, external);
                watchdog.parts.push(importer);
                importer.start(config.prometheus().pollInterval());
            }
            log.info("watchdog {} started: {} rule(s), {} alert(s) restored from the store, Prometheus {}, channel {}{}",
                    BuildVersion.current().version(), config.rules().size(), restored, config.prometheus().url(),
                    config.slack().channel(),
                    dryRun ? " (dry run: Slack calls are printed, not sent; the store is in memory)" : "");
            return watchdog;
        } catch (IOException | RuntimeException failure) {
            watchdog.close();
            throw failure;
        }
    }

    /** The agent's log tool on the configured log sources; a bad regex or level comes back as text. */
    private static LogSearcher searchLogs(LogSources logs) {
        return (query, window, level) -> logs.search(new LogQuery(query, window, level, null)).render();
    }

    /** Every credential read from config, to mask in logs and in text shown in Slack. */
    private static List<String> configuredSecrets(WatchdogConfig config) {
        List<String> secrets = new ArrayList<>(List.of(config.slack().botToken().reveal(),
                config.slack().appToken().reveal(), config.llm().apiKey().reveal(),
                config.server().webhookToken().reveal()));
        secrets.addAll(config.deployments().secrets());
        secrets.addAll(config.logs().secrets());
        secrets.addAll(config.actions().secrets());
        return secrets;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void countFired(List<AlertTransition> transitions, WatchdogMetrics metrics) {
        transitions.stream()
                .filter(transition -> transition.kind() == AlertTransition.Kind.FIRING)
                .forEach(transition -> metrics.alertFired(transition.alert().ruleName()));
    }

    private static PrometheusClient prometheusClient(WatchdogConfig config) {
        return new PrometheusClient(config.prometheus().url(), SharedHttpClient.get(),
                config.prometheus().queryTimeout());
    }

    public int opsPort() {
        return ops.port();
    }

    public AlertStore store() {
        return store;
    }

    public AlertTracker tracker() {
        return tracker;
    }

    public PollStatus pollStatus() {
        return pollStatus;
    }

    /** Proposals of catalogue actions: what the agent's propose_action tool calls. */
    public ApprovalService approvals() {
        return approvals;
    }

    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception failure) {
                log.warn("while stopping: {}", failure.getMessage());
            }
        }
    }
}
