package dev.watchdog.agent;

import dev.watchdog.agent.prework.LogBurst;
import dev.watchdog.agent.prework.NeighbourChange;
import dev.watchdog.agent.prework.PreWork;
import dev.watchdog.agent.prework.PreWorkReport;
import dev.watchdog.agent.prework.RankedDeployment;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.notify.Thresholds;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.SeriesCompactor;
import dev.watchdog.prometheus.Times;
import dev.watchdog.security.Redactor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The summary a person reads when there is no model (or no budget for one): the {@link PreWork}
 * record turned into an analysis. It names a likely cause when the evidence points at one (a
 * deployment just before the onset, new log errors, a neighbour series that changed with the alert)
 * and says "No single cause found" otherwise. Written for people: no instructions meant for a
 * model, no quoting marks, UTC times and distances to the onset.
 */
public final class EvidenceSummary {

    static final String NO_CAUSE = "No single cause found";
    static final int MAX_ITEMS_PER_KIND = 3;

    private final PrometheusClient prometheus;
    private final PreWork preWork;
    private final Redactor redactor;

    EvidenceSummary(PrometheusClient prometheus, LogSearcher logs, DeploymentSources deployments, Clock clock,
            Redactor redactor) {
        this.prometheus = prometheus;
        this.preWork = new PreWork(prometheus, logs, deployments, clock);
        this.redactor = redactor;
    }

    /** @param note the last next step: how to get a real analysis, or why there was none this time */
    public AnalysisResult summarize(AlertContext alert, String note) {
        return summarize(alert, preWork.run(alert), note);
    }

    /** The summary of pre-work already done (the model's briefing and this summary share one run). */
    AnalysisResult summarize(AlertContext alert, PreWorkReport report, String note) {
        List<Evidence> evidence = new ArrayList<>();
        String link = alert.graphUrl() != null ? alert.graphUrl()
                : alert.expr() == null ? null : Thresholds.graphUrl(prometheus.baseUrl(), alert.expr());
        if (alert.expr() != null) {
            evidence.add(new Evidence(Evidence.PROMQL, report.alertQuery(), "Onset " + report.onsetLine() + ". "
                    + seriesLines(report.alertSeries()), link));
        }
        for (RankedDeployment ranked : report.deployments().stream().limit(MAX_ITEMS_PER_KIND).toList()) {
            evidence.add(new Evidence(Evidence.DEPLOYMENT, ranked.deployment().service() + " "
                    + ranked.deployment().version(), (ranked.suspect() ? "Just before the onset: " : "")
                    + ranked.describe(), null));
        }
        if (report.deploymentsKnown() && report.deployments().isEmpty()) {
            evidence.add(new Evidence(Evidence.DEPLOYMENT, "", "No deployments in the 2h before the onset.", null));
        }
        for (LogBurst burst : report.bursts().stream().limit(MAX_ITEMS_PER_KIND).toList()) {
            evidence.add(new Evidence(Evidence.LOG, burst.group().example(), capitalised(burst.describe(report.onset())),
                    null));
        }
        evidence.add(new Evidence(Evidence.LOG, report.logs().available() ? "level " + report.logs().level()
                + " or worse" : "", report.logLine(), null));
        for (NeighbourChange change : report.neighbours().stream().limit(MAX_ITEMS_PER_KIND).toList()) {
            evidence.add(new Evidence(Evidence.PROMQL, change.query(), change.describe(report.onset()),
                    Thresholds.graphUrl(prometheus.baseUrl(), change.query())));
        }
        report.problems().stream().limit(MAX_ITEMS_PER_KIND)
                .forEach(problem -> evidence.add(new Evidence(Evidence.OTHER, "", "Could not check: " + problem, null)));
        Severity labelled = Severity.of(alert.labels().get("severity"));
        String cause = report.likelyCause().orElse(NO_CAUSE + ": no deployment, new log error or neighbour series "
                + "change lines up with the onset");
        Analysis analysis = new Analysis(redactor.redact(whatIsHappening(alert, report)), redactor.redact(cause),
                evidence.stream().map(this::redacted).toList(), nextSteps(report, note), severity(labelled), 0,
                labelled.isCritical());
        return new AnalysisResult(analysis, null, null, TokenUsage.NONE, lookups(alert, report), List.of(), false);
    }

    /** The series lines of a compacted range, without the header written for a model. */
    private static String seriesLines(String compacted) {
        String lines = compacted.lines().filter(line -> line.startsWith("- ")).map(line -> line.substring(2))
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? compacted.strip() : lines;
    }

    private static String whatIsHappening(AlertContext alert, PreWorkReport report) {
        String summary = alert.annotations().getOrDefault("summary", alert.annotations().getOrDefault("description", ""));
        StringBuilder text = new StringBuilder(alert.ruleName()).append(" is ").append(alert.state());
        if (!Double.isNaN(alert.value())) {
            text.append(" (value ").append(SeriesCompactor.number(alert.value())).append(')');
        }
        if (!summary.isBlank()) {
            text.append(": ").append(summary.strip());
        }
        if (report.onsetFromData()) {
            text.append(". It began at ").append(Times.at(report.onset())).append(", ")
                    .append(Times.span(java.time.Duration.between(report.onset(), report.firedAt())))
                    .append(" before the alert fired");
        }
        return text.toString();
    }

    private static List<String> nextSteps(PreWorkReport report, String note) {
        List<String> steps = new ArrayList<>();
        report.suspects().stream().findFirst().ifPresent(ranked -> steps.add("Check what changed in "
                + (ranked.deployment().version().isEmpty() ? "the deployment" : ranked.deployment().version())
                + "; if the errors started with it, roll it back."));
        report.bursts().stream().findFirst().ifPresent(burst -> steps.add("Read the " + burst.name()
                + " entries in the logs of the affected service."));
        if (steps.isEmpty()) {
            steps.add("Open the graph and compare the value with the threshold.");
            steps.add("Check the logs of the affected service around the onset.");
        }
        steps.add(note);
        return steps;
    }

    private List<ToolCallRecord> lookups(AlertContext alert, PreWorkReport report) {
        List<ToolCallRecord> lookups = new ArrayList<>();
        if (alert.expr() != null) {
            lookups.add(new ToolCallRecord("query_prometheus", redactor.redact(report.alertQuery()), false));
        }
        report.neighbours().forEach(change -> lookups.add(new ToolCallRecord("query_prometheus",
                redactor.redact(change.query()), false)));
        if (report.logs().available()) {
            lookups.add(new ToolCallRecord("search_logs", "level=" + report.logs().level() + " onset and baseline",
                    !report.logs().problems().isEmpty()));
        }
        lookups.add(new ToolCallRecord("recent_deployments", alert.service() == null ? "all services" : alert.service(),
                !report.deploymentsKnown()));
        return lookups;
    }

    private Evidence redacted(Evidence evidence) {
        return new Evidence(evidence.kind(), redactor.redact(evidence.source()), redactor.redact(evidence.finding()),
                evidence.link());
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
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
