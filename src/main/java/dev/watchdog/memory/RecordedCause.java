package dev.watchdog.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What people recorded an alert occurrence was, and what fixed it. The rule name, labels and
 * evidence are copies, so the memory stays readable after the occurrence itself is pruned.
 *
 * @param occurredAt when the occurrence started firing
 * @param fix        what fixed it; empty when nobody said
 * @param link       a PR or postmortem (http or https), or null
 * @param evidence   tokens of the evidence of its diagnosis ({@link EvidenceTokens}), for similarity
 * @param recordedBy the Slack user id of who saved it; {@code recordedByName} is their name, for
 *                   text that cannot mention people (what the model reads)
 */
public record RecordedCause(long alertId, String ruleName, Map<String, String> labels, Instant occurredAt,
        CauseCategory category, String what, String fix, String link, Set<String> evidence, String recordedBy,
        String recordedByName, Instant recordedAt) {

    public RecordedCause {
        labels = new TreeMap<>(labels);
        evidence = new TreeSet<>(evidence);
        fix = fix == null ? "" : fix;
    }
}
