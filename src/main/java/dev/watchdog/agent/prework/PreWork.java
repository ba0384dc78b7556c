package dev.watchdog.agent.prework;

import dev.watchdog.agent.AlertContext;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.deploys.DeploymentLookup;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.prometheus.SeriesCompactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The deterministic investigation that runs before any model call, and is the whole of the
 * no-model mode: the alert's value around its onset, deployments ranked by distance to the onset,
 * neighbour series that changed at the same time, and log bursts against a baseline. About ten
 * reads in all; each that fails becomes a problem line, none stops the others.
 */
public final class PreWork {

    /** How far before the alert started its value is read: long enough to see the level before a slow leak. */
    static final Duration BEFORE = Duration.ofHours(2);
    static final Duration DEPLOYMENT_LOOKBACK = Duration.ofHours(2);
    static final int POINTS = 240;
    static final Duration MIN_STEP = Duration.ofSeconds(15);
    private static final Pattern LATENCY = Pattern.compile("(?i)latency|duration|slow|p9\\d|quantile|seconds_bucket");

    private static final String UNREAD = "The alert's value could not be read (see the problems).";

    private final PrometheusClient prometheus;
    private final LogSearcher logs;
    private final DeploymentSources deployments;
    private final Clock clock;
    private final SeriesCompactor compactor = new SeriesCompactor(5, 1500);

    public PreWork(PrometheusClient prometheus, LogSearcher logs, DeploymentSources deployments, Clock clock) {
        this.prometheus = prometheus;
        this.logs = logs;
        this.deployments = deployments;
        this.clock = clock;
    }

    public PreWorkReport run(AlertContext alert) {
        // Whole seconds: what reaches people and the model never carries nanoseconds.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant firedAt = alert.firedAt() != null && alert.firedAt().isBefore(now)
                ? alert.firedAt().truncatedTo(ChronoUnit.SECONDS) : now;
        Instant start = firedAt.minus(BEFORE);
        Duration step = step(Duration.between(start, now));
        List<String> problems = new ArrayList<>();
        String query = alert.expr() == null ? null : AlertSeries.valueExpression(alert.expr());
        List<RangeSeries> series = List.of();
        String seriesText = "not read (the alert has no expression Watchdog evaluated)";
        if (query != null) {
            try {
                series = prometheus.queryRange(query, start, now, step);
            } catch (RuntimeException e) {
                problems.add(query + ": " + e.getMessage());
                seriesText = UNREAD;
            }
        }
        Instant onset = AlertSeries.onset(series, start, firedAt, step);
        boolean fromData = !onset.equals(firedAt);
        if (query != null && !seriesText.equals(UNREAD)) {
            seriesText = compactor.range(series, new SeriesCompactor.Window(start, now, Duration.between(start, now), step),
                    onset, "the onset");
        }
        List<RankedDeployment> ranked = List.of();
        boolean deploymentsKnown = !deployments.isEmpty();
        if (deploymentsKnown) {
            Duration lookback = Duration.between(onset.minus(DEPLOYMENT_LOOKBACK), now);
            DeploymentLookup lookup = deployments.recent(alert.service(), lookback);
            lookup.failures().forEach(problems::add);
            deploymentsKnown = lookup.failures().isEmpty() || !lookup.deployments().isEmpty();
            ranked = DeployRanking.rank(lookup.deployments(), onset);
        }
        List<NeighbourChange> neighbours = new NeighbourSeries(prometheus).changedNear(alert, onset, start, now, step,
                problems);
        String level = isLatency(alert) ? "warn" : "error";
        LogFindings logFindings = new LogBursts(logs).compare(onset, now, level);
        problems.addAll(logFindings.problems());
        return new PreWorkReport(onset, fromData, firedAt, now, query == null ? "none" : query, seriesText, ranked,
                deploymentsKnown, neighbours, logFindings, problems);
    }

    /** Latency symptoms are often only WARN lines ("slow request ..."); errors alone would miss them. */
    static boolean isLatency(AlertContext alert) {
        String text = alert.ruleName() + " " + (alert.expr() == null ? "" : alert.expr()) + " "
                + String.join(" ", alert.annotations().values());
        return LATENCY.matcher(text.toLowerCase(Locale.ROOT)).find();
    }

    private static Duration step(Duration window) {
        Duration step = Duration.ofSeconds(Math.max(1, window.toSeconds() / POINTS));
        return step.compareTo(MIN_STEP) < 0 ? MIN_STEP : step;
    }
}
