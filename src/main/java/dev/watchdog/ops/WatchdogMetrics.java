package dev.watchdog.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Watchdog's own metrics, so that the team can alert on the alerter: failing polls, a stale
 * last poll, Slack errors. Callers use these typed methods and never see the metrics library.
 *
 * <p>Label values must come from small fixed sets (rule names, Slack method names, outcomes such as
 * {@code ok}, {@code error}, {@code rate_limited}), never from free text: each value is a series.
 */
public final class WatchdogMetrics {

    static final double[] POLL_DURATION_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Counter ruleEvaluations;
    private final Counter pollFailures;
    private final Counter groupIterationsMissed;
    private final Gauge groupLastDuration;
    private final Gauge groupLastEvaluation;
    private final Counter slackRequests;
    private final Counter slackDeliveries;
    private final Counter alertsFired;
    private final Counter llmTokens;
    private final Counter evidenceUnverified;
    private final Gauge lastPollTimestamp;
    private final Histogram pollDuration;
    private final Gauge pollInterval;
    private final Histogram alertPostLatency;
    private final Histogram ackLatency;
    private final Histogram modelCallDuration;
    private final Counter modelTokens;
    private final Histogram toolCallDuration;
    private final Histogram investigationDuration;
    private final Counter investigations;
    private final Counter slackApiCalls;
    private final Counter webhookReceipts;
    private final Counter approvals;
    private volatile Supplier<Map<String, Long>> firingAlerts = Map::of;
    private volatile LongSupplier spansDroppedQueueFull = () -> 0;
    private volatile LongSupplier spansDroppedExportFailed = () -> 0;

