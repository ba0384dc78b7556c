package dev.watchdog.agent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The structured analysis of a firing alert, as the model must return it (JSON) and as the
 * thread reply renders it.
 *
 * @param confidence     how sure the analysis is of {@code likelyCause}, 0 to 1
 * @param humanNeededNow whether someone should act now rather than in the morning
 */
public record Analysis(String whatIsHappening, String likelyCause, List<Evidence> evidence, List<String> nextSteps,
        Severity severity, double confidence, boolean humanNeededNow) {

    public Analysis {
        evidence = List.copyOf(evidence);
        nextSteps = List.copyOf(nextSteps);
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
    }

    /** How bad it is for the service, in the analyst's judgement (not the alert's own label). */
    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Severity> parse(String text) {
            for (Severity severity : values()) {
                if (severity.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(severity);
                }
            }
            return Optional.empty();
        }
    }
}
