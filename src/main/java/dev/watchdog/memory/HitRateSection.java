package dev.watchdog.memory;

import dev.watchdog.reports.ReportSection;
import dev.watchdog.slack.SlackText;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The investigator's hit rate over a period: of the 👍 / 👎 people gave its diagnoses, the share
 * of 👍, per model and per rule. Each person's vote on a diagnosis counts once. Diagnoses are
 * not labelled by service, so a report about one service shows the rates of all of them.
 */
public final class HitRateSection implements ReportSection {

    static final int MAX_RULES = 15;

    private final MemoryStore memory;

    public HitRateSection(MemoryStore memory) {
        this.memory = memory;
    }

    @Override
    public Optional<String> render(Instant from, Instant to, String serviceOrNull) {
        List<RatedDiagnosis> rated = memory.feedbackBetween(from, to);
        if (rated.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("*Investigator hit rate* (").append(rate(rated)).append(")");
        text.append("\n_By model:_");
        grouped(rated, RatedDiagnosis::model).forEach((model, votes) ->
                text.append("\n• ").append(SlackText.escape(model)).append(": ").append(rate(votes)));
        text.append("\n_By rule:_");
        Map<String, List<RatedDiagnosis>> byRule = grouped(rated, RatedDiagnosis::ruleName);
        byRule.entrySet().stream().limit(MAX_RULES).forEach(rule ->
                text.append("\n• ").append(SlackText.escape(rule.getKey())).append(": ").append(rate(rule.getValue())));
        if (byRule.size() > MAX_RULES) {
            text.append("\n• …and ").append(byRule.size() - MAX_RULES).append(" more rules");
        }
        return Optional.of(text.toString());
    }

    /** "3 of 4 right, 75%". */
    static String rate(List<RatedDiagnosis> votes) {
        long right = votes.stream().filter(RatedDiagnosis::helpful).count();
        return right + " of " + votes.size() + " right, "
                + String.format(Locale.ROOT, "%.0f%%", 100.0 * right / votes.size());
    }

    private static Map<String, List<RatedDiagnosis>> grouped(List<RatedDiagnosis> rated,
            Function<RatedDiagnosis, String> key) {
        return rated.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }
}
