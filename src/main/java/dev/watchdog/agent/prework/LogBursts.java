package dev.watchdog.agent.prework;

import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.logs.LogGroup;
import dev.watchdog.logs.LogQuery;
import dev.watchdog.logs.LogSearchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Log error bursts: the entries since shortly before the onset against a baseline window before
 * it, template by template. Two searches, whatever the number of templates.
 */
final class LogBursts {

    static final Duration BASELINE = Duration.ofMinutes(30);
    /** The incident window opens this long before the onset: the first errors often precede the metric. */
    static final Duration LEAD = Duration.ofMinutes(2);
    /** A template this many times more frequent than in the baseline is a burst. */
    static final double BURST_RATIO = 3;
    static final int MAX_BURSTS = 5;

    private final LogSearcher logs;

    LogBursts(LogSearcher logs) {
        this.logs = logs;
    }

    LogFindings compare(Instant onset, Instant now, String level) {
        Instant incidentStart = onset.minus(LEAD);
        Duration incidentWindow = Duration.between(incidentStart, now);
        if (incidentWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            incidentWindow = Duration.ofMinutes(1);
        }
        List<String> problems = new ArrayList<>();
        Optional<LogSearchResult> incident = logs.find(new LogQuery("", incidentWindow, level, incidentStart.plus(incidentWindow)));
        Optional<LogSearchResult> baseline = logs.find(new LogQuery("", BASELINE, level, incidentStart));
        if (incident.isEmpty() || baseline.isEmpty()) {
            return new LogFindings(level, false, 0, 0, incidentWindow, List.of(), List.of());
        }
        incident.get().failures().forEach(problems::add);
        baseline.get().failures().forEach(failure -> problems.add("baseline: " + failure));
        Map<String, Long> before = new HashMap<>();
        for (LogGroup group : baseline.get().groups()) {
            before.merge(key(group), group.count(), Long::sum);
        }
        List<LogBurst> bursts = new ArrayList<>();
        double windowRatio = BASELINE.toSeconds() / (double) incidentWindow.toSeconds();
        for (LogGroup group : incident.get().groups()) {
            long earlier = before.getOrDefault(key(group), 0L);
            double ratio = earlier == 0 ? Double.POSITIVE_INFINITY : group.count() * windowRatio / earlier;
            if (ratio >= BURST_RATIO) {
                bursts.add(new LogBurst(group, earlier, ratio));
            }
        }
        // New first; then those naming an exception class: a named error is evidence, a free-text line may be anything.
        bursts.sort(Comparator.comparing((LogBurst burst) -> !burst.isNew())
                .thenComparing(burst -> burst.group().errorType() == null)
                .thenComparing(Comparator.comparingLong((LogBurst burst) -> burst.group().count()).reversed()));
        return new LogFindings(level, true, incident.get().totalMatches(), baseline.get().totalMatches(), incidentWindow,
                bursts.subList(0, Math.min(MAX_BURSTS, bursts.size())), problems);
    }

    private static String key(LogGroup group) {
        return group.template() + '\u0000' + group.errorType();
    }
}
