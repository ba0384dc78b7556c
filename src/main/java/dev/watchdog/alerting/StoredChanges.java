package dev.watchdog.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which of a rule's alerts differ from what the store holds for them: new occurrences, a new state, and new
 * {@code activeAt}, {@code firedAt}, {@code resolvedAt} or {@code keepFiringSince} times. A new value or re-rendered
 * annotations alone are no change: the store keeps those of the last state change, as an Alertmanager notification
 * shows the annotations of when it was sent. So a poll of unchanged firing alerts writes nothing.
 */
final class StoredChanges {

    private StoredChanges() {
    }

    /**
     * The alerts of {@code after} that must be written, given that {@code before} was recorded, and those of the
     * {@code unrecorded} fingerprints (left unrecorded by the store last time), changed or not.
     */
    static List<AlertInstance> between(Collection<AlertInstance> before, Collection<AlertInstance> after,
            Set<String> unrecorded) {
        Map<String, AlertInstance> recorded = new HashMap<>();
        before.forEach(alert -> recorded.put(alert.fingerprint(), alert));
        List<AlertInstance> changed = new ArrayList<>();
        for (AlertInstance alert : after) {
            AlertInstance known = recorded.get(alert.fingerprint());
            if (known == null || differs(known, alert) || unrecorded.contains(alert.fingerprint())) {
                changed.add(alert);
            }
        }
        return changed;
    }

    private static boolean differs(AlertInstance known, AlertInstance now) {
        return known.state() != now.state()
                || !Objects.equals(known.activeAt(), now.activeAt())
                || !Objects.equals(known.firedAt(), now.firedAt())
                || !Objects.equals(known.resolvedAt(), now.resolvedAt())
                || !Objects.equals(known.keepFiringSince(), now.keepFiringSince());
    }
}
