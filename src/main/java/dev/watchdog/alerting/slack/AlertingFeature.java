package dev.watchdog.alerting.slack;

import dev.watchdog.agent.SqlConversationStore;
import dev.watchdog.agent.incident.SqlIncidentStore;
import dev.watchdog.alerting.AlertActions;
import dev.watchdog.alerting.AlertListener;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTemplates;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.alerting.AlertingSettings;
import dev.watchdog.alerting.ExternalAlertTracker;
import dev.watchdog.alerting.FiringCounts;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.PrometheusAlertImport;
import dev.watchdog.alerting.RetentionPruner;
import dev.watchdog.alerting.RuleGroup;
import dev.watchdog.alerting.RulePoller;
import dev.watchdog.alerting.SelfMonitor;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.SqlStormStore;
import dev.watchdog.alerting.StormStore;
import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.alerting.evaluation.PreparedRuleQueries;
import dev.watchdog.alerting.evaluation.QueryConcurrency;
import dev.watchdog.alerting.notify.AlertNotifier;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.alerting.notify.Route;
import dev.watchdog.alerting.notify.Router;
import dev.watchdog.alerting.webhook.AlertmanagerWebhook;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.boot.Core;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.reports.slack.SlackUploads;
import dev.watchdog.boot.Feature;
import dev.watchdog.boot.Leader;
import dev.watchdog.db.Prunable;
import dev.watchdog.gotemplate.QueryResultSample;
import dev.watchdog.ops.Readiness;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.prometheus.PrometheusSettings;
import dev.watchdog.security.Secret;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlashCommandRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import okhttp3.MediaType;

/**
 * Alerting: rules polled from Prometheus and alerts from Alertmanager, tracked in the store, told
 * to Slack through the notifier's stages, with the alert buttons and {@code /watchdog status},
 * {@code alerts}, {@code ack}, {@code snooze} and {@code unsnooze}.
 */
public final class AlertingFeature implements Feature {

    /** What alerting needs from the config. */
    public record Settings(List<RuleGroup> groups, List<Route> routes, String defaultChannel,
            PrometheusSettings prometheus, AlertingSettings alerting, Duration retention, Secret webhookToken) {
    }

    private static final MediaType TSV = MediaType.get("text/tab-separated-values; charset=utf-8");

    private final Core core;
    private final Settings settings;
    private final AlertStore store;
    private final StormStore storms;
    private final SelfMonitor selfMonitor;
    private final AlertTracker tracker;
    private final PollStatus pollStatus = new PollStatus();
    private final Snoozes snoozes;
    private final AlertViews views;
    private final AlertNotifier notifier;
    private final AlertActions actions;
    private final AlertListener pipeline;
    private final ExternalAlertTracker external;
    private final Readiness.Condition firstPoll;
    private final int restored;
    private final List<Supplier<Optional<String>>> statusLines = new CopyOnWriteArrayList<>();
    private volatile AlertButtons.Investigation investigation =
            (alert, user) -> "There is no investigator in this Watchdog.";

    public AlertingFeature(Core core, Settings settings) {
        this.core = core;
        this.settings = settings;
        this.firstPoll = core.readiness().register("first-poll");
        this.store = new SqlAlertStore(core.database(), core.clock());
        this.storms = new SqlStormStore(core.database());
        PrometheusSettings prometheus = settings.prometheus();
        this.selfMonitor = new SelfMonitor(prometheus.url(), prometheus.unreachableAfter());
        List<AlertRule> rules = new ArrayList<>();
        settings.groups().forEach(group -> rules.addAll(group.rules()));
        rules.addAll(selfMonitor.rules());
        AlertTemplates templates = new AlertTemplates(prometheus.externalLabels(), prometheus.url(),
                promql -> core.prometheus().query(promql, core.clock().instant()).stream()
                        .map(sample -> new QueryResultSample(sample.labels(), sample.value())).toList());
        this.tracker = new AlertTracker(rules, templates, store, write -> core.leader().fenced(
                "record the alerts of a poll", () -> {
                    write.run();
                    return null;
                }));
        this.snoozes = new Snoozes(store, settings.alerting().snoozeOptions(), core.clock());
        this.views = new AlertViews(store, snoozes, rules, prometheus.url(),
                new Router(settings.routes(), settings.defaultChannel()));
        this.notifier = new AlertNotifier(writeClass -> core.workers().serial("slack-delivery-" + writeClass.label()),
                core.deliveryProblems().backlog(), core.poster(), store, storms, views,
                snoozes, settings.alerting(), core.clock());
        this.actions = new AlertActions(store, snoozes, notifier, core.clock());
        WatchdogMetrics metrics = core.metrics();
        metrics.countFiringAlertsWith(new FiringCounts(store));
        this.pipeline = transitions -> {
            transitions.stream()
                    .filter(transition -> transition.kind() == AlertTransition.Kind.FIRING)
                    .forEach(transition -> metrics.alertFired(transition.alert().ruleName()));
            notifier.onTransitions(transitions);
        };
        this.external = new ExternalAlertTracker(store, pipeline, core.clock());
        AlertmanagerWebhook.register(core.ops(), external, settings.webhookToken());
        this.restored = tracker.restore();
        // A replica that becomes the leader goes on from the timers the old leader stored.
        core.leader().onTakeOver(tracker::reload);
    }

