package dev.watchdog.reports.noise;

import java.time.Duration;
import java.util.List;

/**
 * What a rule's alerts did over a period, from the alert store.
 *
 * @param occurrences how many times it fired
 * @param durations how long each firing lasted (still firing: until the end of the period), in firing order
 * @param acknowledged how many firings someone acknowledged
 * @param timesToAck time from firing to acknowledgement of each acknowledged firing
 * @param selfResolved firings that resolved within {@link NoiseStats#SELF_RESOLVED} without anyone acknowledging
 * @param flaps firings that started within {@link NoiseStats#FLAP_WINDOW} of the same alert resolving
 */
public record RuleNoise(String rule, String severity, int occurrences, List<Duration> durations, int acknowledged,
        List<Duration> timesToAck, int selfResolved, int flaps) {

    public RuleNoise {
        durations = List.copyOf(durations);
        timesToAck = List.copyOf(timesToAck);
    }
}
