package dev.watchdog.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.alerting.ExternalAlert;
import dev.watchdog.alerting.Fingerprint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry of a webhook payload's {@code alerts} list, checked field by field and turned into an
 * {@link ExternalAlert}:
 * {@code {status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint}}.
 * Fields this receiver does not use (Grafana adds {@code silenceURL}, {@code values}, ...) are ignored.
 */
final class AlertmanagerAlertReader {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerAlertReader.class);

    private AlertmanagerAlertReader() {
    }

    /** @param path where the alert sits in the payload, e.g. {@code alerts[2]}; prefixes every error */
    static ExternalAlert read(JsonNode alert, String path) throws InvalidPayloadException {
        if (!alert.isObject()) {
            throw InvalidPayloadException.wrongType(path, "an object", alert);
        }
        boolean firing = isFiring(alert.get("status"), path + ".status");
        Map<String, String> labels = labels(alert.get("labels"), path + ".labels");
        Map<String, String> annotations = alert.hasNonNull("annotations")
                ? strings(alert.get("annotations"), path + ".annotations")
                : Map.of();
        Instant startsAt = requiredTime(alert.get("startsAt"), path + ".startsAt");
        Instant endsAt = endsAt(alert.get("endsAt"), path + ".endsAt");
        String generatorUrl = optionalString(alert.get("generatorURL"), path + ".generatorURL");
        checkFingerprint(optionalString(alert.get("fingerprint"), path + ".fingerprint"), labels, path);
        return new ExternalAlert(labels, annotations, firing, startsAt, endsAt, generatorUrl);
    }

    private static boolean isFiring(JsonNode status, String path) throws InvalidPayloadException {
        if (status == null) {
            throw InvalidPayloadException.missing(path);
        }
        if (status.isTextual() && status.asText().equals("firing")) {
            return true;
        }
        if (status.isTextual() && status.asText().equals("resolved")) {
            return false;
        }
        throw new InvalidPayloadException(
                path + ": " + JsonText.describe(status) + " is neither \"firing\" nor \"resolved\"");
    }

    private static Map<String, String> labels(JsonNode node, String path) throws InvalidPayloadException {
        if (node == null) {
            throw InvalidPayloadException.missing(path);
        }
        Map<String, String> labels = strings(node, path);
        for (String name : labels.keySet()) {
            if (!isValidLabelName(name)) {
                throw new InvalidPayloadException(path + ": " + JsonText.quote(name) + " is not a valid label name");
            }
        }
        String alertname = labels.get("alertname");
        if (alertname == null) {
            throw InvalidPayloadException.missing(path + ".alertname");
        }
        if (alertname.isEmpty()) {
            throw new InvalidPayloadException(path + ".alertname: must not be empty");
        }
        return labels;
    }

    /**
     * What Alertmanager itself accepts unless run in classic mode: any non-empty UTF-8 name
     * ({@code service.name} from OpenTelemetry included). Refusing more would make Alertmanager drop
     * the notification for good, since it does not retry a 400. Names that are not UTF-8 (a lone
     * surrogate escape) never get this far: the JSON parser refuses them.
     */
    private static boolean isValidLabelName(String name) {
        return !name.isEmpty();
    }

    private static Map<String, String> strings(JsonNode node, String path) throws InvalidPayloadException {
        if (!node.isObject()) {
            throw InvalidPayloadException.wrongType(path, "an object", node);
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                String fieldPath = JsonText.child(path, field.getKey());
                throw InvalidPayloadException.wrongType(fieldPath, "a string", field.getValue());
            }
            strings.put(field.getKey(), field.getValue().asText());
        }
        return strings;
    }

    private static Instant requiredTime(JsonNode node, String path) throws InvalidPayloadException {
        if (node == null) {
            throw InvalidPayloadException.missing(path);
        }
        if (node.isTextual()) {
            Optional<Instant> parsed = Rfc3339.parse(node.asText());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        throw new InvalidPayloadException(path + ": " + JsonText.describe(node) + " is not an RFC 3339 time");
    }

    /** Null when unknown: absent, null, or Go's zero time, which Alertmanager sends for every firing alert. */
    private static Instant endsAt(JsonNode node, String path) throws InvalidPayloadException {
        if (node == null || node.isNull()) {
            return null;
        }
        Instant endsAt = requiredTime(node, path);
        return endsAt.equals(Rfc3339.GO_ZERO_TIME) ? null : endsAt;
    }

    /** Empty when absent or null: Alertmanager sends an empty generatorURL for alerts posted by hand. */
    private static String optionalString(JsonNode node, String path) throws InvalidPayloadException {
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw InvalidPayloadException.wrongType(path, "a string", node);
        }
        return node.asText();
    }

    /**
     * The pipeline identifies alerts by {@link Fingerprint#of} their labels, so that one alert seen
     * from a Watchdog rule and from Alertmanager is one alert. Alertmanager hashes labels the same
     * way; a sender that hashes differently is not wrong, so a difference is only worth a debug line.
     */
    private static void checkFingerprint(String sent, Map<String, String> labels, String path) {
        if (sent.isEmpty()) {
            return;
        }
        String computed = Fingerprint.of(labels);
        if (!sent.equals(computed)) {
            log.debug("{}: fingerprint {} from the sender differs from {} computed from the labels; using {}",
                    path, JsonText.quote(sent), computed, computed);
        }
    }
}
