package dev.watchdog.approval;

/**
 * What an Approve or Reject did. A refusal ({@code done} false) changed nothing and ran nothing;
 * its message is shown to the person who clicked, and only to them.
 */
public record DecisionOutcome(boolean done, String message) {

    static DecisionOutcome done(String message) {
        return new DecisionOutcome(true, message);
    }

    static DecisionOutcome refused(String message) {
        return new DecisionOutcome(false, message);
    }
}
