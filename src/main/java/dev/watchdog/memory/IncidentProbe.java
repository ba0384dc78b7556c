package dev.watchdog.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a new incident is compared by: its rule, labels and evidence tokens.
 *
 * @param ruleName null when the search is by labels or evidence only
 * @param excludeAlertId the occurrence being investigated, which is not its own precedent; 0 for none
 */
public record IncidentProbe(String ruleName, Map<String, String> labels, Set<String> evidence, Instant at,
        long excludeAlertId) {

    public IncidentProbe {
        labels = Map.copyOf(labels);
        evidence = Set.copyOf(evidence);
    }
}
