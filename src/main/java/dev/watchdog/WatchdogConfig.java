package dev.watchdog;

import dev.watchdog.reports.handoff.HandoffSettings;
import dev.watchdog.agent.LlmSettings;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertingSettings;
import dev.watchdog.alerting.RuleGroup;
import dev.watchdog.alerting.notify.Route;
import dev.watchdog.approval.ActionCatalog;
import dev.watchdog.db.StoreSettings;
import dev.watchdog.deploys.DeploymentsSettings;
import dev.watchdog.logs.LogsSettings;
import dev.watchdog.ops.ServerSettings;
import dev.watchdog.ops.telemetry.TelemetrySettings;
import dev.watchdog.prometheus.PrometheusSettings;
import dev.watchdog.reports.ReportsSettings;
import dev.watchdog.slack.SlackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, immutable once loaded.
 *
 * @param routes {@code slack.routes}: label matchers to channels, first match wins
 * @param unsetVariables key path -> the ${VARIABLE} it referenced that was not set, so a missing
 *     token can be reported by the name of the variable the user has to set
 * @param actions the approval-gated action catalogue ({@code actions:}); empty when none
 * @param notes things worth saying at check-config time that are not errors
 * @param reports {@code slos:} and {@code reports:}
 * @param handoff the hand-off digests per channel ({@code handoff:}); none when absent
 */
public record WatchdogConfig(
        Path file,
        SlackSettings slack,
        List<Route> routes,
        PrometheusSettings prometheus,
        List<String> ruleFiles,
        List<RuleGroup> groups,
        AlertingSettings alerting,
        LlmSettings llm,
        LogsSettings logs,
        DeploymentsSettings deployments,
        ActionCatalog actions,
        StoreSettings store,
        ServerSettings server,
        TelemetrySettings telemetry,
        Map<String, String> unsetVariables,
        List<String> notes,
        ReportsSettings reports,
        HandoffSettings handoff) {

    public WatchdogConfig {
        routes = List.copyOf(routes);
        ruleFiles = List.copyOf(ruleFiles);
        groups = List.copyOf(groups);
        unsetVariables = Map.copyOf(unsetVariables);
        notes = List.copyOf(notes);
    }

    public List<AlertRule> rules() {
        return groups.stream().flatMap(group -> group.rules().stream()).toList();
    }

    /** Every credential read from config, to mask in logs and in text shown in Slack. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(slack.botToken().reveal(), slack.appToken().reveal(),
                llm.apiKey().reveal(), server.webhookToken().reveal()));
        secrets.addAll(deployments.secrets());
        secrets.addAll(logs.secrets());
        secrets.addAll(actions.secrets());
        secrets.addAll(telemetry.secrets());
        return secrets;
    }
}
