package dev.watchdog.alerting;

/**
 * A rule's result cannot be turned into alerts; like a query error, it changes no alert (except for
 * {@link AlertLimitExceededException}, which drops them as Prometheus does).
 */
public class RuleEvaluationException extends RuntimeException {

    public RuleEvaluationException(String message) {
        super(message);
    }
}
