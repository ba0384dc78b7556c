package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigProblem;
import dev.watchdog.promql.PromQL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a rule file binds to, beyond what the corpus shows: Prometheus 3 keys, recording rules, notes. */
class RuleGroupParserTest {

    @TempDir
    Path dir;

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final RuleGroupParser parser = new RuleGroupParser();

    @Test
    void bindsThePrometheus3GroupKeysAndLetsRuleLabelsOverrideGroupLabels() throws Exception {
        List<RuleGroup> groups = parse("""
                groups:
                  - name: api
                    query_offset: 1m
                    limit: 10
                    labels: {team: payments, severity: warning}
                    rules:
                      - alert: ApiDown
                        expr: up{job="api"} == 0
                        labels: {severity: critical}
                  - name: plain
                    limit: -1
                    rules: []
                """);

        assertThat(problems).isEmpty();
        RuleGroup api = groups.get(0);
        assertThat(api.queryOffset()).isEqualTo(Duration.ofMinutes(1));
        assertThat(api.limit()).isEqualTo(10);
        assertThat(api.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "severity", "warning"));
        assertThat(api.rules().get(0).labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "severity", "critical"));
        assertThat(groups.get(1).queryOffset()).isNull();
        assertThat(groups.get(1).limit()).as("Prometheus reads a negative limit as none").isZero();
    }

    @Test
    void bindsRecordingRulesWithTheirParsedExpressionAndSaysTheyAreNotEvaluated() throws Exception {
        List<RuleGroup> groups = parse("""
                groups:
                  - name: recording
                    labels: {team: payments}
                    rules:
                      - record: job:http_requests:rate5m
                        expr: sum by (job) (rate(http_requests_total[5m]))
                        labels: {env: "{{ not a template }}"}
                        for: 0s
                        annotations: {}
                """);

        assertThat(problems).as("promtool allows a zero for and no annotations on a recording rule").isEmpty();
        RecordingRule rule = groups.get(0).recordingRules().get(0);
        assertThat(rule.name()).isEqualTo("job:http_requests:rate5m");
        assertThat(rule.query()).isEqualTo(PromQL.parse("sum(rate(http_requests_total[5m])) by (job)"));
        assertThat(rule.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments",
                "env", "{{ not a template }}"));
        assertThat(rule.origin()).isEqualTo("rules.yml:5");
        assertThat(groups.get(0).rules()).isEmpty();
        assertThat(parser.notes()).as("recording rules are substituted, not skipped").isEmpty();
    }

    @Test
    void acceptsAnyNonEmptyAlertNameAndLabelsPrometheusAccepts() throws Exception {
        List<RuleGroup> groups = parse("""
                groups:
                  - name: names
                    rules:
                      - alert: MysqlTooManyConnections(>80%)
                        expr: mysql_up == 0
                      - alert: Cert-managerAbsent
                        expr: absent(up{job="cert-manager"})
                      - alert: Blackbox probe failed / 5xx
                        expr: probe_success == 0
                        labels: {__tenant: a}
                """);

        assertThat(problems).isEmpty();
        assertThat(groups.get(0).rules()).extracting(AlertRule::name).containsExactly(
                "MysqlTooManyConnections(>80%)", "Cert-managerAbsent", "Blackbox probe failed / 5xx");
    }

    @Test
    void notesAnExpressionPrometheusLoadsButCannotEvaluate() throws Exception {
        parse("""
                groups:
                  - name: odd
                    rules:
                      - alert: RangeNotInstant
                        expr: http_requests_total[5m]
                """);

        assertThat(problems).isEmpty();
        assertThat(parser.notes()).containsExactly("rules.yml:5: rule RangeNotInstant: the expression gives a range"
                + " vector; Prometheus loads the rule but cannot evaluate it (a rule needs an instant vector or a"
                + " scalar)");
    }

    @Test
    void notesWhatPrometheus3RunsOnlyBehindItsExperimentalFlag() throws Exception {
        parse("""
                groups:
                  - name: experimental
                    rules:
                      - alert: Noisy
                        expr: limitk(3, mad_over_time(x[1h]) > 2) or mad_over_time(y[1h]) > 2
                """);

        assertThat(problems).isEmpty();
        assertThat(parser.notes()).containsExactly(
                "rules.yml:5: rule Noisy: limitk() needs Prometheus 3 with --enable-feature=promql-experimental-functions",
                "rules.yml:5: rule Noisy: mad_over_time() needs Prometheus 3 with"
                        + " --enable-feature=promql-experimental-functions");
    }

    private List<RuleGroup> parse(String yaml) throws IOException {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, yaml);
        ConfigDocument document = new ConfigDocument("rules.yml", problems, Map.of(), new LinkedHashMap<>());
        return parser.parse(document.parse(file, false).orElseThrow().field("groups").orElseThrow());
    }
}
