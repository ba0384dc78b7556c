package dev.watchdog.alerting;

import dev.watchdog.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watchdog's own alerts, raised through the normal path (store, Slack, resolution) so that being
 * blind is as visible as any other incident: {@code WatchdogPrometheusUnreachable} after N
 * failed polls in a row, {@code WatchdogRuleFailing} once per rule whose query keeps failing, and
 * {@code WatchdogRuleLimitExceeded} once per rule over its group's {@code limit}.
 */
public final class SelfMonitor {

    public static final String GROUP = "watchdog";

    private final AlertRule unreachable;
    private final AlertRule ruleFailing;
    private final AlertRule limitExceeded;
    private final int failuresBeforeAlert;
    private final String prometheusUrl;
    private final Map<AlertRule, String> failingRules = new ConcurrentHashMap<>();
    private final Map<AlertRule, AlertLimitExceededException> overLimit = new ConcurrentHashMap<>();
    private Instant lastEvaluated;

    public SelfMonitor(String prometheusUrl, int failuresBeforeAlert) {
        this.prometheusUrl = prometheusUrl;
        this.failuresBeforeAlert = failuresBeforeAlert;
        this.unreachable = new AlertRule("WatchdogPrometheusUnreachable", "(Watchdog's own check)", Duration.ZERO,
                Duration.ZERO, Map.of("severity", "critical"), Map.of(
                        "summary", "Watchdog cannot reach Prometheus at {{ $labels.prometheus }}: no alert can fire or"
                                + " resolve until it is back",
                        "description", "{{ $value }} polls in a row failed. Check Prometheus and the network path;"
                                + " /watchdog status shows the last error."),
                GROUP, "built-in");
        this.ruleFailing = new AlertRule("WatchdogRuleFailing", "(Watchdog's own check)", Duration.ZERO,
                Duration.ZERO, Map.of("severity", "warning"), Map.of(
                        "summary", "Rule {{ $labels.rule }} ({{ $labels.origin }}) cannot be evaluated; its alerts"
                                + " are frozen",
                        "description", "Prometheus rejects the rule's expression. /watchdog status and the logs show"
                                + " the error; fix the rule and it resolves on its own."),
                GROUP, "built-in");
        this.limitExceeded = new AlertRule("WatchdogRuleLimitExceeded", "(Watchdog's own check)", Duration.ZERO,
                Duration.ZERO, Map.of("severity", "warning"), Map.of(
                        "summary", "Rule {{ $labels.rule }} ({{ $labels.origin }}) produced more alerts than its"
                                + " group's limit of {{ $labels.limit }}: all its alerts are dropped",
                        "description", "The last evaluation gave {{ $value }} alerts. As Prometheus does, none of"
                                + " them is raised while the rule is over the limit; raise the group's limit or"
                                + " narrow the expression, and this resolves on its own."),
                GROUP, "built-in");
    }

    /** The built-in rules, tracked and stored like configured ones. */
    public List<AlertRule> rules() {
        return List.of(unreachable, ruleFailing, limitExceeded);
    }

    /** Returns true when the rule was within its limit until now: the moment worth a log line. */
    public boolean limitExceeded(AlertRule rule, AlertLimitExceededException exceeded) {
        return overLimit.put(rule, exceeded) == null;
    }

    /** Returns true when the rule was working until now: the moment worth a log line. */
    public boolean ruleFailed(AlertRule rule, String error) {
        return failingRules.put(rule, error) == null;
    }

    public void ruleSucceeded(AlertRule rule) {
        failingRules.remove(rule);
        overLimit.remove(rule);
    }

    /** Rules whose last evaluation failed, with the error; for /watchdog status. */
    public Map<AlertRule, String> failingRules() {
        return Map.copyOf(failingRules);
    }

    /**
     * Evaluates the built-in rules after a poll, in one store write. Groups finish concurrently and out of order:
     * one evaluation at a time, and one at an earlier time than the last is late news and changes nothing.
     */
    public synchronized List<AlertTransition> evaluate(AlertTracker tracker, PollStatus.Snapshot poll, Instant now) {
        if (lastEvaluated != null && now.isBefore(lastEvaluated)) {
            return List.of();
        }
        List<RuleSamples> results = new ArrayList<>();
        List<Sample> blind = poll.consecutiveFailures() >= failuresBeforeAlert
                ? List.of(new Sample(Map.of("prometheus", prometheusUrl), poll.consecutiveFailures(), now))
                : List.of();
        results.add(new RuleSamples(unreachable, blind));
        if (poll.reachable()) {
            // while Prometheus is unreachable nothing is known about the rules: keep their alerts as they are
            List<Sample> failing = failingRules.keySet().stream()
                    .map(rule -> new Sample(Map.of("rule", rule.name(), "origin", rule.origin()), 1, now))
                    .toList();
            results.add(new RuleSamples(ruleFailing, failing));
            List<Sample> exceeded = overLimit.entrySet().stream()
                    .map(entry -> new Sample(Map.of("rule", entry.getKey().name(), "origin", entry.getKey().origin(),
                            "limit", String.valueOf(entry.getValue().limit())), entry.getValue().alerts(), now))
                    .toList();
            results.add(new RuleSamples(limitExceeded, exceeded));
        }
        GroupOutcome outcome = tracker.evaluateGroup(results, now, 0);
        lastEvaluated = now;
        return outcome.transitions();
    }
}
