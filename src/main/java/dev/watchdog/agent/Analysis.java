package dev.watchdog.agent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The structured analysis of a firing alert, as the model must return it (JSON) and as the
 * thread reply renders it.
 *
 * @param likelyCause    the most likely cause, or {@link #NO_ROOT_CAUSE} (possibly followed by what was ruled out)
 * @param evidence       what it rests on, each item found in the tool results of its investigation
 * @param confidence     how sure the analysis is of {@code likelyCause}, 0 to 1
 * @param humanNeededNow whether someone should act now rather than in the morning
 * @param unverified     items the model cited that are not in its tool results: shown marked, never as evidence
 */
public record Analysis(String whatIsHappening, String likelyCause, List<Evidence> evidence, List<String> nextSteps,
        Severity severity, double confidence, boolean humanNeededNow, List<Evidence> unverified) {

    /** What the model says when the evidence points at no single cause: a legitimate answer, not a failure. */
    public static final String NO_ROOT_CAUSE = "No root cause found";

    public Analysis(String whatIsHappening, String likelyCause, List<Evidence> evidence, List<String> nextSteps,
            Severity severity, double confidence, boolean humanNeededNow) {
        this(whatIsHappening, likelyCause, evidence, nextSteps, severity, confidence, humanNeededNow, List.of());
    }

    public Analysis {
        evidence = List.copyOf(evidence);
        nextSteps = List.copyOf(nextSteps);
        unverified = List.copyOf(unverified);
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
    }

    /** This analysis with its evidence split into what the tool results show and what they do not. */
    public Analysis withCheckedEvidence(List<Evidence> found, List<Evidence> notFound) {
        return new Analysis(whatIsHappening, likelyCause, found, nextSteps, severity, confidence, humanNeededNow,
                notFound);
    }

    /** False when the analysis says no root cause was found (or that the cause is unknown). */
    public boolean rootCauseFound() {
        String cause = likelyCause == null ? "" : likelyCause.strip().toLowerCase(Locale.ROOT);
        return !cause.isEmpty() && !cause.startsWith(NO_ROOT_CAUSE.toLowerCase(Locale.ROOT))
                && !cause.startsWith("unknown") && !cause.startsWith("no single cause");
    }

    /** Whether there is a cause worth showing on the alert's own message. */
    public boolean hasLikelyCause() {
        return likelyCause != null && !likelyCause.isBlank() && rootCauseFound();
    }

    /** The confidence in words people read at a glance, instead of a percentage that looks more exact than it is. */
    public String confidenceInWords() {
        if (confidence >= 0.8) {
            return "high";
        }
        if (confidence >= 0.5) {
            return "medium";
        }
        return confidence > 0 ? "low" : "not assessed";
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
