package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.time.Duration;
import java.util.List;

/**
 * Everything the alert message shows, gathered from the store and the rule.
 *
 * @param snooze the active snooze of this alert, or null
 * @param graphUrl link to the rule's expression in Prometheus (its measured side and threshold), or null
 * @param threshold the comparison the alert crossed ({@code > 0.05}), or null
 * @param mention who to page in the message (critical alerts on a route with a mention), or empty
 * @param likelyCause one line from the investigation, or null until there is one
 * @param expr the rule's PromQL expression, or null for alerts evaluated elsewhere
 * @param addOns blocks and buttons other features add (a recorded cause, What was it?)
 */
public record AlertView(
        StoredAlert stored,
        Snooze snooze,
        String graphUrl,
        String threshold,
        List<Duration> snoozeOptions,
        String mention,
        String likelyCause,
        String expr,
        AlertAddOns addOns) {

    public AlertView {
        snoozeOptions = List.copyOf(snoozeOptions);
        addOns = addOns == null ? AlertAddOns.NONE : addOns;
    }

    public AlertView(StoredAlert stored, Snooze snooze, String graphUrl, String threshold, List<Duration> snoozeOptions,
            String mention, String likelyCause, String expr) {
        this(stored, snooze, graphUrl, threshold, snoozeOptions, mention, likelyCause, expr, AlertAddOns.NONE);
    }
}
