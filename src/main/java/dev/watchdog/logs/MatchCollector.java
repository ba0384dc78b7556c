package dev.watchdog.logs;

import dev.watchdog.logs.LogSearchResult.ErrorTypeCount;
import dev.watchdog.logs.LogSearchResult.LogLine;
import dev.watchdog.security.UntrustedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Counts the entries of one source that match a query, in constant memory whatever their number:
 * totals, counts per level, error types (up to {@link #MAX_DISTINCT_ERROR_TYPES} distinct ones) and
 * the newest few entries as samples. The caller decides which entries lie in the window.
 */
final class MatchCollector {

    static final int MAX_DISTINCT_ERROR_TYPES = 1000;
    /** Samples are kept a little longer than shown, so that redaction sees whole secrets before the cut. */
    private static final int KEPT_SAMPLE_CHARS = 2000;

    private final String source;
    private final TextFilter filter;
    private final LogLevel minimumLevel;
    private long total;
    private final Map<LogLevel, Long> levels = new EnumMap<>(LogLevel.class);
    private final Map<String, Long> errorTypes = new HashMap<>();
    private boolean errorTypesFull;
    /** The newest entries seen so far; the head is the oldest of them, the first to go. */
    private final LogGroups groups = new LogGroups();
    private final PriorityQueue<LogLine> newest = new PriorityQueue<>(Comparator.comparing(LogLine::time));

    /** Filters on text and level itself: for sources that read raw lines (files). */
    MatchCollector(String source, LogQuery query) {
        this(source, TextFilter.of(query), query.minimumLevel().orElse(null));
    }

    /**
     * @param filter       {@link TextFilter#ALL} when the server already filtered on the text
     * @param minimumLevel null when the server already filtered on the level (or none was asked for)
     */
    MatchCollector(String source, TextFilter filter, LogLevel minimumLevel) {
        this.source = source;
        this.filter = filter;
        this.minimumLevel = minimumLevel;
    }

    /** Counts the entry if it matches level and text; true when it did. */
    boolean offer(LogEntry entry) {
        if (!matchesLevel(entry.level()) || !filter.matches(entry.text())) {
            return false;
        }
        total++;
        levels.merge(entry.level(), 1L, Long::sum);
        String errorType = ErrorTypes.of(entry);
        if (errorType != null) {
            if (errorTypes.containsKey(errorType) || errorTypes.size() < MAX_DISTINCT_ERROR_TYPES) {
                errorTypes.merge(errorType, 1L, Long::sum);
            } else {
                errorTypesFull = true;
            }
        }
        keepAsSample(entry);
        groups.add(entry);
        return true;
    }

    boolean matchesLevel(LogLevel level) {
        return minimumLevel == null || level.atLeast(minimumLevel);
    }

    long total() {
        return total;
    }

    private void keepAsSample(LogEntry entry) {
        if (newest.size() == LogSearchResult.MAX_SAMPLES) {
            if (!entry.time().isAfter(newest.peek().time())) {
                return;
            }
            newest.poll();
        }
        newest.add(new LogLine(entry.time(), source, entry.level(), UntrustedText.cut(entry.text(), KEPT_SAMPLE_CHARS)));
    }

    List<LogLine> samples() {
        return new ArrayList<>(newest);
    }

    List<ErrorTypeCount> errorTypes() {
        return errorTypes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(LogSearchResult.MAX_ERROR_TYPES)
                .map(entry -> new ErrorTypeCount(entry.getKey(), entry.getValue()))
                .toList();
    }

    Map<LogLevel, Long> levels() {
        return levels;
    }

    LogSearchResult toResult(LogQuery query, long linesScanned, long bytesRead, List<String> limits,
            List<String> failures) {
        List<String> allLimits = new ArrayList<>(limits);
        if (errorTypesFull) {
            allLimits.add(source + ": more than " + MAX_DISTINCT_ERROR_TYPES
                    + " distinct error types; later new types were not counted");
        }
        if (groups.overflow() > 0) {
            allLimits.add(source + ": more than " + LogGroups.MAX_GROUPS + " distinct templates; "
                    + groups.overflow() + " entries were counted but not grouped");
        }
        return new LogSearchResult(query, total, levels, errorTypes(), samples(), linesScanned, bytesRead,
                allLimits, failures, groups.toGroups());
    }
}
