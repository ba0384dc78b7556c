package dev.watchdog.reports.noise;

import java.time.Duration;

/**
 * A change to a rule, backtested on Prometheus history over the period.
 *
 * @param change what changes, e.g. {@code for: 10m} or {@code threshold 0.1}
 * @param firingsNow how often the rule as written fires over the period, per the same backtest
 * @param firingsAfter how often it would have fired with the change
 * @param longestMissed the longest episode that fired as written but would not have with the change; zero if none
 * @param diff the rule as a unified diff, ready to paste
 */
public record Suggestion(String change, long firingsNow, long firingsAfter, Duration longestMissed, String diff) {
}
