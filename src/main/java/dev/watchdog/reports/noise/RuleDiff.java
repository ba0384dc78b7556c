package dev.watchdog.reports.noise;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.config.Durations;
import java.util.ArrayList;
import java.util.List;

/** A one-line change to a rule as a unified diff of its YAML, to paste into the rule file. */
final class RuleDiff {

    private RuleDiff() {
    }

    /**
     * @param before the line as written (ignored when {@code added})
     * @param added the rule has no such line yet (a rule without {@code for})
     */
    static String of(AlertRule rule, String before, String after, boolean added) {
        List<String> lines = new ArrayList<>();
        lines.add("   - alert: " + rule.name());
        String expr = "expr: " + rule.expr();
        String pendingFor = "for: " + Durations.format(rule.pendingFor());
        List<String> body = new ArrayList<>(List.of(expr));
        if (!rule.pendingFor().isZero()) {
            body.add(pendingFor);
        }
        for (String line : body) {
            if (line.equals(before)) {
                lines.add("-    " + before);
                lines.add("+    " + after);
            } else {
                lines.add("     " + line);
            }
        }
        if (added) {
            lines.add("+    " + after);
        }
        return String.join("\n", lines);
    }
}
