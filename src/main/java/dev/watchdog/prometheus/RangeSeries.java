package dev.watchdog.prometheus;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One series of a range query, its points in time order as Prometheus returned them. */
public record RangeSeries(Map<String, String> labels, List<Point> points) {

    public RangeSeries {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        points = List.copyOf(points);
    }
}
