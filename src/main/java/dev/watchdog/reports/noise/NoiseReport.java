package dev.watchdog.reports.noise;

import dev.watchdog.config.Durations;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.slack.SlackText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The noisiest rules of a period from the store, each with a change backtested against Prometheus history
 * and given as a diff to paste.
 */
public final class NoiseReport {

    private static final Logger log = LoggerFactory.getLogger(NoiseReport.class);
    static final int LISTED = 5;

    private final AlertStore store;
    private final List<AlertRule> rules;
    private final Backtest backtest;

    public NoiseReport(AlertStore store, List<AlertRule> rules, Backtest backtest) {
        this.store = store;
        this.rules = List.copyOf(rules);
        this.backtest = backtest;
    }

    /** Slack mrkdwn: the noisiest rules fired in [{@code from}, {@code to}) and what to change. */
    public String render(Instant from, Instant to, String periodText) {
        List<RuleNoise> noisiest = NoiseStats.of(store.occurrencesBetween(from, to), from, to);
        if (noisiest.isEmpty()) {
            return ":white_check_mark: No alert fired in the last " + periodText + ".";
        }
        StringBuilder text = new StringBuilder(":loud_sound: *Noisiest rules, last ").append(periodText).append("*");
        for (RuleNoise noise : noisiest.subList(0, Math.min(LISTED, noisiest.size()))) {
            text.append("\n\n").append(line(noise));
            rule(noise.rule()).flatMap(rule -> suggestion(rule, from, to)).ifPresent(suggestion -> text
                    .append("\n").append(sentence(suggestion, periodText)).append("\n```\n")
                    .append(suggestion.diff()).append("\n```"));
        }
        return text.toString();
    }

    static String line(RuleNoise noise) {
        return "*" + SlackText.escape(noise.rule()) + "* (" + SlackText.escape(noise.severity()) + "): fired "
                + noise.occurrences() + "×, lasting median " + median(noise.durations()) + ", longest "
                + Durations.formatSeconds(NoiseStats.worst(noise.durations()).orElse(Duration.ZERO)) + " · " + noise.acknowledged()
                + " acknowledged" + (noise.timesToAck().isEmpty() ? "" : " (median " + median(noise.timesToAck())
                + " to ack)") + " · " + noise.selfResolved() + " resolved by themselves within "
                + Durations.formatSeconds(NoiseStats.SELF_RESOLVED) + " · " + noise.flaps() + " flaps (fired again within "
                + Durations.formatSeconds(NoiseStats.FLAP_WINDOW) + " of resolving)";
    }

    static String sentence(Suggestion suggestion, String periodText) {
        String missed = suggestion.longestMissed().isZero() ? "it would have missed no episode"
                : "the longest episode it would have missed lasted " + Durations.formatSeconds(suggestion.longestMissed());
        return ":bulb: With `" + suggestion.change() + "` this rule would have fired " + times(suggestion.firingsAfter())
                + " instead of " + suggestion.firingsNow() + " in " + periodText + "; " + missed
                + " (backtested on Prometheus history).";
    }

    private static String times(long count) {
        return count == 1 ? "once" : count + " times";
    }

    private Optional<AlertRule> rule(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    private Optional<Suggestion> suggestion(AlertRule rule, Instant from, Instant to) {
        try {
            return backtest.suggest(rule, from, to);
        } catch (PrometheusException failure) {
            log.warn("could not backtest rule {}: {}", rule.name(), failure.getMessage(), failure);
            return Optional.empty();
        }
    }

    private static String median(List<Duration> durations) {
        return NoiseStats.median(durations).map(Durations::formatSeconds).orElse("n/a");
    }
}
