package dev.watchdog.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;

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
    private final Counter slackRequests;
    private final Counter slackDeliveries;
    private final Counter alertsFired;
    private final Counter llmTokens;
    private final Gauge alertsFiring;
    private final Gauge lastPollTimestamp;
    private final Histogram pollDuration;

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
        alertsFiring = Gauge.builder()
                .name("watchdog_alerts_firing")
                .help("Alerts firing right now")
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
    }

    public void ruleEvaluated(String rule, String outcome) {
        ruleEvaluations.labelValues(rule, outcome).inc();
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

    public void alertFired(String rule) {
        alertsFired.labelValues(rule).inc();
    }

    public void alertsFiring(int count) {
        alertsFiring.set(count);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
