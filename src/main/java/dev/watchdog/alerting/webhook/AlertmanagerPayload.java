package dev.watchdog.alerting.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.watchdog.alerting.ExternalAlert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An Alertmanager webhook notification, payload version 4:
 * {@code {version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels,
 * commonAnnotations, externalURL, alerts}}. Only what Watchdog uses is kept; the group-level
 * labels and annotations repeat what every alert already carries.
 *
 * @param receiver the Alertmanager receiver that sent it; for logs
 * @param groupKey Alertmanager's id of the alert group; for logs
 * @param truncatedAlerts alerts Alertmanager left out because of the receiver's {@code max_alerts}
 */
record AlertmanagerPayload(String receiver, String groupKey, long truncatedAlerts, List<ExternalAlert> alerts) {

    /** What current Alertmanagers send; another version would mean another shape: refused, not guessed at. */
    static final String SUPPORTED_VERSION = "4";

    private static final ObjectMapper JSON = JsonMapper.builder()
            // Go never writes these; seeing one means the body is not what Alertmanager sent.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    AlertmanagerPayload {
        alerts = List.copyOf(alerts);
    }

    /** Checks the whole body before returning anything, so a payload is used entirely or not at all. */
    static AlertmanagerPayload parse(byte[] body) throws InvalidPayloadException {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw InvalidPayloadException.wrongType("body", "a JSON object", root);
        }
        checkVersion(root.get("version"));
        JsonNode alerts = root.get("alerts");
        if (alerts == null) {
            throw InvalidPayloadException.missing("alerts");
        }
        if (!alerts.isArray()) {
            throw InvalidPayloadException.wrongType("alerts", "a list", alerts);
        }
        List<ExternalAlert> read = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            read.add(AlertmanagerAlertReader.read(alerts.get(i), "alerts[" + i + "]"));
        }
        return new AlertmanagerPayload(root.path("receiver").asText(""), root.path("groupKey").asText(""),
                root.path("truncatedAlerts").asLong(0), read);
    }

    private static JsonNode readJson(byte[] body) throws InvalidPayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the body; the position alone is enough to find the mistake.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidPayloadException("body: not valid JSON" + where);
        } catch (IOException e) {
            throw new InvalidPayloadException("body: not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidPayloadException("body: empty, expected an Alertmanager webhook payload");
        }
        return root;
    }

    private static void checkVersion(JsonNode version) throws InvalidPayloadException {
        String supported = " (supported: \"" + SUPPORTED_VERSION + "\")";
        if (version == null) {
            throw new InvalidPayloadException("version: missing" + supported);
        }
        if (!version.isTextual() || !version.asText().equals(SUPPORTED_VERSION)) {
            throw new InvalidPayloadException(
                    "version: " + JsonText.describe(version) + " is not supported" + supported);
        }
    }
}
