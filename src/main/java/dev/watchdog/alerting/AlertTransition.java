package dev.watchdog.alerting;

/**
 * A change of an alert's state that the rest of the pipeline may act on.
 *
 * @param alert the alert after the change
 */
public record AlertTransition(Kind kind, AlertInstance alert) {

    public enum Kind {
        /** A new occurrence started; it fires once its {@code for} has elapsed. */
        PENDING,
        /** It fires now: post it. */
        FIRING,
        /** Its series went away before {@code for} elapsed; nobody was told, nobody needs to be. */
        CANCELLED,
        /** It fired and now it does not. */
        RESOLVED
    }
}
