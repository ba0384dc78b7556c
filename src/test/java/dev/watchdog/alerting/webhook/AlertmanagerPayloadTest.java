package dev.watchdog.alerting.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.alerting.ExternalAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every check of the payload, one field at a time; the HTTP side is in {@link AlertmanagerWebhookTest}. */
class AlertmanagerPayloadTest {

    /** A minimal valid alert; cases below swap one field for a bad one. */
    private static final String ALERT =
            "'status':'firing','labels':{'alertname':'Up'},'startsAt':'2024-03-01T12:00:00Z'";

    @Test
    void readsTheMinimalAlertAlertmanagerCouldSend() throws InvalidPayloadException {
        AlertmanagerPayload payload = parse("{'version':'4','alerts':[{" + ALERT + "}]}");

        assertThat(payload.alerts()).containsExactly(new ExternalAlert(Map.of("alertname", "Up"), Map.of(), true,
                Instant.parse("2024-03-01T12:00:00Z"), null, ""));
        assertThat(payload.receiver()).isEmpty();
        assertThat(payload.truncatedAlerts()).isZero();
    }

    @Test
    void keepsTheGroupDetailsUsedInLogsAndIgnoresFieldsItDoesNotUse() throws InvalidPayloadException {
        AlertmanagerPayload payload = parse("{'version':'4','receiver':'watchdog',"
                + "'groupKey':'{}:{alertname=\\\"Up\\\"}','truncatedAlerts':3,'orgId':1,"
                + "'alerts':[{" + ALERT + ",'silenceURL':'http://grafana/s','values':{'B':1}}]}");

        assertThat(payload.receiver()).isEqualTo("watchdog");
        assertThat(payload.groupKey()).isEqualTo("{}:{alertname=\"Up\"}");
        assertThat(payload.truncatedAlerts()).isEqualTo(3);
        assertThat(payload.alerts()).hasSize(1);
    }

    @Test
    void acceptsAnEmptyListOfAlerts() throws InvalidPayloadException {
        assertThat(parse("{'version':'4','alerts':[]}").alerts()).isEmpty();
    }

