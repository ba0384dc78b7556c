package dev.watchdog.bench;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertTemplates;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.FiringCounts;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.RuleGroup;
import dev.watchdog.alerting.RuleGroupParser;
import dev.watchdog.alerting.RulePoller;
import dev.watchdog.alerting.SelfMonitor;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.alerting.evaluation.PreparedRuleQueries;
import dev.watchdog.alerting.evaluation.QueryConcurrency;
import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigProblem;
import dev.watchdog.db.Database;
import dev.watchdog.gotemplate.QueryResultSample;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/**
 * Watchdog's rule evaluation as {@code AlertingFeature} assembles it, without Slack: the rule files bound by
 * {@link RuleGroupParser}, the real {@link PrometheusClient} on the given HTTP client, an {@link AlertTracker} on a
 * {@link SqlAlertStore} over SQLite in {@code dataDir} (its writes in one transaction each, as the sole leader's
 * are), the poll metrics of {@link WatchdogMetrics}, and a listener that drops the transitions (Slack is not part
 * of this benchmark). {@link #cycle()} is one poll of every group, the groups at once on a pool sized as in
 * production ({@code max-concurrent-queries: auto}); {@code -Dbench.batch=false} asks one query per rule.
 *
 * <p>The one place the benchmark builds Watchdog's evaluator: when the evaluator's construction changes, adapt
 * {@link #build} and {@link #cycle} only.
 */
final class WatchdogEvaluator implements AutoCloseable {

    private final Database database;
    private final List<RuleGroup> groups;
    private final AlertTracker tracker;
    private final RulePoller poller;
    private final ExecutorService pool;

    private WatchdogEvaluator(Database database, List<RuleGroup> groups, AlertTracker tracker, RulePoller poller,
            ExecutorService pool) {
        this.pool = pool;
        this.database = database;
        this.groups = groups;
        this.tracker = tracker;
        this.poller = poller;
    }

    static WatchdogEvaluator build(List<Path> ruleFiles, String prometheusUrl, OkHttpClient http, Duration interval,
            Path dataDir) {
        List<RuleGroup> groups = parse(ruleFiles);
        PrometheusSettings settings = new PrometheusSettings(prometheusUrl, interval,
                PrometheusSettings.defaults().queryTimeout(), Map.of(), 3, false, Duration.ZERO, true);
        PrometheusClient prometheus = new PrometheusClient(settings.url(), http, settings.queryTimeout());
        Clock clock = Clock.systemUTC();
        Database database = Database.sqlite(dataDir.resolve("watchdog.db"));
        SelfMonitor selfMonitor = new SelfMonitor(settings.url(), settings.unreachableAfter());
        List<AlertRule> rules = new ArrayList<>();
        groups.forEach(group -> rules.addAll(group.rules()));
        rules.addAll(selfMonitor.rules());
        AlertTemplates templates = new AlertTemplates(settings.externalLabels(), settings.url(),
                promql -> prometheus.query(promql, clock.instant()).stream()
                        .map(sample -> new QueryResultSample(sample.labels(), sample.value())).toList());
        SqlAlertStore store = new SqlAlertStore(database, clock);
        AlertTracker tracker = new AlertTracker(rules, templates, store,
                write -> database.inTransaction("record the alerts of a poll", sql -> {
                    write.run();
                    return null;
                }));
        WatchdogMetrics metrics = new WatchdogMetrics(new PrometheusRegistry());
        metrics.countFiringAlertsWith(new FiringCounts(store)); // read at a scrape, not per poll
        ExecutorService pool = Executors.newFixedThreadPool(QueryConcurrency.of(settings, prometheus::flags));
        boolean batch = Boolean.parseBoolean(System.getProperty("bench.batch", "true"));
        RulePoller poller = new RulePoller(groups, interval,
                new GroupQueries(new PreparedRuleQueries(prometheus), batch), tracker, selfMonitor,
                transitions -> { }, new PollStatus(), new RulePoller.PollObserver() {
                    @Override
                    public void polled(Instant at, Duration took, boolean reachedPrometheus) {
                        if (reachedPrometheus) {
                            metrics.pollSucceeded(at, took);
                        } else {
                            metrics.pollFailed(took);
                        }
                    }

                    @Override
                    public void ruleEvaluated(AlertRule rule, String outcome) {
                        metrics.ruleEvaluated(rule.name(), outcome);
                    }
                }, clock, pool);
        return new WatchdogEvaluator(database, groups, tracker, poller, pool);
    }

    /** One evaluation of every rule group, as one tick of the poller would do when all groups are due. */
    void cycle() {
        poller.pollGroups(groups);
    }

    int rules() {
        return groups.stream().mapToInt(group -> group.rules().size()).sum();
    }

    long alerts(AlertState state) {
        return tracker.alerts(state).size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        database.close();
    }

    /** The groups of Prometheus rule files, as {@code ConfigLoader} binds them; a problem is an error. */
    static List<RuleGroup> parse(List<Path> ruleFiles) {
        List<ConfigProblem> problems = new ArrayList<>();
        RuleGroupParser parser = new RuleGroupParser();
        List<RuleGroup> groups = new ArrayList<>();
        for (Path ruleFile : ruleFiles) {
            new ConfigDocument(ruleFile.getFileName().toString(), problems, Map.of(), new HashMap<>())
                    .parseFirstDocument(ruleFile, false)
                    .flatMap(root -> root.field("groups"))
                    .ifPresent(node -> groups.addAll(parser.parseRuleFile(node)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not valid rule files: " + problems);
        }
        return groups;
    }
}
