package dev.watchdog.reports;

import java.util.List;

/**
 * One entry of {@code reports:}: a report posted to a channel when its schedule is due.
 *
 * @param name names the report in logs and in the claim that keeps replicas and restarts from posting it twice
 * @param services the services it covers; empty for every service with objectives
 */
public record ScheduledReport(String name, Schedule schedule, String channel, List<String> services,
        ReportPeriod period) {

    public ScheduledReport {
        services = List.copyOf(services);
    }
}
