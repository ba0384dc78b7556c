package dev.watchdog.agent;

import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.notify.Thresholds;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.SeriesCompactor;
import dev.watchdog.security.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The evidence a person would look at first, gathered without a model and in the same way every
 * time: the alert expression's value now, the errors in the logs of the last
 * {@value #LOG_MINUTES} minutes, and the deployments of the last hour. Each lookup that fails
 * says so in its finding; none stops the others.
 */
final class EvidenceSummary {

    static final int LOG_MINUTES = 15;
    static final Duration DEPLOYMENT_LOOKBACK = Duration.ofHours(1);
    static final String NO_MODEL_CAUSE = "No model configured: evidence only";

    private final PrometheusClient prometheus;
    private final LogSearcher logs;
    private final DeploymentSources deployments;
    private final SeriesCompactor compactor = new SeriesCompactor(10, 1500);
    private final Clock clock;
    private final Redactor redactor;

    EvidenceSummary(PrometheusClient prometheus, LogSearcher logs, DeploymentSources deployments, Clock clock,
            Redactor redactor) {
        this.prometheus = prometheus;
        this.logs = logs;
        this.deployments = deployments;
        this.clock = clock;
        this.redactor = redactor;
    }

    /** @param configureHint how to get a real analysis, the last next step */
    AnalysisResult summarize(AlertContext alert, String configureHint) {
        List<Evidence> evidence = new ArrayList<>();
        List<ToolCallRecord> lookups = new ArrayList<>();
        if (alert.expr() != null) {
            String link = alert.graphUrl() != null ? alert.graphUrl() : Thresholds.graphUrl(prometheus.baseUrl(),
                    alert.expr());
            evidence.add(new Evidence(Evidence.PROMQL, alert.expr(),
                    lookup(lookups, "query_prometheus", alert.expr(),
                            () -> "Now: " + compactor.instant(prometheus.query(alert.expr(), clock.instant()))),
                    link));
        }
        String level = "error";
        evidence.add(new Evidence(Evidence.LOG, "level " + level + " or worse, last " + LOG_MINUTES + "m",
                lookup(lookups, "search_logs", "level=" + level + " minutes=" + LOG_MINUTES,
                        () -> logs.search("", Duration.ofMinutes(LOG_MINUTES), level)),
                null));
        String service = alert.service();
        evidence.add(new Evidence(Evidence.DEPLOYMENT, "deployments" + (service == null ? "" : " of " + service)
                + " in the last 1h",
                lookup(lookups, "recent_deployments", service == null ? "all services" : service,
                        () -> deployments.recent(service, DEPLOYMENT_LOOKBACK).render()),
                null));
        Severity labelled = Severity.of(alert.labels().get("severity"));
        Analysis analysis = new Analysis(whatIsHappening(alert), NO_MODEL_CAUSE, evidence, List.of(
                "Open the graph and compare the value with the threshold.",
                "Read the errors above and check the logs of the affected service.",
                "Check whether a deployment lines up with the start of the problem.",
                configureHint),
                severity(labelled), 0, labelled.isCritical());
        return new AnalysisResult(analysis, null, null, TokenUsage.NONE, lookups, List.of());
    }

    private String whatIsHappening(AlertContext alert) {
        String summary = alert.annotations().getOrDefault("summary", alert.annotations().getOrDefault("description", ""));
        StringBuilder text = new StringBuilder(alert.ruleName()).append(" is ").append(alert.state());
        if (!Double.isNaN(alert.value())) {
            text.append(" (value ").append(SeriesCompactor.number(alert.value())).append(')');
        }
        if (!summary.isBlank()) {
            text.append(": ").append(summary.strip());
        }
        return redactor.redact(text.toString());
    }

    private String lookup(List<ToolCallRecord> lookups, String tool, String arguments, Supplier<String> read) {
        try {
            String found = read.get();
            lookups.add(new ToolCallRecord(tool, redactor.redact(arguments), false));
            return redactor.redact(found.strip());
        } catch (RuntimeException e) {
            lookups.add(new ToolCallRecord(tool, redactor.redact(arguments), true));
            return "could not be checked: " + redactor.redact(String.valueOf(e.getMessage()));
        }
    }

    private static Analysis.Severity severity(Severity labelled) {
        return switch (labelled) {
            case CRITICAL -> Analysis.Severity.CRITICAL;
            case ERROR -> Analysis.Severity.HIGH;
            case WARNING -> Analysis.Severity.MEDIUM;
            case INFO, NONE -> Analysis.Severity.LOW;
        };
    }
}
