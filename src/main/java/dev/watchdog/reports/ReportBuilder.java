package dev.watchdog.reports;

import dev.watchdog.config.Durations;
import dev.watchdog.prometheus.Point;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.reports.chart.ChartSeries;
import dev.watchdog.reports.chart.Png;
import dev.watchdog.reports.chart.TimeCharts;
import dev.watchdog.reports.slo.Percentages;
import dev.watchdog.reports.slo.Slo;
import dev.watchdog.reports.slo.SloFigures;
import dev.watchdog.reports.slo.SloQueries;
import dev.watchdog.reports.slo.SloReporter;
import dev.watchdog.slack.SlackText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a report over a period: each service's objectives from Prometheus, then the sections other parts
 * contribute (the alerting side from the store, the investigator's hit rate, …), then one chart.
 */
public final class ReportBuilder {

    private static final Logger log = LoggerFactory.getLogger(ReportBuilder.class);

    private final List<Slo> slos;
    private final SloReporter reporter;
    private final List<ReportSection> sections;

    /** @param sections read at each report, so sections added later (by other features) are included */
    public ReportBuilder(List<Slo> slos, SloReporter reporter, List<ReportSection> sections) {
        this.slos = List.copyOf(slos);
        this.reporter = reporter;
        this.sections = sections;
    }

    /** The services covered: the one asked for, or all with objectives. */
    public List<Slo> covered(List<String> services) {
        return services.isEmpty() ? slos
                : slos.stream().filter(slo -> services.contains(slo.service())).toList();
    }

    /** The objectives of a service, if it has any. */
    public Optional<Slo> slo(String service) {
        return slos.stream().filter(slo -> slo.service().equals(service)).findFirst();
    }

    public List<String> services() {
        return slos.stream().map(Slo::service).toList();
    }

    /** @param service the service the report is about, or null for all */
    public Report build(String service, ReportPeriod period, Instant end, ZoneId zone) {
        return build(service == null ? List.of() : List.of(service), period, end, zone);
    }

    /** @param services the services the report is about, empty for all */
    public Report build(List<String> services, ReportPeriod period, Instant end, ZoneId zone) {
        List<Slo> covered = covered(services);
        String service = services.size() == 1 ? services.get(0) : null;
        StringBuilder text = new StringBuilder(":bar_chart: *Report")
                .append(services.isEmpty() ? "" : " for " + SlackText.escape(String.join(", ", services)))
                .append("*, last ")
                .append(period.text()).append(" (to ").append(SlackText.date(end)).append(")");
        List<String> queries = new ArrayList<>();
        for (Slo slo : covered) {
            text.append("\n\n").append(render(reporter.figures(slo, period.length(), end)));
            queries.addAll(new SloQueries(slo).all(period.length()));
        }
        for (ReportSection section : sections) {
            section.render(end.minus(period.length()), end, service).ifPresent(part -> text.append("\n\n").append(part));
        }
        return new Report(text.toString(), queries, chartOrNone(covered, period, end, zone));
    }

    /** A report without its chart is still a report. */
    private Optional<Png> chartOrNone(List<Slo> covered, ReportPeriod period, Instant end, ZoneId zone) {
        try {
            return chart(covered, period, end, zone);
        } catch (RuntimeException failure) {
            log.warn("the report's chart could not be drawn: {}", failure.getMessage(), failure);
            return Optional.empty();
        }
    }

    static String render(SloFigures figures) {
        Slo slo = figures.slo();
        StringBuilder text = new StringBuilder("*").append(SlackText.escape(slo.service())).append("* ")
                .append(figures.met() ? ":white_check_mark: objectives met" : ":x: objectives missed");
        text.append("\n• availability ").append(Percentages.format(figures.availability())).append(" (objective ")
                .append(Percentages.format(slo.availability().objective())).append(")");
        if (slo.availability().countsRequests()) {
            text.append(" · ").append(count(figures.total())).append(" requests, ").append(count(figures.errors()))
                    .append(" errors");
        }
        text.append("\n• error budget remaining (").append(Durations.formatDays(slo.availability().window())).append("): ")
                .append(Percentages.format(figures.budgetRemaining())).append(" · burn rate now ")
                .append(Double.isNaN(figures.burnRate()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f×", figures.burnRate()));
        if (slo.latency() != null) {
            double[] p = figures.percentiles();
            text.append("\n• latency p50 ").append(latency(p[0])).append(" · p95 ").append(latency(p[1]))
                    .append(" · p99 ").append(latency(p[2])).append(" · ")
                    .append(Percentages.format(figures.underThreshold())).append(" under ")
                    .append(latency(slo.latency().thresholdSeconds())).append(" (objective ")
                    .append(Percentages.format(slo.latency().objective())).append(")");
        }
        return text.toString();
    }

    private Optional<Png> chart(List<Slo> covered, ReportPeriod period, Instant end, ZoneId zone) {
        if (covered.isEmpty()) {
            return Optional.empty();
        }
        List<ChartSeries> budget = new ArrayList<>();
        List<ChartSeries> latency = new ArrayList<>();
        for (Slo slo : covered) {
            reporter.budgetOverTime(slo, period.length(), end).forEach(series -> budget.add(
                    new ChartSeries(slo.service() + " budget left", percent(series))));
            List<List<RangeSeries>> percentiles = reporter.percentilesOverTime(slo, period.length(), end);
            for (int i = 0; i < percentiles.size(); i++) {
                String name = slo.service() + " p" + Math.round(SloQueries.PERCENTILES[i] * 100);
                percentiles.get(i).forEach(series -> latency.add(new ChartSeries(name, millis(series))));
            }
        }
        List<TimeCharts.Panel> panels = new ArrayList<>();
        panels.add(new TimeCharts.Panel("error budget left (%)", budget, 0));
        if (!latency.isEmpty()) {
            panels.add(new TimeCharts.Panel("latency (ms)", latency, Double.NaN));
        }
        return Optional.of(TimeCharts.stacked("report-" + period.text() + ".png",
                "Error budget and latency, last " + period.text(), panels, zone));
    }

    private static List<Point> percent(RangeSeries series) {
        return series.points().stream().map(point -> new Point(point.time(),
                point.value() * 100)).toList();
    }

    private static List<Point> millis(RangeSeries series) {
        return series.points().stream().map(point -> new Point(point.time(),
                point.value() * 1000)).toList();
    }

    static String count(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    static String latency(double seconds) {
        if (Double.isNaN(seconds)) {
            return "n/a";
        }
        return seconds < 10 ? Math.round(seconds * 1000) + " ms" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

}
