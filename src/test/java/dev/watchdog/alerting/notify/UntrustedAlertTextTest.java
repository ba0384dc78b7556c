package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStorm;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.HostileText;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything in an alert from the Alertmanager webhook is someone else's text: its name, labels
 * and annotations. Whatever they hold, the alert and storm messages ping nobody; only the
 * route's configured mention does.
 */
class UntrustedAlertTextTest {

    private static final Instant FIRED = Instant.parse("2026-11-22T02:00:00Z");
    private static final String ROUTE_MENTION = "<!subteam^S0ONCALL01>";

    /** Built the way the webhook's alerts are: the name is the alertname label, no value. */
    private static StoredAlert fromWebhook(String hostile) {
        Map<String, String> labels = Map.of("alertname", hostile + " DiskFull", "severity", "critical",
                "instance", hostile, "team", hostile, "mountpoint", "/data " + hostile);
        Map<String, String> annotations = Map.of("summary", hostile, "description", "disk " + hostile,
                "runbook_url", hostile);
        AlertInstance alert = new AlertInstance("0123456789abcdef", labels.get("alertname"), labels, annotations,
                AlertState.FIRING, Double.NaN, FIRED, FIRED, null, null);
        return new StoredAlert(42, "alertmanager", alert, new PostedMessage("C1", "1.2"), null, null, null, FIRED,
                null, 0);
    }

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void theAlertMessagePingsOnlyTheConfiguredRoute(String hostile) {
        AlertView view = new AlertView(fromWebhook(hostile), null, null, null, List.of(Duration.ofHours(1)),
                ROUTE_MENTION, "the model says " + hostile, null);

        SlackMessage message = AlertMessage.render(view, FIRED.plusSeconds(90));

        HostileText.assertNeutralised(message, ROUTE_MENTION);
        assertThat(HostileText.mrkdwnOf(message).get(1)).startsWith(ROUTE_MENTION + " :red_circle: *");
    }

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void theStormMessagePingsNobody(String hostile) {
        AlertStorm storm = new AlertStorm(7, "#alerts", null, FIRED, FIRED, FIRED, null, null, 1, 0);
        SlackMessage message = StormMessage.render(storm, List.of(fromWebhook(hostile),
                fromWebhook("other " + hostile)));

        HostileText.assertNeutralised(message);
    }
}
