package dev.watchdog.agent.prework;

import dev.watchdog.prometheus.Times;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the pre-work found around the onset, before any model call: the structured record behind
 * both the model's briefing ({@link #modelText()}) and the no-model summary for people.
 *
 * @param onset          where the alert's value began its excursion (or when the alert started)
 * @param onsetFromData  true when the onset was read from the data, false when it is the alert's start
 * @param alertQuery     the query read for the alert's own series
 * @param alertSeries    that series over the window, compacted with times relative to the onset
 * @param deployments    deployments nearest the onset first, suspects first
 * @param neighbours     neighbour series that changed within minutes of the onset, nearest first
 * @param logs           log bursts against the baseline window
 * @param problems       lookups that failed, each saying which and why
 */
public record PreWorkReport(Instant onset, boolean onsetFromData, Instant firedAt, Instant now, String alertQuery,
        String alertSeries, List<RankedDeployment> deployments, boolean deploymentsKnown,
        List<NeighbourChange> neighbours, LogFindings logs, List<String> problems) {

    static final int MAX_DEPLOYMENTS_SHOWN = 5;

    public PreWorkReport {
        deployments = List.copyOf(deployments);
        neighbours = List.copyOf(neighbours);
        problems = List.copyOf(problems);
    }

    public List<RankedDeployment> suspects() {
        return deployments.stream().filter(RankedDeployment::suspect).toList();
    }

    public List<LogBurst> bursts() {
        return logs.bursts();
    }

    /** The likely cause when the evidence points at one, else empty. */
    public java.util.Optional<String> likelyCause() {
        return LikelyCause.of(this);
    }

    /** {@code 2026-03-01T10:31:15Z (read from the data; the alert fired 2m30s after)}. */
    public String onsetLine() {
        return Times.at(onset) + (onsetFromData
                ? " (where the alert's value changed; the alert fired " + Times.span(java.time.Duration.between(onset,
                        firedAt)) + " later)"
                : " (when the alert started; its data shows no clear change point)");
    }

    /** Deployments as lines, suspects marked, at most a few. */
    public List<String> deploymentLines() {
        return deployments.stream().limit(MAX_DEPLOYMENTS_SHOWN)
                .map(ranked -> (ranked.suspect() ? "SUSPECT, in the " + Times.span(DeployRanking.SUSPECT_WINDOW)
                        + " before the onset: " : "") + ranked.describe())
                .toList();
    }

    /** The log comparison in one line, e.g. "412 error entries since 10:29:15Z against 3 in the 30m before (270x)". */
    public String logLine() {
        if (!logs.available()) {
            return "Logs could not be compared (no log sources are configured).";
        }
        String ratio = Double.isNaN(logs.rateRatio()) ? "none in either window"
                : Double.isInfinite(logs.rateRatio()) ? "none before"
                : String.format(Locale.ROOT, "%.1fx the baseline rate", logs.rateRatio());
        return logs.incidentCount() + " " + logs.level() + "-or-worse entries in the " + Times.span(logs.incidentWindow())
                + " since " + Times.at(onset.minus(LogBursts.LEAD)) + " against " + logs.baselineCount() + " in the "
                + Times.span(LogBursts.BASELINE) + " before (" + ratio + ").";
    }

    /**
     * The briefing for the model: compact, times in UTC and relative to the onset. Log and
     * deployment values are data from monitored systems; the caller quotes the whole text as
     * untrusted.
     */
    public String modelText() {
        StringBuilder out = new StringBuilder("Pre-work done before you were asked (deterministic, no model):\n");
        out.append("Onset: ").append(onsetLine()).append(". Now: ").append(Times.at(now)).append(".\n");
        out.append("The alert's value (").append(alertQuery).append(") around the onset:\n").append(alertSeries.strip())
                .append('\n');
        if (!deploymentsKnown) {
            out.append("Deployments: unknown (no deployment source could be read).\n");
        } else if (deployments.isEmpty()) {
            out.append("Deployments: none in the window.\n");
        } else {
            out.append("Deployments, nearest the onset first:\n");
            deploymentLines().forEach(line -> out.append("- ").append(line).append('\n'));
        }
        if (neighbours.isEmpty()) {
            out.append("Neighbour series (same job/service): none changed within ")
                    .append(Times.span(NeighbourSeries.NEAR)).append(" of the onset.\n");
        } else {
            out.append("Neighbour series that changed near the onset:\n");
            neighbours.forEach(change -> out.append("- ").append(change.describe(onset)).append('\n'));
        }
        out.append("Logs: ").append(logLine()).append('\n');
        logs.bursts().forEach(burst -> out.append("| ").append(burst.describe(onset)).append('\n'));
        problems.forEach(problem -> out.append("Could not check: ").append(problem).append('\n'));
        out.append("Likely cause from this alone: ").append(likelyCause().orElse(LikelyCause.NONE)).append('\n');
        return out.toString();
    }
}
