package dev.watchdog.agent.incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Which incident an alert belongs to, as a key: alerts with the same key that fire close together
 * are one incident. By default the key is the alert's service (the first of {@code service},
 * {@code app}, {@code application}, {@code job} it has) and, when it has one, its namespace, so
 * the same service in staging and production are two incidents. With {@code group-by}, it is the
 * listed labels, a missing one counting as empty, as in Alertmanager's {@code group_by}. An alert
 * with none of the labels has no key: it is investigated on its own.
 */
public final class IncidentKey {

    static final List<String> SERVICE_LABELS = List.of("service", "app", "application", "job");
    static final String NAMESPACE = "namespace";

    private IncidentKey() {
    }

    public static Optional<String> of(Map<String, String> labels, List<String> groupBy) {
        return groupBy.isEmpty() ? byService(labels) : byLabels(labels, groupBy);
    }

    private static Optional<String> byService(Map<String, String> labels) {
        for (String label : SERVICE_LABELS) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                String namespace = labels.getOrDefault(NAMESPACE, "");
                return Optional.of("service=" + quote(value) + (namespace.isBlank() ? ""
                        : "," + NAMESPACE + "=" + quote(namespace)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> byLabels(Map<String, String> labels, List<String> groupBy) {
        StringJoiner key = new StringJoiner(",");
        boolean any = false;
        for (String label : groupBy) {
            String value = labels.getOrDefault(label, "");
            any |= !value.isBlank();
            key.add(label + "=" + quote(value));
        }
        return any ? Optional.of(key.toString()) : Optional.empty();
    }

    /** Quoted as PromQL label values are, so a value holding a comma cannot fake another key. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
