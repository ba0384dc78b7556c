package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.RecordingRule;
import dev.watchdog.config.ConfigException;
import dev.watchdog.security.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void shippedDefaultConfigLoadsWithItsStarterRulePack() throws Exception {
        WatchdogConfig config = new ConfigLoader(Map.of()).load(Path.of("watchdog.yml"));

        assertThat(config.prometheus().url()).isEqualTo("http://localhost:9090");
        assertThat(config.slack().channel()).isEqualTo("#alerts");
        assertThat(config.rules()).extracting(AlertRule::name).contains(
                "HighLatencyP95", "HighErrorRatio", "ErrorBudgetFastBurn", "ErrorBudgetSlowBurn",
                "HostMemoryAlmostFull", "TargetDown");
        assertThat(config.unsetVariables())
                .containsEntry("slack.bot-token", "SLACK_BOT_TOKEN")
                .containsEntry("slack.app-token", "SLACK_APP_TOKEN");
        assertThat(config.store().path()).isEqualTo(Path.of("data/watchdog.db"));
    }

    @Test
    void environmentVariablesAndDefaultsAreExpanded() throws Exception {
        Map<String, String> env = Map.of(
                "SLACK_BOT_TOKEN", "xoxb-1-2-abc",
                "SLACK_APP_TOKEN", "xapp-1-A-2-def",
                "PROMETHEUS_URL", "http://prom.internal:9090",
                "WATCHDOG_DATA_DIR", "/var/lib/watchdog");
        WatchdogConfig config = new ConfigLoader(env).load(Path.of("watchdog.yml"));

        assertThat(config.slack().botToken().reveal()).isEqualTo("xoxb-1-2-abc");
        assertThat(config.slack().appToken().reveal()).isEqualTo("xapp-1-A-2-def");
        assertThat(config.prometheus().url()).isEqualTo("http://prom.internal:9090");
        assertThat(config.store().path()).isEqualTo(Path.of("/var/lib/watchdog/watchdog.db"));
        assertThat(config.unsetVariables()).isEmpty();
    }

    @Test
    void theLoadedConfigPrintsNoSecretButTheRedactorGetsThemAll(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                slack: {bot-token: xoxb-secret-1, app-token: xapp-secret-2, approvers: [U0LEAD0001]}
                llm: {provider: openai, api-key: secret-3}
                server: {webhook-token: secret-4}
                logs:
                  sources:
                    - {name: loki, type: loki, url: "http://loki:3100", selector: '{app="x"}', token: secret-5}
                    - {name: es, type: elasticsearch, url: "https://es:9200", index: logs, username: u,
                       password: secret-6}
                deployments:
                  sources:
                    - {name: gh, type: github, token: secret-7, repositories: [{repo: acme/shop}]}
                    - {name: api, type: url, url: "https://deploys/x", username: u, password: secret-8,
                       headers: {X-Tenant: secret-9}}
                actions:
                  - id: restart
                    description: Restart
                    risk: Connections drop.
                    webhook: {url: "https://ops/restart", headers: {X-Api-Key: secret-10}}
                """);

        WatchdogConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(config.toString()).doesNotContain("secret-").contains("***");
        assertThat(List.of(config.slack().botToken(), config.slack().appToken(), config.llm().apiKey(),
                config.server().webhookToken())).map(Secret::reveal)
                .containsExactly("xoxb-secret-1", "xapp-secret-2", "secret-3", "secret-4");
        assertThat(config.logs().secrets()).containsExactly("secret-5", "secret-6");
        assertThat(config.deployments().secrets()).containsExactly("secret-7", "secret-8", "secret-9");
        assertThat(config.actions().secrets()).containsExactly("secret-10");
    }

    @Test
    void ruleFilesAreLoadedFromGlobsBesideInlineGroupsWithTheirRecordingRules() throws Exception {
        WatchdogConfig config = new ConfigLoader(Map.of("WATCHDOG_CHANNEL", "C0123"))
                .load(Path.of("src/test/resources/config/valid/with-rule-files.yml"));

        assertThat(config.groups()).extracting(group -> group.name()).containsExactly("inline", "api", "db");
        assertThat(config.groups().get(0).interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.groups().get(1).interval()).isNull();
        AlertRule apiDown = config.groups().get(1).rules().get(0);
        assertThat(apiDown.name()).isEqualTo("ApiDown");
        assertThat(apiDown.pendingFor()).isEqualTo(Duration.ofMinutes(90));
        assertThat(apiDown.annotations()).containsEntry("summary", "{{ $labels.instance }} is down");
        assertThat(apiDown.origin()).isEqualTo("rules/api.yml:6");
        assertThat(config.rules()).extracting(AlertRule::name).containsExactly("InlineRule", "ApiDown", "DbSlow");
        assertThat(config.rules().get(0).keepFiringFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.notes()).as("no rule reads the recording rule in a way that cannot be exact").isEmpty();
        assertThat(config.groups().get(1).recordingRules()).extracting(RecordingRule::name)
                .containsExactly("job:http_requests:rate5m");
        assertThat(config.slack().channel()).isEqualTo("C0123");
        assertThat(config.prometheus().externalLabels()).containsEntry("cluster", "eu-1");
        assertThat(config.prometheus().pollInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    private static final String RECORDING_AND_ALERT = """
            prometheus:
              poll-interval: 20s
            %s
            groups:
              - name: recorded
                query_offset: 30s
                rules:
                  - record: job:errors:rate5m
                    expr: sum by (job) (rate(errors_total[5m]))
              - name: alerts
                rules:
                  - alert: ErrorsHigh
                    expr: job:errors:rate5m{job="api"} > 1
                  - alert: ErrorsRising
                    expr: deriv(job:errors:rate5m[10m]) > 0
            """;

    @Test
    void alertRulesGetTheRecordingRulesTheyReadSubstitutedAndTheGlobalQueryOffset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, RECORDING_AND_ALERT.formatted("  rule-query-offset: 1m"));

        WatchdogConfig config = new ConfigLoader(Map.of()).load(file);

        AlertRule errorsHigh = config.groups().get(1).rules().get(0);
        assertThat(errorsHigh.expr()).isEqualTo("job:errors:rate5m{job=\"api\"} > 1");
        assertThat(errorsHigh.query()).doesNotContain("job:errors:rate5m{").contains("rate(errors_total[5m])");
        assertThat(config.groups()).extracting(group -> group.queryOffset())
                .as("a group's own query_offset wins over the global default")
                .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(config.notes()).containsExactly(file + ":14: rule ErrorsRising: job:errors:rate5m is a"
                + " recording rule and the expression reads a range of it ([10m]); Watchdog substitutes a subquery"
                + " evaluated every 20s, which is close to but not exactly the samples Prometheus records (exact only"
                + " where Prometheus evaluates that rule)");
    }

    @Test
    void substitutionIsOffWhenPrometheusEvaluatesTheRecordingRules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, RECORDING_AND_ALERT.formatted("  substitute-recording-rules: false"));

        WatchdogConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(config.groups().get(1).rules()).allSatisfy(rule -> assertThat(rule.query()).isEqualTo(rule.expr()));
        assertThat(config.groups().get(1).queryOffset()).isEqualTo(Duration.ZERO);
        assertThat(config.notes()).isEmpty();
    }

    @Test
    void theApprovalOrphanWindowIsTwoMinutesUnlessSetAndOutsideOneSecondToOneHourIsAnError(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, "slack: {channel: '#ops'}\n");
        assertThat(new ConfigLoader(Map.of()).load(file).slack().approvalOrphanedAfter())
                .isEqualTo(Duration.ofMinutes(2));

        Files.writeString(file, "slack: {approval-orphaned-after: 30s}\n");
        assertThat(new ConfigLoader(Map.of()).load(file).slack().approvalOrphanedAfter())
                .isEqualTo(Duration.ofSeconds(30));

        Files.writeString(file, "slack:\n  approval-orphaned-after: 0s\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("approval-orphaned-after").hasMessageContaining("must be from 1s to 1h");
    }
}
