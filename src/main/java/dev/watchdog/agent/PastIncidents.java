package dev.watchdog.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The team's memory of earlier incidents, as the investigator reads it: one line for the summary
 * and a search for the {@code past_incidents} tool. What people wrote comes back as plain text;
 * the caller redacts and quotes it like any other untrusted data.
 */
public interface PastIncidents {

    PastIncidents NONE = new PastIncidents() {
        @Override
        public Optional<String> bestMatchesLine(AlertContext alert, List<String> evidence) {
            return Optional.empty();
        }

        @Override
        public String search(String ruleName, Map<String, String> labels, String evidence, int days, long excludeAlertId) {
            return "Watchdog keeps no incident memory here.";
        }
    };

    /**
     * "Seen 3 times in 30 days; last on 2026-11-22 (12 days ago): cause …, fixed by … (recorded by …)",
     * or empty when nothing like this alert happened before.
     *
     * @param evidence the texts of this investigation's evidence (findings and sources)
     */
    Optional<String> bestMatchesLine(AlertContext alert, List<String> evidence);

    /** The most similar recorded incidents, best first, as text for the model. */
    String search(String ruleName, Map<String, String> labels, String evidence, int days, long excludeAlertId);
}
