package dev.watchdog.reports;

import dev.watchdog.reports.chart.Png;
import java.util.List;
import java.util.Optional;

/**
 * A report ready to post: its text, the PromQL behind every number, and its chart when there is one.
 */
public record Report(String text, List<String> queries, Optional<Png> chart) {

    public Report {
        queries = List.copyOf(queries);
    }
}
