package dev.watchdog.reports;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.reports.slo.Slo;
import dev.watchdog.reports.slo.SloBinder;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code slos:} and {@code reports:} from watchdog.yml. */
public record ReportsSettings(List<Slo> slos, List<ScheduledReport> scheduled) {

    public ReportsSettings {
        slos = List.copyOf(slos);
        scheduled = List.copyOf(scheduled);
    }

    public static ReportsSettings none() {
        return new ReportsSettings(List.of(), List.of());
    }

    public static ReportsSettings bind(Optional<ConfigNode> slosNode, Optional<ConfigNode> reportsNode) {
        List<Slo> slos = slosNode.map(SloBinder::bind).orElse(List.of());
        Set<String> services = new HashSet<>();
        slos.forEach(slo -> services.add(slo.service()));
        List<ScheduledReport> scheduled = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ConfigNode> items = reportsNode.map(ConfigNode::items).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            ConfigNode node = items.get(i);
            if (!node.allowOnly("name", "schedule", "time-zone", "channel", "services", "period")) {
                continue;
            }
            String name = node.string("name", "report-" + (i + 1));
            if (!names.add(name)) {
                node.field("name").orElse(node).problem("report name \"" + name + "\" is used twice");
            }
            ZoneId zone = zone(node);
            Schedule schedule = schedule(node, zone);
            String channel = node.requiredString("channel");
            List<ConfigNode> serviceNodes = node.list("services");
            for (ConfigNode service : serviceNodes) {
                String value = service.text().orElse("");
                if (!services.contains(value)) {
                    service.problem("no objectives for service \"" + value + "\" (services in slos: "
                            + (services.isEmpty() ? "none" : String.join(", ", services.stream().sorted().toList()))
                            + ")");
                }
            }
            ReportPeriod period = node.field("period").map(ReportsSettings::period).orElse(ReportPeriod.DEFAULT);
            if (schedule != null) {
                scheduled.add(new ScheduledReport(name, schedule, channel, node.stringList("services"), period));
            }
        }
        return new ReportsSettings(slos, scheduled);
    }

    private static ZoneId zone(ConfigNode node) {
        String text = node.string("time-zone", "UTC").trim();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException unknown) {
            node.field("time-zone").orElse(node).problem("unknown time zone \"" + text
                    + "\" (use a region id such as Europe/Berlin or America/New_York, or UTC)");
            return ZoneOffset.UTC;
        }
    }

    private static Schedule schedule(ConfigNode node, ZoneId zone) {
        String text = node.requiredString("schedule");
        if (text.isBlank()) {
            return null;
        }
        try {
            return Schedule.parse(text, zone);
        } catch (IllegalArgumentException invalid) {
            node.field("schedule").orElse(node).problem(invalid.getMessage());
            return null;
        }
    }

    private static ReportPeriod period(ConfigNode node) {
        String text = node.text().orElse("");
        return ReportPeriod.parse(text).orElseGet(() -> {
            node.problem("\"" + text + "\" is not a report period (allowed: " + ReportPeriod.ALLOWED + ")");
            return ReportPeriod.DEFAULT;
        });
    }
}
