package dev.watchdog.reports.noise;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.StoredAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-rule noise from stored occurrences: how often a rule fired, for how long, and what people did about it. */
public final class NoiseStats {

    /** A firing that ends this soon without an acknowledgement woke someone for nothing. */
    public static final Duration SELF_RESOLVED = Duration.ofMinutes(5);
    /** Fire, resolve and fire again within this window is a flap. */
    public static final Duration FLAP_WINDOW = Duration.ofMinutes(30);

    private NoiseStats() {
    }

    /** Rules by how often they fired in [{@code from}, {@code to}), noisiest first (ties by name). */
    public static List<RuleNoise> of(List<StoredAlert> occurrences, Instant from, Instant to) {
        Map<String, List<StoredAlert>> byRule = new LinkedHashMap<>();
        occurrences.stream()
                .filter(stored -> firedIn(stored.alert(), from, to))
                .sorted(Comparator.comparing(stored -> stored.alert().firedAt()))
                .forEach(stored -> byRule.computeIfAbsent(stored.alert().ruleName(), rule -> new ArrayList<>())
                        .add(stored));
        List<RuleNoise> rules = new ArrayList<>();
        byRule.forEach((rule, fired) -> rules.add(noise(rule, fired, to)));
        rules.sort(Comparator.comparingInt(RuleNoise::occurrences).reversed().thenComparing(RuleNoise::rule));
        return rules;
    }

    /** The occurrence fired in the period (firings that began before it belong to an earlier report). */
    public static boolean firedIn(AlertInstance alert, Instant from, Instant to) {
        return alert.firedAt() != null && !alert.firedAt().isBefore(from) && alert.firedAt().isBefore(to);
    }

    private static RuleNoise noise(String rule, List<StoredAlert> fired, Instant end) {
        List<Duration> durations = new ArrayList<>();
        List<Duration> timesToAck = new ArrayList<>();
        int selfResolved = 0;
        int flaps = 0;
        Map<String, Instant> lastResolved = new LinkedHashMap<>();
        for (StoredAlert stored : fired) {
            AlertInstance alert = stored.alert();
            Duration lasted = alert.firingFor(alert.resolvedAt() != null ? alert.resolvedAt() : end);
            durations.add(lasted);
            if (stored.acknowledged()) {
                timesToAck.add(timeToAck(stored));
            } else if (alert.resolvedAt() != null && lasted.compareTo(SELF_RESOLVED) <= 0) {
                selfResolved++;
            }
            Instant previous = lastResolved.get(stored.fingerprint());
            if (previous != null && Duration.between(previous, alert.firedAt()).compareTo(FLAP_WINDOW) <= 0) {
                flaps++;
            }
            if (alert.resolvedAt() != null) {
                lastResolved.put(stored.fingerprint(), alert.resolvedAt());
            }
        }
        return new RuleNoise(rule, fired.get(0).alert().severity(), fired.size(), durations, timesToAck.size(),
                timesToAck, selfResolved, flaps);
    }

    /** The median of some durations (the lower middle one of an even count), if any. */
    public static Optional<Duration> median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }

    public static Optional<Duration> worst(List<Duration> durations) {
        return durations.stream().max(Comparator.naturalOrder());
    }

    /** From firing to acknowledgement; an acknowledgement stamped before the firing (clock skew) counts as zero. */
    public static Duration timeToAck(StoredAlert acknowledged) {
        Duration took = Duration.between(acknowledged.alert().firedAt(), acknowledged.ackedAt());
        return took.isNegative() ? Duration.ZERO : took;
    }

}
