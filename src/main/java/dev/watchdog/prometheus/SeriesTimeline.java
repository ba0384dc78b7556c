package dev.watchdog.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time side of one range series: when its data starts and ends (and whether that is less
 * than was asked for), where it changed, and when its current excursion began. Rendered as one
 * short clause per fact, times in RFC 3339 and, given an anchor such as the alert's onset,
 * relative to it.
 *
 * @param firstData first finite point, or null when there is none
 * @param lastData  last finite point, or null
 * @param onset     the start of the excursion the series is in at its end, or null
 */
public record SeriesTimeline(Instant firstData, Instant lastData, List<ChangePoints.Change> changes, Instant onset) {

    /** More than this many steps missing at either end is said, as "less data than asked". */
    static final int MISSING_STEPS = 2;

    public SeriesTimeline {
        changes = List.copyOf(changes);
    }

    public static SeriesTimeline of(RangeSeries series) {
        List<Point> finite = series.points().stream().filter(point -> Double.isFinite(point.value())).toList();
        if (finite.isEmpty()) {
            return new SeriesTimeline(null, null, List.of(), null);
        }
        ChangePoints.Result found = ChangePoints.find(finite);
        return new SeriesTimeline(finite.get(0).time(), finite.get(finite.size() - 1).time(), found.changes(),
                found.onset());
    }

    /**
     * @param askedStart the start of the query's range, or null when unknown
     * @param askedEnd   its end, or null
     * @param anchor     the moment to measure changes from (e.g. the alert's onset), or null for absolute times only
     */
    public String describe(Instant askedStart, Instant askedEnd, Duration step, Instant anchor, String anchorName) {
        if (firstData == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add("data " + Times.at(firstData) + " to " + Times.at(lastData) + coverage(askedStart, askedEnd, step));
        for (ChangePoints.Change change : changes) {
            parts.add(describe(change, anchor, anchorName));
        }
        if (onset != null) {
            parts.add("current excursion since " + time(onset, anchor, anchorName));
        } else if (changes.isEmpty()) {
            parts.add("no change point");
        }
        return String.join("; ", parts);
    }

    private String coverage(Instant askedStart, Instant askedEnd, Duration step) {
        if (askedStart == null || askedEnd == null || step == null) {
            return "";
        }
        Duration slack = step.multipliedBy(MISSING_STEPS);
        List<String> gaps = new ArrayList<>();
        if (firstData.isAfter(askedStart.plus(slack))) {
            gaps.add("starts " + Times.span(Duration.between(askedStart, firstData)) + " after the range start");
        }
        if (lastData.isBefore(askedEnd.minus(slack))) {
            gaps.add("ends " + Times.span(Duration.between(lastData, askedEnd)) + " before the range end");
        }
        return gaps.isEmpty() ? "" : " (less data than asked: " + String.join(", ", gaps) + ")";
    }

    private static String describe(ChangePoints.Change change, Instant anchor, String anchorName) {
        String when = time(change.time(), anchor, anchorName);
        if (change.kind() == ChangePoints.Kind.LEVEL_SHIFT) {
            return "level shift at " + when + ": " + SeriesCompactor.number(change.before()) + " -> "
                    + SeriesCompactor.number(change.after());
        }
        return "slope change at " + when + ": " + SeriesCompactor.number(change.before()) + "/min -> "
                + SeriesCompactor.number(change.after()) + "/min";
    }

    private static String time(Instant time, Instant anchor, String anchorName) {
        return Times.at(time) + (anchor == null ? "" : " (" + Times.relative(time, anchor) + " " + anchorName + ")");
    }
}
