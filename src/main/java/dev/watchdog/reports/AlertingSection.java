package dev.watchdog.reports;

import dev.watchdog.config.Durations;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.reports.noise.NoiseStats;
import dev.watchdog.reports.noise.RuleNoise;
import dev.watchdog.slack.SlackText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The alerting side of a period, from the store: alerts fired by rule and severity, time to acknowledge and
 * to resolve, the noisiest rules and who acknowledged. A service's report counts the alerts labelled with it
 * ({@code service="shop"}).
 */
public final class AlertingSection implements ReportSection {

    public static final String SERVICE_LABEL = "service";
    private static final int NOISIEST = 3;

    private final AlertStore store;

    public AlertingSection(AlertStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> render(Instant from, Instant to, String serviceOrNull) {
        List<StoredAlert> fired = store.occurrencesBetween(from, to).stream()
                .filter(stored -> NoiseStats.firedIn(stored.alert(), from, to))
                .filter(stored -> serviceOrNull == null
                        || serviceOrNull.equals(stored.alert().labels().get(SERVICE_LABEL)))
                .toList();
        StringBuilder text = new StringBuilder("*Alerting*: ");
        if (fired.isEmpty()) {
            return Optional.of(text.append("no alerts fired.").toString());
        }
        text.append(fired.size()).append(fired.size() == 1 ? " alert" : " alerts").append(" fired");
        List<RuleNoise> rules = NoiseStats.of(fired, from, to);
        text.append("\n• by rule: ").append(rules.stream()
                .map(rule -> SlackText.escape(rule.rule()) + " (" + SlackText.escape(rule.severity()) + ") "
                        + rule.occurrences())
                .collect(Collectors.joining(", ")));
        List<Duration> toAck = new ArrayList<>();
        List<Duration> toResolve = new ArrayList<>();
        Map<String, Integer> ackers = new TreeMap<>();
        for (StoredAlert stored : fired) {
            if (stored.acknowledged()) {
                toAck.add(NoiseStats.timeToAck(stored));
                ackers.merge(stored.ackedBy(), 1, Integer::sum);
            }
            if (stored.alert().resolvedAt() != null) {
                toResolve.add(stored.alert().firingFor(stored.alert().resolvedAt()));
            }
        }
        text.append("\n• time to acknowledge: ").append(spread(toAck)).append(" (").append(toAck.size())
                .append(" of ").append(fired.size()).append(" acknowledged)");
        text.append("\n• time to resolve: ").append(spread(toResolve)).append(" (").append(toResolve.size())
                .append(" resolved)");
        text.append("\n• noisiest: ").append(rules.stream().limit(NOISIEST)
                .map(rule -> SlackText.escape(rule.rule()) + " " + rule.occurrences() + "× (" + rule.flaps()
                        + " flaps, " + rule.selfResolved() + " resolved by themselves)")
                .collect(Collectors.joining(", ")));
        if (!ackers.isEmpty()) {
            text.append("\n• acknowledged by: ").append(ackers.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(entry -> "<@" + entry.getKey() + "> " + entry.getValue())
                    .collect(Collectors.joining(", ")));
        }
        return Optional.of(text.toString());
    }

    /** "median 4m, worst 31m", or "none". */
    static String spread(List<Duration> durations) {
        Optional<Duration> median = NoiseStats.median(durations);
        return median.map(value -> "median " + Durations.formatSeconds(value) + ", worst "
                + Durations.formatSeconds(NoiseStats.worst(durations).orElseThrow())).orElse("none");
    }

}
