package dev.watchdog.reports;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.Claims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts scheduled reports when they are due; the leader runs it. Each due time is claimed in the store
 * before posting, so a restart or a new leader never posts the same report twice, and a run missed while
 * Watchdog was down is caught up if it is less than {@link #CATCH_UP} late.
 */
public final class ReportScheduler implements Routine {

    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);
    static final Duration CATCH_UP = Duration.ofHours(1);
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private final List<ScheduledReport> reports;
    private final Claims claims;
    private final Clock clock;
    private final BiConsumer<ScheduledReport, Instant> post;
    private final Map<String, Instant> nextDue = new HashMap<>();

    /** @param post makes and posts a report as of its due time */
    public ReportScheduler(List<ScheduledReport> reports, Claims claims, Clock clock,
            BiConsumer<ScheduledReport, Instant> post) {
        this.reports = List.copyOf(reports);
        this.claims = claims;
        this.clock = clock;
        this.post = post;
    }

    @Override
    public String name() {
        return "scheduled-reports";
    }

    @Override
    public Duration interval() {
        return CHECK_EVERY;
    }

    @Override
    public void runOnce() {
        Instant now = clock.instant();
        for (ScheduledReport report : reports) {
            Instant due = nextDue.computeIfAbsent(report.name(), name -> report.schedule().nextAfter(now.minus(CATCH_UP)));
            if (now.isBefore(due)) {
                continue;
            }
            nextDue.put(report.name(), report.schedule().nextAfter(now));
            if (!claims.claim("report:" + report.name() + ":" + due.toEpochMilli())) {
                continue; // posted already, before a restart or by another replica
            }
            try {
                log.info("posting scheduled report {} due at {} to {}", report.name(), due, report.channel());
                post.accept(report, due);
            } catch (RuntimeException failure) {
                log.error("scheduled report {} due at {} failed: {}", report.name(), due, failure.getMessage(), failure);
            }
        }
    }
}
