package dev.watchdog.reports;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The periods a report covers: the last day, week or 30 days. */
public record ReportPeriod(String text, Duration length) {

    public static final List<ReportPeriod> ALL = List.of(new ReportPeriod("24h", Duration.ofHours(24)),
            new ReportPeriod("7d", Duration.ofDays(7)), new ReportPeriod("30d", Duration.ofDays(30)));
    public static final ReportPeriod DEFAULT = ALL.get(1);
    public static final String ALLOWED = "24h, 7d or 30d";

    public static Optional<ReportPeriod> parse(String text) {
        return ALL.stream().filter(period -> period.text.equals(text.trim())).findFirst();
    }
}
