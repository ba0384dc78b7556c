package dev.watchdog.logs;

import dev.watchdog.prometheus.Times;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Template groups as compact text: one line a group (count, level, first and last time, template)
 * and one line of its fields with their top values. Everything that came from a log is on lines
 * starting with {@code "| "}, as in the rest of a search result.
 */
public final class LogGroupText {

    private LogGroupText() {
    }

    /** The groups that fit in {@code maxBytes}, largest first, then how many were left out; empty for none. */
    public static String render(List<LogGroup> groups, int maxBytes) {
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Entries grouped by template (count, level, first - last, template; "
                + "then the fields' most frequent values):\n");
        int shown = 0;
        for (LogGroup group : groups) {
            String text = group(group);
            if (bytes(out) + bytes(text) > maxBytes - 60) {
                break;
            }
            out.append(text);
            shown++;
        }
        if (shown < groups.size()) {
            out.append("(").append(groups.size() - shown).append(" smaller groups not shown)\n");
        }
        return out.toString();
    }

    /** One group: {@code | 412 x ERROR 10:31:15Z - 10:44:02Z ConnectionPoolTimeoutException: ...}. */
    public static String group(LogGroup group) {
        StringBuilder out = new StringBuilder("| ").append(group.count()).append(" x ").append(group.level())
                .append(' ').append(Times.at(group.first())).append(" - ").append(Times.at(group.last())).append(' ');
        if (group.errorType() != null && !group.template().contains(group.errorType())) {
            out.append('[').append(group.errorType()).append("] ");
        }
        out.append(group.template()).append('\n');
        String fields = fields(group);
        if (!fields.isEmpty()) {
            out.append("|   ").append(fields).append('\n');
        }
        return out.toString();
    }

    /** {@code path: /api/orders (380), /api/cart (32); status: 503 (412)}. */
    public static String fields(LogGroup group) {
        List<String> parts = new ArrayList<>();
        for (LogGroup.Field field : group.fields()) {
            if (field.capped() && !field.top().isEmpty() && field.top().get(0).count() == 1) {
                parts.add(field.name() + ": more than " + field.distinct() + " distinct values (an id)");
                continue;
            }
            List<String> values = new ArrayList<>();
            field.top().forEach(value -> values.add(value.value() + " (" + value.count() + ")"));
            int more = field.distinct() - field.top().size();
            String rest = more > 0 || field.capped() ? ", " + (field.capped() ? "more than " : "") + more + " more" : "";
            parts.add(field.name() + ": " + String.join(", ", values) + rest);
        }
        return String.join("; ", parts);
    }

    private static int bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