    /** Adds a line to {@code /watchdog status} (empty: nothing to say now), e.g. the model budget. */
    public void addStatusLine(Supplier<Optional<String>> line) {
        statusLines.add(line);
    }

    /** The Investigate button starts what the investigator offers; without one it says there is none. */
    public void onInvestigate(AlertButtons.Investigation investigation) {
        this.investigation = investigation;
    }

    @Override
    public void registerSlack(SlackBot bot, SlashCommandRouter commands) {
        commands.add(new StatusCommand(tracker, store, pollStatus, selfMonitor, core.deliveryProblems(),
                settings.prometheus().url(), core.leader()::replicas).withLines(statusLines));
        new AlertCommands(actions, snoozes, store).subCommands().forEach(commands::add);
        java.util.concurrent.Executor work = bot.afterAck(core.workers().pool("slack-work", 2));
        bot.register(new AlertButtons(actions, work, (alert, user) -> investigation.start(alert, user))::register);
        bot.register(new StormButtons(storms, notifier, stormUploads(), work, core.clock())::register);
    }

    /** The external upload flow for a storm's full list; none in a dry run, which has no Slack to upload to. */
    private StormButtons.Uploads stormUploads() {
        return core.slackApi().map(api -> new SlackUploads(api, SharedHttpClient.get()))
                .<StormButtons.Uploads>map(slack -> (filename, title, bytes, channel, thread) -> slack.share(filename,
                        title, bytes, TSV, channel, thread))
                .orElse(StormButtons.Uploads.NONE);
    }

    @Override
    public void start() {
        Duration pollInterval = settings.prometheus().pollInterval();
        Leader leader = core.leader();
        if (!leader.leads()) {
            firstPoll.markReady(); // a replica that follows never polls, and serves people all the same
        }
        core.workers().schedule(leader.whileLeading(new RetentionPruner(prunedStores(), settings.retention(),
                core.clock())));
        notifier.start(pollInterval, leader::leads);
        int concurrency = QueryConcurrency.of(settings.prometheus(), core.prometheus()::flags);
        new RulePoller(settings.groups(), pollInterval,
                new GroupQueries(new PreparedRuleQueries(core.prometheus()), settings.prometheus().batchRuleQueries()), tracker,
                selfMonitor, pipeline, pollStatus, new PollMetrics(), core.clock(),
                core.workers().pool("rule-groups", concurrency))
                .start(core.workers().serial("rule-poller"), leader::leads);
        if (settings.prometheus().importAlerts()) {
            core.workers().schedule(leader.whileLeading(
                    new PrometheusAlertImport(core.prometheus(), external, pollInterval)));
        }
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

    public AlertViews views() {
        return views;
    }

    /** Everything said about alerts in Slack, in order; the investigator replies through it too. */
    public AlertNotifier notifier() {
        return notifier;
    }

    /** Open alerts found in the store at start, whose timers go on. */
    public int restored() {
        return restored;
    }

    /**
     * Everything that grows with use, pruned with the alert history under {@code store.retention}. Kept whatever
     * their age: open alerts and their incidents, pending and approved proposals, the audit trail (append-only),
     * snoozes (they end on their own); the incident memory has its own pruner.
     */
    private Map<String, Prunable> prunedStores() {
        Map<String, Prunable> stores = new LinkedHashMap<>();
        stores.put("resolved alerts", store::pruneResolvedBefore);
        stores.put("ended storms", storms::pruneEndedBefore); // after their alerts: a storm goes with its last one
        stores.put("incidents", new SqlIncidentStore(core.database())::pruneBefore);
        stores.put("conversations and token usage", new SqlConversationStore(core.database())::pruneBefore);
        stores.put("decided proposals", new SqlProposalStore(core.database())::pruneBefore);
        return stores;
    }

    /** Poll outcomes as metrics; the first poll, reached or not, makes Watchdog ready. */
    private final class PollMetrics implements RulePoller.PollObserver {

        @Override
        public void polled(Instant at, Duration took, boolean reachedPrometheus) {
            if (reachedPrometheus) {
                core.metrics().pollSucceeded(at, took);
            } else {
                core.metrics().pollFailed(took);
            }
            firstPoll.markReady();
        }

        @Override
        public void ruleEvaluated(AlertRule rule, String outcome) {
            core.metrics().ruleEvaluated(rule.name(), outcome);
        }

        @Override
        public void groupEvaluated(RuleGroup group, Instant at, Duration took) {
            core.metrics().ruleGroupEvaluated(group.name(), at, took);
        }

        @Override
        public void groupIterationMissed(RuleGroup group) {
            core.metrics().ruleGroupIterationMissed(group.name());
        }
    }
}
