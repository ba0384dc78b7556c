package dev.watchdog.agent.prework;

import dev.watchdog.logs.LogGroup;
import dev.watchdog.logs.LogGroupText;
import dev.watchdog.prometheus.Times;
import java.time.Instant;
import java.util.Locale;

/**
 * A log template that is new since the onset, or much more frequent than in the baseline window.
 *
 * @param group         the template's entries since shortly before the onset
 * @param baselineCount its entries in the baseline window
 * @param rateRatio     its rate now against its baseline rate; infinite when it is new
 */
public record LogBurst(LogGroup group, long baselineCount, double rateRatio) {

    public boolean isNew() {
        return baselineCount == 0;
    }

    /** What a person calls it: the exception class when there is one, else the template. */
    public String name() {
        return group.errorType() != null ? group.errorType() : group.template();
    }

    /** The most frequent value of a path or endpoint field, or null. */
    public String where() {
        return group.fields().stream()
                .filter(field -> field.name().toLowerCase(Locale.ROOT).matches(".*(path|endpoint|route|url|uri).*"))
                .filter(field -> !field.top().isEmpty())
                .map(field -> field.top().get(0).value())
                .findFirst().orElse(null);
    }

    public String describe(Instant onset) {
        StringBuilder out = new StringBuilder(isNew() ? "new: " : String.format(Locale.ROOT, "%.0fx the baseline rate: ",
                rateRatio));
        out.append(group.count()).append(" x ").append(group.level()).append(' ').append(name());
        if (group.errorType() != null) {
            out.append(" (").append(group.template()).append(')');
        }
        out.append(", first ").append(Times.at(group.first())).append(" (").append(Times.relative(group.first(), onset))
                .append(" the onset), last ").append(Times.at(group.last()));
        String fields = LogGroupText.fields(group);
        if (!fields.isEmpty()) {
            out.append("; ").append(fields);
        }
        return out.toString();
    }
}
