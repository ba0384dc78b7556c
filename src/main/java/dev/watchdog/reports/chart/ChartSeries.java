package dev.watchdog.reports.chart;

import dev.watchdog.prometheus.Point;
import java.util.List;

/** One line of a chart: its legend and its points. */
public record ChartSeries(String name, List<Point> points) {

    public ChartSeries {
        points = List.copyOf(points);
    }
}
