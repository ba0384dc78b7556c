package dev.watchdog.alerting;

import dev.watchdog.slack.PostedMessage;
import java.time.Instant;

/**
 * One occurrence of an alert as the store keeps it.
 *
 * @param id the occurrence's number; also its short id in Slack
 * @param ruleKey the rule that raised it ({@code group/alert}) or the external source
 * @param message its Slack message, or null while it is not (yet) in Slack
 * @param postStartedAt when a post to Slack began, or null; a post that began but has no
 *     message may or may not have reached Slack before a crash
 * @param ackedBy Slack user id of whoever acknowledged it, or null
 * @param lastNotifiedAt when it was last announced in Slack (posted or reminded), or null
 * @param likelyCause the investigator's one-line likely cause, shown on the message; null until there is one
 * @param renderVersion counts the changes its message must show: a message drawn from this read shows this version
 * @param stormId the alert storm it joined instead of being posted (its storm's message shows it), or null
 */
public record StoredAlert(
        long id,
        String ruleKey,
        AlertInstance alert,
        PostedMessage message,
        Instant postStartedAt,
        String ackedBy,
        Instant ackedAt,
        Instant lastNotifiedAt,
        String likelyCause,
        long renderVersion,
        Long stormId) {

    /** An alert that joined no storm. */
    public StoredAlert(long id, String ruleKey, AlertInstance alert, PostedMessage message, Instant postStartedAt,
            String ackedBy, Instant ackedAt, Instant lastNotifiedAt, String likelyCause, long renderVersion) {
        this(id, ruleKey, alert, message, postStartedAt, ackedBy, ackedAt, lastNotifiedAt, likelyCause, renderVersion,
                null);
    }

    public String fingerprint() {
        return alert.fingerprint();
    }

    public boolean inSlack() {
        return message != null;
    }

    /** A member of an alert storm: shown by its storm's message, never posted on its own. */
    public boolean inStorm() {
        return stormId != null;
    }

    public boolean acknowledged() {
        return ackedBy != null;
    }

    /** The short id people type: {@code /watchdog ack 42}. */
    public String shortId() {
        return Long.toString(id);
    }
}