    @Test
    void acceptsUtf8LabelNamesAsAlertmanagerDoes() throws InvalidPayloadException {
        AlertmanagerPayload payload = parse("{'version':'4','alerts':[{'status':'resolved',"
                + "'labels':{'alertname':'Up','service.name':'checkout','__tenant':'a'},"
                + "'startsAt':'2024-03-01T12:00:00Z','endsAt':'2024-03-01T12:05:00Z'}]}");

        ExternalAlert alert = payload.alerts().get(0);
        assertThat(alert.labels()).containsEntry("service.name", "checkout").containsEntry("__tenant", "a");
        assertThat(alert.firing()).isFalse();
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2024-03-01T12:05:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'endsAt':'0001-01-01T00:00:00Z'", "'endsAt':null", "'endsAt':'0001-01-01T01:00:00+01:00'"})
    void anUnknownEndIsNull(String endsAt) throws InvalidPayloadException {
        AlertmanagerPayload payload = parse("{'version':'4','alerts':[{" + ALERT + "," + endsAt + "}]}");

        assertThat(payload.alerts().get(0).endsAt()).isNull();
    }

    @ParameterizedTest
    @MethodSource
    void readsRfc3339TimesWithFractionsAndOffsets(String text, String instant) throws InvalidPayloadException {
        AlertmanagerPayload payload = parse("{'version':'4','alerts':[{'status':'firing','labels':{'alertname':'Up'},"
                + "'startsAt':'" + text + "'}]}");

        assertThat(payload.alerts().get(0).startsAt()).isEqualTo(Instant.parse(instant));
    }

    static Stream<Arguments> readsRfc3339TimesWithFractionsAndOffsets() {
        return Stream.of(
                Arguments.of("2024-03-01T12:00:00Z", "2024-03-01T12:00:00Z"),
                Arguments.of("2024-03-01T12:00:00.5Z", "2024-03-01T12:00:00.500Z"),
                Arguments.of("2024-03-01T12:00:00.123456789Z", "2024-03-01T12:00:00.123456789Z"),
                Arguments.of("2024-03-01T13:30:00.25+01:30", "2024-03-01T12:00:00.250Z"),
                Arguments.of("2024-03-01T07:00:00-05:00", "2024-03-01T12:00:00Z"),
                Arguments.of("2024-03-01t12:00:00z", "2024-03-01T12:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-03-01", "2024-03-01T12:00Z", "2024-03-01T12:00:00",
        "2024-03-01 12:00:00Z",
        "2024-03-01T12:00:00.Z", "2024-03-01T12:00:00.1234567891Z", "2024-13-01T12:00:00Z", "2024-02-30T12:00:00Z",
        "2024-03-01T25:00:00Z", "2024-03-01T12:00:00+0100", "2024-03-01T12:00:00+01:00:00", "1709294400", ""})
    void refusesTimesThatAreNotRfc3339(String text) {
        assertInvalid("{'version':'4','alerts':[{" + ALERT.replace("2024-03-01T12:00:00Z", text) + "}]}",
                "alerts[0].startsAt: \"" + text + "\" is not an RFC 3339 time");
    }

    @ParameterizedTest
    @MethodSource
    void refusesInvalidPayloadsNamingTheField(String json, String reason) {
        assertInvalid(json, reason);
    }

    static Stream<Arguments> refusesInvalidPayloadsNamingTheField() {
        String v4 = "'version':'4',";
        return Stream.of(
                Arguments.of("", "body: empty, expected an Alertmanager webhook payload"),
                Arguments.of("  \n", "body: empty, expected an Alertmanager webhook payload"),
                Arguments.of("status=firing", "body: not valid JSON (line 1, column 1)"),
                Arguments.of("{'version':'4','alerts':[]} {}", "body: not valid JSON (line 1, column 29)"),
                Arguments.of("{'version':'4','version':'4','alerts':[]}", "body: not valid JSON (line 1, column 25)"),
                Arguments.of("[{" + ALERT + "}]", "body: expected a JSON object, got a list"),
                Arguments.of("'firing'", "body: expected a JSON object, got \"firing\""),
                Arguments.of("{'alerts':[]}", "version: missing (supported: \"4\")"),
                Arguments.of("{'version':4,'alerts':[]}", "version: 4 is not supported (supported: \"4\")"),
                Arguments.of("{'version':'3','alerts':[]}", "version: \"3\" is not supported (supported: \"4\")"),
                Arguments.of("{" + v4 + "'status':'firing'}", "alerts: missing"),
                Arguments.of("{" + v4 + "'alerts':null}", "alerts: expected a list, got null"),
                Arguments.of("{" + v4 + "'alerts':'none'}", "alerts: expected a list, got \"none\""),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT + "},[]]}", "alerts[1]: expected an object, got a list"),
                Arguments.of("{" + v4 + "'alerts':[{'labels':{'alertname':'Up'},'startsAt':'2024-03-01T12:00:00Z'}]}",
                        "alerts[0].status: missing"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'firing'", "'pending'") + "}]}",
                        "alerts[0].status: \"pending\" is neither \"firing\" nor \"resolved\""),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'firing'", "'FIRING'") + "}]}",
                        "alerts[0].status: \"FIRING\" is neither \"firing\" nor \"resolved\""),
                Arguments.of("{" + v4 + "'alerts':[{'status':'firing','startsAt':'2024-03-01T12:00:00Z'}]}",
                        "alerts[0].labels: missing"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("{'alertname':'Up'}", "['alertname']") + "}]}",
                        "alerts[0].labels: expected an object, got a list"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("{'alertname':'Up'}", "{'job':'api'}") + "}]}",
                        "alerts[0].labels.alertname: missing"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'Up'", "''") + "}]}",
                        "alerts[0].labels.alertname: must not be empty"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'Up'", "null") + "}]}",
                        "alerts[0].labels.alertname: expected a string, got null"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'Up'}", "'Up','service.name':true}") + "}]}",
                        "alerts[0].labels[\"service.name\"]: expected a string, got true"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'Up'}", "'Up','':'x'}") + "}]}",
                        "alerts[0].labels: \"\" is not a valid label name"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'Up'}", "'Up','\\ud800':'x'}") + "}]}",
                        "body: not valid JSON (line 1, column 79)"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT + ",'annotations':'see runbook'}]}",
                        "alerts[0].annotations: expected an object, got \"see runbook\""),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT + ",'annotations':{'value':0.93}}]}",
                        "alerts[0].annotations.value: expected a string, got 0.93"),
                Arguments.of("{" + v4 + "'alerts':[{'status':'firing','labels':{'alertname':'Up'}}]}",
                        "alerts[0].startsAt: missing"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT.replace("'2024-03-01T12:00:00Z'", "1709294400") + "}]}",
                        "alerts[0].startsAt: 1709294400 is not an RFC 3339 time"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT + ",'endsAt':'soon'}]}",
                        "alerts[0].endsAt: \"soon\" is not an RFC 3339 time"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT + ",'generatorURL':{}}]}",
                        "alerts[0].generatorURL: expected a string, got an object"),
                Arguments.of("{" + v4 + "'alerts':[{" + ALERT + ",'fingerprint':12}]}",
                        "alerts[0].fingerprint: expected a string, got 12"));
    }

    @Test
    void cutsLongValuesInTheReasonAndKeepsThemOnOneLine() {
        String value = "line one\\nINFO forged log line " + "x".repeat(200);

        assertInvalid("{'version':'4','alerts':[{" + ALERT.replace("'2024-03-01T12:00:00Z'", "'" + value + "'") + "}]}",
                "alerts[0].startsAt: \"line one\\nINFO forged log line " + "x".repeat(45)
                        + "... is not an RFC 3339 time");
    }

    @Test
    void reportsTheFirstInvalidAlertEvenWhenEarlierOnesAreValid() {
        String invalid = ALERT.replace("'firing'", "'ok'");
        assertInvalid("{'version':'4','alerts':[{" + ALERT + "},{" + ALERT + "},{" + invalid + "}]}",
                "alerts[2].status: \"ok\" is neither \"firing\" nor \"resolved\"");
    }

    private static AlertmanagerPayload parse(String singleQuotedJson) throws InvalidPayloadException {
        return AlertmanagerPayload.parse(json(singleQuotedJson));
    }

    private static void assertInvalid(String singleQuotedJson, String reason) {
        assertThatThrownBy(() -> parse(singleQuotedJson))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage(reason);
    }

    /** JSON written with single quotes, readable inside Java strings. */
    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
