package dev.watchdog.reports.graph;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertNotifier;
import dev.watchdog.alerting.notify.ThreadOpenings;
import dev.watchdog.alerting.notify.AlertView;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.reports.chart.ChartSeries;
import dev.watchdog.reports.chart.Png;
import dev.watchdog.reports.chart.TimeCharts;
import dev.watchdog.reports.slack.SlackUploads;
import dev.watchdog.slack.PostedMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a graph of the alert's expression around its onset in the alert's thread, once the alert is in
 * Slack: the alert never waits for the picture. The graph shows the hour before the onset up to now, the
 * threshold as a dashed line and the onset marked. It is drawn at once but shared only when the thread's first
 * replies (the investigation's placeholder) are in Slack, so it comes after them whatever the timing.
 */
public final class AlertGraphs implements AlertNotifier.AnnouncementListener {

    private static final Logger log = LoggerFactory.getLogger(AlertGraphs.class);
    static final Duration BEFORE_ONSET = Duration.ofHours(1);
    static final int POINTS = 240;
    private static final int MOST_SERIES = 8;
    private static final Duration MOST_WAIT = Duration.ofMinutes(5);

    private final AlertViews views;
    private final PrometheusClient prometheus;
    private final SlackUploads uploads;
    private final ExecutorService pool;
    private final Clock clock;
    private final ThreadOpenings openings;

    public AlertGraphs(AlertViews views, PrometheusClient prometheus, SlackUploads uploads, ExecutorService pool,
            Clock clock, ThreadOpenings openings) {
        this.openings = openings;
        this.views = views;
        this.prometheus = prometheus;
        this.uploads = uploads;
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public void announced(StoredAlert alert, PostedMessage thread) {
        AlertView view = views.of(alert);
        if (view.expr() == null) {
            return; // external alerts have no expression here
        }
        CompletableFuture<Void> opened = openings.opened(thread);
        try {
            pool.execute(() -> draw(alert, view.expr(), thread, opened));
        } catch (RejectedExecutionException busy) {
            log.warn("too many graphs waiting; alert {} #{} gets none", alert.alert().ruleName(), alert.id());
        }
    }

    private void draw(StoredAlert stored, String expr, PostedMessage thread, CompletableFuture<Void> opened) {
        AlertInstance alert = stored.alert();
        try {
            Instant onset = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
            Instant from = alert.activeAt().minus(BEFORE_ONSET);
            Instant to = clock.instant();
            Duration step = Duration.ofSeconds(Math.max(15, Duration.between(from, to).toSeconds() / POINTS));
            GraphedExpression graphed = GraphedExpression.of(expr);
            List<RangeSeries> series = prometheus.queryRange(graphed.expr(), from, to, step);
            List<RangeSeries> own = series.stream().filter(one -> belongsTo(one.labels(), alert.labels())).toList();
            List<ChartSeries> lines = (own.isEmpty() ? series : own).stream().limit(MOST_SERIES)
                    .map(one -> new ChartSeries(legend(one.labels()), one.points())).toList();
            Png png = TimeCharts.alertGraph("alert-" + stored.id() + ".png", alert.ruleName() + " around its onset",
                    lines, graphed.threshold(), onset, ZoneOffset.UTC);
            // Waits without holding a thread; a placeholder stuck behind a Slack outage does not keep the graph forever.
            opened.completeOnTimeout(null, MOST_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenRunAsync(() -> share(stored, png, thread), pool)
                    .exceptionally(busy -> {
                        noGraph(stored, new IllegalStateException("too many graphs waiting", busy));
                        return null;
                    });
        } catch (RuntimeException failure) {
            noGraph(stored, failure);
        }
    }

    private void share(StoredAlert stored, Png png, PostedMessage thread) {
        try {
            uploads.share(png, thread.channel(), thread.ts());
        } catch (IOException | RuntimeException failure) {
            noGraph(stored, failure);
        }
    }

    private static void noGraph(StoredAlert stored, Exception failure) {
        if (failure instanceof PrometheusException || failure instanceof IOException) {
            // A peer's answer, already in words: a stack trace would add nothing but noise.
            log.warn("no graph for alert {} #{}: {}", stored.alert().ruleName(), stored.id(), failure.getMessage());
        } else {
            log.warn("no graph for alert {} #{}: {}", stored.alert().ruleName(), stored.id(), failure.getMessage(),
                    failure);
        }
    }

    /** The series' labels are the alert's, which also carries the rule's own labels. */
    private static boolean belongsTo(Map<String, String> series, Map<String, String> alert) {
        return series.entrySet().stream().filter(label -> !label.getKey().equals("__name__"))
                .allMatch(label -> label.getValue().equals(alert.get(label.getKey())));
    }

    private static String legend(Map<String, String> labels) {
        String text = labels.entrySet().stream().filter(label -> !label.getKey().equals("__name__"))
                .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(", "));
        return text.isEmpty() ? "value" : text;
    }
}
