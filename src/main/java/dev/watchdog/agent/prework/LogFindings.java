package dev.watchdog.agent.prework;

import java.time.Duration;
import java.util.List;

/**
 * What {@link LogBursts} found: the counts of both windows and the templates that burst.
 *
 * @param level     the minimum level searched: error, or warn when the symptom is latency
 * @param available false when no structured search was possible (then nothing else is meaningful)
 */
public record LogFindings(String level, boolean available, long incidentCount, long baselineCount, Duration incidentWindow,
        List<LogBurst> bursts, List<String> problems) {
    public LogFindings {
        bursts = List.copyOf(bursts);
        problems = List.copyOf(problems);
    }

    /** The whole window's rate against the baseline's; infinite when the baseline had none, NaN when neither had. */
    public double rateRatio() {
        if (incidentCount == 0) {
            return baselineCount == 0 ? Double.NaN : 0;
        }
        if (baselineCount == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (incidentCount / (double) incidentWindow.toSeconds()) / (baselineCount / (double) LogBursts.BASELINE.toSeconds());
    }
}

