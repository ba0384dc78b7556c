package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMessageTest {

    private static final Instant FIRED = Instant.parse("2026-11-22T02:00:00Z");

    private static AlertInstance alert(AlertState state, Instant resolvedAt) {
        return new AlertInstance("0123456789abcdef", "HighErrorRatio",
                Map.of("alertname", "HighErrorRatio", "severity", "critical", "job", "api", "instance", "<a>:80"),
                Map.of("summary", "api answers 0.1234 of requests with 5xx"),
                state, 0.123456, FIRED.minusSeconds(60), FIRED, resolvedAt, null);
    }

    private static JsonArray json(AlertInstance alert, Instant now) {
        return JsonParser.parseString(GsonFactory.createSnakeCase().toJson(AlertMessage.blocks(alert, now)))
                .getAsJsonArray();
    }

    @Test
    void firingAlertShowsSeverityNameSummaryValueDurationAndLabels() {
        JsonArray blocks = json(alert(AlertState.FIRING, null), FIRED.plusSeconds(125));

        assertThat(blocks.get(0).getAsJsonObject().get("text").getAsJsonObject().get("text").getAsString())
                .isEqualTo(":red_circle: *HighErrorRatio*  ·  CRITICAL");
        assertThat(blocks.get(1).toString()).contains("api answers 0.1234 of requests with 5xx");
        String fields = blocks.get(2).toString();
        assertThat(fields).contains("*Value*\\n0.1235", "*Firing for*\\n2m5s", "*instance*\\n&lt;a&gt;:80",
                "*job*\\napi");
        assertThat(fields).doesNotContain("*alertname*", "*severity*");
        assertThat(blocks.get(3).toString()).contains("Firing since <!date^" + FIRED.getEpochSecond());
        assertThat(AlertMessage.text(alert(AlertState.FIRING, null)))
                .isEqualTo("[FIRING] HighErrorRatio: api answers 0.1234 of requests with 5xx");
    }

    @Test
    void resolvedAlertSaysForHowLongItFired() {
        AlertInstance resolved = alert(AlertState.RESOLVED, FIRED.plusSeconds(720));
        JsonArray blocks = json(resolved, FIRED.plusSeconds(900));

        assertThat(blocks.get(0).toString()).contains(":white_check_mark: *HighErrorRatio*");
        assertThat(blocks.get(3).toString()).contains("Resolved after 12m");
        assertThat(AlertMessage.text(resolved)).startsWith("[RESOLVED] HighErrorRatio");
    }

    @Test
    void valuesAreShownWithFourSignificantDigits() {
        assertThat(AlertMessage.formatValue(0.123456)).isEqualTo("0.1235");
        assertThat(AlertMessage.formatValue(1234567.8)).isEqualTo("1235000");
        assertThat(AlertMessage.formatValue(42)).isEqualTo("42");
        assertThat(AlertMessage.formatValue(Double.NaN)).isEqualTo("NaN");
    }
}
