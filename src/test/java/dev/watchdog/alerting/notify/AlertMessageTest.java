package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMessageTest {

    private static final Instant FIRED = Instant.parse("2026-11-22T02:00:00Z");
    private static final List<Duration> SNOOZES = List.of(Duration.ofMinutes(15), Duration.ofHours(1));

    private static AlertInstance alert(AlertState state, Instant resolvedAt) {
        return new AlertInstance("0123456789abcdef", "HighErrorRatio",
                Map.of("alertname", "HighErrorRatio", "severity", "critical", "job", "api", "instance", "<a>:80"),
                Map.of("summary", "api answers 0.1234 of requests with 5xx",
                        "runbook_url", "https://runbooks.example.com/errors"),
                state, 0.123456, FIRED.minusSeconds(60), FIRED, resolvedAt, null);
    }

    private static StoredAlert stored(AlertInstance alert, String ackedBy) {
        return new StoredAlert(42, "api/HighErrorRatio", alert, new PostedMessage("C1", "1.2"), null, ackedBy,
                ackedBy == null ? null : FIRED.plusSeconds(30), FIRED, null, 0);
    }

    private static AlertView view(StoredAlert stored, Snooze snooze, String mention) {
        return new AlertView(stored, snooze, "http://prom:9090/graph?g0.expr=x&g0.tab=0", "> 0.05", SNOOZES, mention,
                null, "x > 0.05");
    }

    private static JsonNode json(SlackMessage message) throws Exception {
        var gson = GsonFactory.createSnakeCase();
        return new ObjectMapper().readTree("{\"blocks\":" + gson.toJson(message.blocks()) + ",\"attachments\":"
                + gson.toJson(message.attachments()) + "}");
    }

    private static JsonNode block(JsonNode message, String blockId) {
        for (JsonNode block : message.path("attachments").get(0).path("blocks")) {
            if (block.path("block_id").asText().equals(blockId)) {
                return block;
            }
        }
        return message.path("missing:" + blockId);
    }

    @Test
    void firingAlertShowsSeverityNameIdSummaryValueAgainstThresholdDurationLabelsAndActions() throws Exception {
        SlackMessage message = AlertMessage.render(view(stored(alert(AlertState.FIRING, null), null), null, ""),
                FIRED.plusSeconds(125));
        JsonNode json = json(message);

        assertThat(json.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo(":red_circle: *HighErrorRatio*  ·  CRITICAL  ·  `#42`");
        assertThat(json.path("attachments").get(0).path("color").asText()).isEqualTo("#E01E5A");
        assertThat(block(json, "alert-summary").path("text").path("text").asText())
                .isEqualTo("api answers 0.1234 of requests with 5xx");
        assertThat(block(json, "alert-fields").toString()).contains("*Value*\\n0.1235  (threshold &gt; 0.05)",
                "*Firing for*\\n2m5s", "*instance*\\n&lt;a&gt;:80", "*job*\\napi").doesNotContain("*alertname*");
        JsonNode actions = block(json, "alert-actions").path("elements");
        assertThat(actions).extracting(element -> element.path("action_id").asText())
                .containsExactly("alert_ack", "alert_snooze", "alert_investigate", "alert_runbook", "alert_graph");
        assertThat(actions.get(0).path("value").asText()).isEqualTo("42");
        assertThat(actions.get(1).path("options")).extracting(option -> option.path("value").asText())
                .containsExactly("42:15m", "42:1h");
        assertThat(actions.get(3).path("url").asText()).isEqualTo("https://runbooks.example.com/errors");
        assertThat(block(json, "alert-state").toString()).contains("Firing since <!date^" + FIRED.getEpochSecond());
        assertThat(message.text()).isEqualTo("[FIRING] HighErrorRatio: api answers 0.1234 of requests with 5xx");
    }

    @Test
    void acknowledgedAndSnoozedAlertsSayWhoAndOfferTheWayBack() throws Exception {
        Snooze snooze = new Snooze("key", "U2", FIRED.plus(Duration.ofHours(1)), FIRED, "critical");
        JsonNode json = json(AlertMessage.render(view(stored(alert(AlertState.FIRING, null), "U1"), snooze, ""),
                FIRED.plusSeconds(60)));

        assertThat(block(json, "alert-actions").path("elements"))
                .extracting(element -> element.path("action_id").asText())
                .containsExactly("alert_unack", "alert_unsnooze", "alert_investigate", "alert_runbook", "alert_graph");
        assertThat(block(json, "alert-state").toString()).contains("Acknowledged by <@U1>", "Snoozed by <@U2> until");
        assertThat(json.path("attachments").get(0).path("color").asText()).isEqualTo("#9E9E9E");
    }

    @Test
    void resolvedAlertSaysForHowLongItFiredAndOffersNoActions() throws Exception {
        AlertInstance resolved = alert(AlertState.RESOLVED, FIRED.plusSeconds(720));
        JsonNode json = json(AlertMessage.render(view(stored(resolved, null), null, "<!here>"), FIRED.plusSeconds(900)));

        assertThat(json.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo(":white_check_mark: *HighErrorRatio*  ·  CRITICAL  ·  `#42`");
        assertThat(block(json, "alert-state").toString()).contains("Resolved after 12m");
        assertThat(block(json, "alert-actions").path("elements"))
                .extracting(element -> element.path("action_id").asText()).containsExactly("alert_runbook", "alert_graph");
        assertThat(json.path("attachments").get(0).path("color").asText()).isEqualTo("#2EB67D");
    }

    @Test
    void aRouteMentionPagesOnlyWhileTheAlertFires() throws Exception {
        JsonNode json = json(AlertMessage.render(view(stored(alert(AlertState.FIRING, null), null), null, "<!here>"),
                FIRED));

        assertThat(json.path("blocks").get(0).path("text").path("text").asText()).startsWith("<!here> :red_circle:");
    }

    @Test
    void aRunbookThatIsNotAnHttpLinkGetsNoButtonBecauseSlackWouldRejectTheMessage() {
        assertThat(AlertMessage.isLink("https://runbooks.example.com/x")).isTrue();
        assertThat(AlertMessage.isLink("see the wiki")).isFalse();
        assertThat(AlertMessage.isLink("javascript:alert(1)")).isFalse();
        assertThat(AlertMessage.isLink(null)).isFalse();
    }

    @Test
    void valuesAreShownWithFourSignificantDigits() {
        assertThat(AlertMessage.formatValue(0.123456)).isEqualTo("0.1235");
        assertThat(AlertMessage.formatValue(1234567.8)).isEqualTo("1235000");
        assertThat(AlertMessage.formatValue(42)).isEqualTo("42");
        assertThat(AlertMessage.formatValue(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void thresholdsAndGraphLinksComeFromTheExpression() {
        assertThat(Thresholds.of("sum(rate(x[5m])) / sum(rate(y[5m])) > 0.05")).isEqualTo("> 0.05");
        assertThat(Thresholds.of("up == 0")).isEqualTo("== 0");
        assertThat(Thresholds.of("(a > bool 1.5e3)")).isEqualTo("> 1500");
        assertThat(Thresholds.of("absent(up)")).isNull();
        assertThat(Thresholds.graphUrl("http://prom:9090", "up == 0"))
                .isEqualTo("http://prom:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=0");
    }
}
