package dev.watchdog.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks recorded incidents by how much they look like a new one, and how recent they are.
 *
 * <p>Similarity is a weighted sum in [0, 1]: the same rule counts {@value #RULE_WEIGHT}; the
 * labels {@value #LABEL_WEIGHT} times the share of label names (of either incident, without
 * {@code alertname} and {@code severity}) whose values are equal; the evidence
 * {@value #EVIDENCE_WEIGHT} times the Jaccard index of the evidence tokens (same error types,
 * same deployer, same component). Below {@value #THRESHOLD} an incident is not similar at all:
 * labels alone never make a match. The rank is the similarity times a recency factor,
 * {@code 0.6 + 0.4 * 2^(-age / 30 days)}: a month-old incident keeps 80% of its weight and a
 * very old one 60%, so recency breaks ties without burying a strong old match.
 */
public final class IncidentSimilarity {

    static final double RULE_WEIGHT = 0.5;
    static final double LABEL_WEIGHT = 0.3;
    static final double EVIDENCE_WEIGHT = 0.2;
    static final double THRESHOLD = 0.35;
    static final Duration HALF_LIFE = Duration.ofDays(30);
    private static final Set<String> NOT_IDENTIFYING = Set.of("alertname", "severity");

    /** A recorded incident with its scores. */
    public record Match(RecordedCause cause, double similarity, double rank) {
    }

    private IncidentSimilarity() {
    }

    /** The similar ones among {@code recorded}, best rank first. */
    public static List<Match> rank(IncidentProbe probe, List<RecordedCause> recorded) {
        return recorded.stream()
                .filter(cause -> cause.alertId() != probe.excludeAlertId())
                .map(cause -> {
                    double similarity = similarity(probe, cause);
                    return new Match(cause, similarity, similarity * recency(cause.occurredAt(), probe.at()));
                })
                .filter(match -> match.similarity() >= THRESHOLD)
                .sorted(Comparator.comparingDouble(Match::rank).reversed()
                        .thenComparing(match -> match.cause().occurredAt(), Comparator.reverseOrder()))
                .toList();
    }

    static double similarity(IncidentProbe probe, RecordedCause cause) {
        double rule = probe.ruleName() != null && probe.ruleName().equals(cause.ruleName()) ? 1 : 0;
        return RULE_WEIGHT * rule + LABEL_WEIGHT * labels(probe.labels(), cause.labels())
                + EVIDENCE_WEIGHT * jaccard(probe.evidence(), cause.evidence());
    }

    static double recency(Instant occurredAt, Instant now) {
        double ageDays = Math.max(0, Duration.between(occurredAt, now).toMinutes()) / (24.0 * 60);
        return 0.6 + 0.4 * Math.pow(2, -ageDays / HALF_LIFE.toDays());
    }

    private static double labels(Map<String, String> probe, Map<String, String> past) {
        Set<String> names = new HashSet<>(probe.keySet());
        names.addAll(past.keySet());
        names.removeAll(NOT_IDENTIFYING);
        if (names.isEmpty()) {
            return 0;
        }
        long equal = names.stream().filter(name -> probe.get(name) != null && probe.get(name).equals(past.get(name)))
                .count();
        return (double) equal / names.size();
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / union.size();
    }
}
