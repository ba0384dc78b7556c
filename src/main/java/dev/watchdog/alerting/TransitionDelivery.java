package dev.watchdog.alerting;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands each group evaluation's transitions to the listener, one evaluation at a time (groups evaluate
 * concurrently; the listener need not be thread-safe), and logs them as one INFO line per evaluation with counts
 * and the first few alert names: a storm of 10,000 series is one line, not 10,000. Each transition is a DEBUG line.
 */
final class TransitionDelivery {

    private static final Logger log = LoggerFactory.getLogger(RulePoller.class);
    static final int NAMES_SHOWN = 5;

    private final AlertListener listener;

    TransitionDelivery(AlertListener listener) {
        this.listener = listener;
    }

    synchronized void deliver(String group, int rules, Duration took, List<AlertTransition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        log.info("group {}: {} ({} rules, {} ms): {}", group, counts(transitions), rules, took.toMillis(),
                names(transitions));
        if (log.isDebugEnabled()) {
            for (AlertTransition transition : transitions) {
                MDC.put("alert", transition.alert().fingerprint());
                log.debug("alert {} {}", transition.alert().ruleName(), transition.kind().name().toLowerCase());
                MDC.remove("alert");
            }
        }
        try {
            listener.onTransitions(transitions);
        } catch (RuntimeException failure) {
            log.error("alert listener failed", failure);
        }
    }

    /** "3 firing, 1 resolved, 12 pending": the kinds that occurred, most urgent first. */
    static String counts(List<AlertTransition> transitions) {
        Map<AlertTransition.Kind, Long> byKind = new EnumMap<>(AlertTransition.Kind.class);
        transitions.forEach(transition -> byKind.merge(transition.kind(), 1L, Long::sum));
        return List.of(AlertTransition.Kind.FIRING, AlertTransition.Kind.RESOLVED, AlertTransition.Kind.PENDING,
                        AlertTransition.Kind.CANCELLED).stream()
                .filter(byKind::containsKey)
                .map(kind -> byKind.get(kind) + " " + kind.name().toLowerCase())
                .collect(Collectors.joining(", "));
    }

    /** The first few distinct alert names, and how many more there are. */
    static String names(List<AlertTransition> transitions) {
        Set<String> names = new LinkedHashSet<>();
        transitions.forEach(transition -> names.add(transition.alert().ruleName()));
        String shown = names.stream().limit(NAMES_SHOWN).collect(Collectors.joining(", "));
        return names.size() <= NAMES_SHOWN ? shown : shown + " and " + (names.size() - NAMES_SHOWN) + " more";
    }
}