    /** Registers Watchdog's metrics, the JVM's and the process's ({@code jvm_*}, {@code process_*}), and build info. */
    public WatchdogMetrics(PrometheusRegistry registry) {
        JvmMetrics.builder().register(registry);
        BuildVersion build = BuildVersion.current();
        Info.builder()
                .name("watchdog_build_info")
                .help("Always 1; the labels say which build of Watchdog is running")
                .labelNames("version", "revision")
                .register(registry)
                .addLabelValues(build.version(), build.revision());
        ruleEvaluations = Counter.builder()
                .name("watchdog_rule_evaluations_total")
                .help("Rule evaluations by rule and outcome")
                .labelNames("rule", "outcome")
                // Counted for every rule at every poll: sampling an exemplar each time costs more than it tells.
                .withoutExemplars()
                .register(registry);
        groupIterationsMissed = counter(registry, "watchdog_rule_group_iterations_missed_total",
                "Ticks of a rule group skipped because its previous evaluation was still running", "rule_group");
        groupLastDuration = Gauge.builder().name("watchdog_rule_group_last_duration_seconds")
                .help("How long the last evaluation of a rule group took").unit(Unit.SECONDS)
                .labelNames("rule_group").register(registry);
        groupLastEvaluation = Gauge.builder().name("watchdog_rule_group_last_evaluation_timestamp_seconds")
                .help("The evaluation time of a rule group's last evaluation").labelNames("rule_group")
                .register(registry);
        pollFailures = Counter.builder()
                .name("watchdog_prometheus_poll_failures_total")
                .help("Polls of Prometheus that got no usable answer; while they fail, Watchdog is blind")
                .register(registry);
        slackRequests = Counter.builder()
                .name("watchdog_slack_requests_total")
                .help("Slack Web API calls by method and outcome")
                .labelNames("method", "outcome")
                .register(registry);
        slackDeliveries = Counter.builder()
                .name("watchdog_slack_deliveries_total")
                .help("Slack writes after retries and pacing, by method and outcome (delivered, rejected, interrupted)")
                .labelNames("method", "outcome")
                .register(registry);
        alertsFired = Counter.builder()
                .name("watchdog_alerts_fired_total")
                .help("Alerts that started firing, by rule")
                .labelNames("rule")
                .register(registry);
        llmTokens = Counter.builder()
                .name("watchdog_llm_tokens_total")
                .help("Tokens sent to and received from the model, by kind (analysis, question) and direction")
                .labelNames("kind", "direction")
                .register(registry);
        GaugeWithCallback.builder()
                .name("watchdog_alerts_firing")
                .help("Alerts firing right now, by source (rules, alertmanager, prometheus, watchdog), read from the"
                        + " store on each scrape so that every replica and a restarted one agree")
                .labelNames("source")
                .callback(callback -> firingAlerts.get().forEach((source, count) -> callback.call(count, source)))
                .register(registry);
        lastPollTimestamp = Gauge.builder()
                .name("watchdog_last_poll_timestamp_seconds")
                .help("Unix time of the last successful Prometheus poll")
                .unit(Unit.SECONDS)
                .register(registry);
        pollDuration = Histogram.builder()
                .name("watchdog_poll_duration_seconds")
                .help("Duration of Prometheus polls, successful or not")
                .unit(Unit.SECONDS)
                .classicOnly()
                // Up to the HTTP call timeout (60 s), so that timeouts land in a bucket, not only in +Inf.
                .classicUpperBounds(POLL_DURATION_BUCKETS)
                .register(registry);
        pollInterval = Gauge.builder()
                .name("watchdog_poll_interval_seconds")
                .help("The configured interval between polls of Prometheus (prometheus.poll-interval)")
                .unit(Unit.SECONDS)
                .register(registry);
        alertPostLatency = seconds(registry, "watchdog_alert_post_latency_seconds",
                "From the evaluation that fired an alert to its message in Slack", LATENCY_BUCKETS);
        ackLatency = seconds(registry, "watchdog_slack_ack_latency_seconds",
                "From a Slack envelope (command, click, event) reaching Watchdog to its ack, by kind", ACK_BUCKETS,
                "kind");
        modelCallDuration = seconds(registry, "watchdog_model_call_duration_seconds",
                "Calls of the chat model, by provider, model and outcome (ok, error)", LATENCY_BUCKETS,
                "provider", "model", "outcome");
        modelTokens = Counter.builder()
                .name("watchdog_model_tokens_total")
                .help("Tokens sent to (input) and received from (output) the model, by model and kind")
                .labelNames("model", "kind")
                .register(registry);
        toolCallDuration = seconds(registry, "watchdog_tool_call_duration_seconds",
                "Calls of the agent's read-only tools, by tool and outcome (ok, error, refused, timeout)",
                LATENCY_BUCKETS, "tool", "outcome");
        investigationDuration = seconds(registry, "watchdog_investigation_duration_seconds",
                "Investigations of an alert, from start to the posted analysis", LATENCY_BUCKETS);
        investigations = counter(registry, "watchdog_investigations_total",
                "Investigations of alerts by outcome (analysed, no_model, failed)", "outcome");
        evidenceUnverified = Counter.builder()
                .name("watchdog_evidence_unverified_total")
                .help("Evidence the model cited that no tool of the investigation returned; it is not shown as evidence")
                .register(registry);
        slackApiCalls = counter(registry, "watchdog_slack_api_calls_total",
                "Every Slack Web API call (reads and writes), by method and HTTP status (429: rate limited)",
                "method", "status");
        webhookReceipts = counter(registry, "watchdog_webhook_receipts_total",
                "Alertmanager webhook requests received, by outcome (accepted, rejected, failed)", "outcome");
        approvals = counter(registry, "watchdog_approvals_total",
                "Decisions on proposed actions (approved, rejected, expired, refused)", "decision");
        CounterWithCallback.builder()
                .name("watchdog_telemetry_dropped_spans_total")
                .help("Spans that never reached the collector: queue_full (it was slow or absent) or export_failed")
                .labelNames("reason")
                .callback(callback -> {
                    callback.call(spansDroppedQueueFull.getAsLong(), "queue_full");
                    callback.call(spansDroppedExportFailed.getAsLong(), "export_failed");
                })
                .register(registry);
        initialise();
    }

