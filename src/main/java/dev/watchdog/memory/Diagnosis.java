package dev.watchdog.memory;

import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A diagnosis the investigator posted in an alert's thread, kept so feedback can be counted per
 * rule and per model and its evidence can find similar incidents later.
 *
 * @param id      0 until the store gave it one
 * @param model   {@code provider/model}, or {@code none} for the evidence-only summary
 */
public record Diagnosis(long id, long alertId, String ruleName, String model, String likelyCause,
        Set<String> evidence, PostedMessage message, Instant createdAt) {

    public Diagnosis {
        evidence = new TreeSet<>(evidence);
    }

    public Diagnosis withId(long newId) {
        return new Diagnosis(newId, alertId, ruleName, model, likelyCause, evidence, message, createdAt);
    }
}
