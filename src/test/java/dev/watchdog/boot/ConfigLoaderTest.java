package dev.watchdog.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

        assertThat(config.slack().botToken()).isEqualTo("xoxb-1-2-abc");
        assertThat(config.slack().appToken()).isEqualTo("xapp-1-A-2-def");
        assertThat(config.prometheus().url()).isEqualTo("http://prom.internal:9090");
        assertThat(config.store().path()).isEqualTo(Path.of("/var/lib/watchdog/watchdog.db"));
        assertThat(config.unsetVariables()).isEmpty();
    }

    @Test
    void ruleFilesAreLoadedFromGlobsBesideInlineGroupsAndRecordingRulesAreSkipped() throws Exception {
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
        assertThat(config.notes()).containsExactly("rules/api.yml:4: recording rule \"job:http_requests:rate5m\""
                + " skipped (Watchdog evaluates alerting rules; keep recording rules in Prometheus)");
        assertThat(config.slack().channel()).isEqualTo("C0123");
        assertThat(config.prometheus().externalLabels()).containsEntry("cluster", "eu-1");
        assertThat(config.prometheus().pollInterval()).isEqualTo(Duration.ofSeconds(15));
    }
}