    static final double[] LATENCY_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
    static final double[] ACK_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5};
    static final List<String> SLACK_STATUSES = List.of("200", "429");

    /** The series dashboards and rules read exist from the start, at zero, so their queries have data. */
    private void initialise() {
        for (String method : List.of("chat.postMessage", "chat.update")) {
            SLACK_STATUSES.forEach(status -> slackApiCalls.labelValues(method, status));
        }
        for (String method : List.of("chat.postMessage", "chat.update")) {
            List.of("delivered", "rejected", "gave_up").forEach(outcome -> slackDeliveries.labelValues(method, outcome));
        }
        List.of("command", "action", "event").forEach(ackLatency::labelValues);
        List.of("analysed", "no_model", "failed").forEach(investigations::labelValues);
        List.of("accepted", "rejected", "failed").forEach(webhookReceipts::labelValues);
        List.of("approved", "rejected", "expired", "refused").forEach(approvals::labelValues);
    }

    private static Histogram seconds(PrometheusRegistry registry, String name, String help, double[] buckets,
            String... labels) {
        return Histogram.builder().name(name).help(help).unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(buckets).labelNames(labels).register(registry);
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    public void pollInterval(Duration interval) {
        pollInterval.set(seconds(interval));
    }

    public void alertPosted(Duration sinceFired) {
        alertPostLatency.observe(seconds(sinceFired));
    }

    public void acked(String kind, Duration took) {
        ackLatency.labelValues(kind).observe(seconds(took));
    }

    /** A model is configured: its series exist before its first call. */
    public void modelKnown(String provider, String model) {
        modelCallDuration.labelValues(provider, model, "ok");
        modelCallDuration.labelValues(provider, model, "error");
        modelTokens.labelValues(model, "input");
        modelTokens.labelValues(model, "output");
    }

    public void modelCalled(String provider, String model, String outcome, Duration took, long inputTokens,
            long outputTokens) {
        modelCallDuration.labelValues(provider, model, outcome).observe(seconds(took));
        modelTokens.labelValues(model, "input").inc(inputTokens);
        modelTokens.labelValues(model, "output").inc(outputTokens);
    }

    /** A tool the agent has: its ok and error series exist before its first call. */
    public void toolKnown(String tool) {
        toolCallDuration.labelValues(tool, "ok");
        toolCallDuration.labelValues(tool, "error");
    }

    public void toolCalled(String tool, String outcome, Duration took) {
        toolCallDuration.labelValues(tool, outcome).observe(seconds(took));
    }

    public void investigated(String outcome, Duration took) {
        investigations.labelValues(outcome).inc();
        investigationDuration.observe(seconds(took));
    }

    public void slackApiCall(String method, String status) {
        slackApiCalls.labelValues(method, status).inc();
    }

    public void webhookReceived(String outcome) {
        webhookReceipts.labelValues(outcome).inc();
    }

    public void approvalDecided(String decision) {
        approvals.labelValues(decision).inc();
    }

    /** Where the tracer's drops are read from at each scrape. */
    public void countDroppedSpans(LongSupplier queueFull, LongSupplier exportFailed) {
        this.spansDroppedQueueFull = queueFull;
        this.spansDroppedExportFailed = exportFailed;
    }

    public void ruleEvaluated(String rule, String outcome) {
        ruleEvaluations.labelValues(rule, outcome).inc();
    }

    /** One evaluation of a rule group ended: when it evaluated (its aligned time) and how long it took. */
    public void ruleGroupEvaluated(String group, Instant at, Duration took) {
        groupLastEvaluation.labelValues(group).set(at.toEpochMilli() / 1000.0);
        groupLastDuration.labelValues(group).set(seconds(took));
    }

    /** A rule group's tick came while its previous evaluation was still running, and was skipped. */
    public void ruleGroupIterationMissed(String group) {
        groupIterationsMissed.labelValues(group).inc();
    }

    /** A poll that finished and was usable: marks the time and records how long it took. */
    public void pollSucceeded(Instant finishedAt, Duration took) {
        lastPollTimestamp.set(finishedAt.toEpochMilli() / 1000.0);
        pollDuration.observe(seconds(took));
    }

    /** A poll that failed (refused, timeout, bad answer); the last-poll time stays where it was. */
    public void pollFailed(Duration took) {
        pollFailures.inc();
        pollDuration.observe(seconds(took));
    }

    public void slackRequest(String method, String outcome) {
        slackRequests.labelValues(method, outcome).inc();
    }

    /** One Slack write after all its retries; {@link #slackRequest} counts each HTTP attempt. */
    public void slackDelivery(String method, String outcome) {
        slackDeliveries.labelValues(method, outcome).inc();
    }

    public void llmTokens(String kind, long input, long output) {
        llmTokens.labelValues(kind, "input").inc(input);
        llmTokens.labelValues(kind, "output").inc(output);
    }

    public void evidenceUnverified(long items) {
        evidenceUnverified.inc(items);
    }

    public void alertFired(String rule) {
        alertsFired.labelValues(rule).inc();
    }

    /** Where {@code watchdog_alerts_firing} reads its counts by source at each scrape. */
    public void countFiringAlertsWith(Supplier<Map<String, Long>> counts) {
        this.firingAlerts = counts;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
