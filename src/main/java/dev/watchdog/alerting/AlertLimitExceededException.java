package dev.watchdog.alerting;

import java.util.List;

/**
 * A rule produced more alerts than its group's {@code limit}: as Prometheus does, the evaluation fails and the
 * rule's alerts are dropped. {@link #transitions()} tells what was announced before and ends now.
 */
public final class AlertLimitExceededException extends RuleEvaluationException {

    private final transient List<AlertTransition> transitions;
    private final int limit;
    private final int alerts;

    public AlertLimitExceededException(int limit, int alerts, List<AlertTransition> transitions) {
        super("exceeded limit of " + limit + " with " + alerts + " alerts");
        this.limit = limit;
        this.alerts = alerts;
        this.transitions = List.copyOf(transitions);
    }

    public List<AlertTransition> transitions() {
        return transitions;
    }

    public int limit() {
        return limit;
    }

    public int alerts() {
        return alerts;
    }
}
