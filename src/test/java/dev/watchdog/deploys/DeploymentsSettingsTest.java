package dev.watchdog.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.ConfigProblem;
import dev.watchdog.config.Durations;
import dev.watchdog.deploys.DeploymentsSettings.ArgoCdApplication;
import dev.watchdog.deploys.DeploymentsSettings.ArgoCdSource;
import dev.watchdog.deploys.DeploymentsSettings.FileSource;
import dev.watchdog.deploys.DeploymentsSettings.GitHubRepository;
import dev.watchdog.deploys.DeploymentsSettings.GitHubSource;
import dev.watchdog.deploys.DeploymentsSettings.UrlSource;
import dev.watchdog.security.Secret;
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

/** The {@code deployments:} section bound from YAML, and every problem reported with its line, key path and what is allowed. */
class DeploymentsSettingsTest {

    @TempDir
    Path dir;

    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void bindsEverySourceTypeWithEnvironmentVariables() throws IOException {
        DeploymentsSettings settings = bind("""
                deployments:
                  timeout: 15s
                  max-results: 30
                  sources:
                    - name: github
                      type: github
                      token: ${GITHUB_TOKEN:-}
                      repositories:
                        - repo: acme/checkout
                          service: checkout
                          environment: production
                        - repo: acme/payments-api
                    - name: ghe
                      type: github
                      url: https://ghe.example.com/api/v3
                      repositories: [{repo: platform/.github}]
                    - name: argocd
                      type: argocd
                      url: https://argocd.example.com
                      token: ${ARGOCD_TOKEN:-}
                      applications:
                        - name: checkout-prod
                          service: checkout
                          environment: production
                        - name: payments
                          namespace: team-payments
                    - name: deploy-api
                      type: url
                      url: https://deploys.example.com/api/recent
                      token: ${DEPLOYS_TOKEN:-}
                      headers: {X-Tenant: acme}
                      items: /data/items
                      fields: {service: app, version: tag, time: finished_at, who: /actor/login, commit: sha, link: url, status: result, environment: env}
                    - name: basic-api
                      type: url
                      url: https://basic.example.com/deploys
                      username: watchdog
                      password: ${BASIC_PASSWORD}
                    - name: ci-events
                      type: file
                      path: ci/deploys.jsonl
                """, Map.of("GITHUB_TOKEN", "ghp_test", "ARGOCD_TOKEN", "argo-test", "BASIC_PASSWORD", "pw-test"));

        assertThat(problems).isEmpty();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("service", "app");
        fields.put("version", "tag");
        fields.put("time", "finished_at");
        fields.put("who", "/actor/login");
        fields.put("commit", "sha");
        fields.put("link", "url");
        fields.put("status", "result");
        fields.put("environment", "env");
        assertThat(settings).isEqualTo(new DeploymentsSettings(Duration.ofSeconds(15), 30, List.of(
                new GitHubSource("github", "https://api.github.com", Secret.of("ghp_test"), List.of(
                        new GitHubRepository("acme/checkout", "checkout", "production"),
                        new GitHubRepository("acme/payments-api", "", ""))),
                new GitHubSource("ghe", "https://ghe.example.com/api/v3", Secret.NONE,
                        List.of(new GitHubRepository("platform/.github", "", ""))),
                new ArgoCdSource("argocd", "https://argocd.example.com", Secret.of("argo-test"), List.of(
                        new ArgoCdApplication("checkout-prod", "", "checkout", "production"),
                        new ArgoCdApplication("payments", "team-payments", "", ""))),
                new UrlSource("deploy-api", "https://deploys.example.com/api/recent", Secret.NONE, "", Secret.NONE,
                        Map.of("X-Tenant", Secret.of("acme")), "/data/items", fields),
                new UrlSource("basic-api", "https://basic.example.com/deploys", Secret.NONE, "watchdog",
                        Secret.of("pw-test"), Map.of(), "", Map.of()),
                new FileSource("ci-events", dir.resolve("ci/deploys.jsonl"), Map.of()))));
        assertThat(settings.secrets()).containsExactly("ghp_test", "argo-test", "acme", "pw-test");
    }

    @Test
    void anEmptySectionHasDefaultsAndNoSources() throws IOException {
        assertThat(bind("deployments: {}\n", Map.of())).isEqualTo(DeploymentsSettings.none());
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsTopLevelProblems() throws IOException {
        bind("""
                deployments:
                  timeout: 10x
                  max-results: 0
                  colour: red
                  sources: github
                """, Map.of());

        assertThat(messages()).containsExactly(
                "watchdog.yml:5: deployments.colour: unknown key (allowed: timeout, max-results, sources)",
                "watchdog.yml:3: deployments.timeout: \"10x\" is not a duration (use " + Durations.ALLOWED + ")",
                "watchdog.yml:4: deployments.max-results: 0 is out of range (allowed: 1 to 100)",
                "watchdog.yml:6: deployments.sources: must be a list, not \"github\"");
    }

    @Test
    void aTimeoutMustBePositiveAndShort() throws IOException {
        bind("deployments:\n  timeout: 0\n", Map.of());
        bind("deployments:\n  timeout: 5m\n", Map.of());

        assertThat(messages()).containsExactly(
                "watchdog.yml:3: deployments.timeout: must be more than 0s and at most 2m (an analysis waits this long "
                        + "for a slow source)",
                "watchdog.yml:3: deployments.timeout: must be more than 0s and at most 2m (an analysis waits this long "
                        + "for a slow source)");
    }

    @Test
    void reportsSourcesWithoutNameOrTypeOrOfAnUnknownType() throws IOException {
        DeploymentsSettings settings = bind("""
                deployments:
                  sources:
                    - github
                    - url: https://x.example.com
                    - name: gitlab
                      type: gitlab
                    - name: same
                      type: file
                      path: a.jsonl
                    - name: same
                      type: file
                      path: b.jsonl
                """, Map.of());

        assertThat(settings.sources()).extracting(DeploymentsSettings.Source::name).containsExactly("same");
        assertThat(messages()).containsExactly(
                "watchdog.yml:4: deployments.sources[0]: must be a mapping (key: value), not \"github\"",
                "watchdog.yml:5: deployments.sources[1].name: is required",
                "watchdog.yml:5: deployments.sources[1].type: is required",
                "watchdog.yml:7: deployments.sources[2].type: \"gitlab\" is not a source type "
                        + "(allowed: github, argocd, url, file)",
                "watchdog.yml:11: deployments.sources[4].name: \"same\" is already the name of another source "
                        + "(names must be unique)");
    }

    @Test
    void reportsGitHubProblems() throws IOException {
        bind("""
                deployments:
                  sources:
                    - name: github
                      type: github
                      url: api.github.com
                      owner: acme
                      repositories:
                        - repo: checkout
                        - repo: acme/..
                        - service: payments
                        - repo: acme/search
                          branch: main
                    - name: empty
                      type: github
                      repositories: []
                    - name: missing
                      type: github
                """, Map.of());

        assertThat(messages()).containsExactly(
                "watchdog.yml:7: deployments.sources[0].owner: unknown key (allowed: name, type, url, token, repositories)",
                "watchdog.yml:6: deployments.sources[0].url: \"api.github.com\" is not an http:// or https:// URL",
                "watchdog.yml:9: deployments.sources[0].repositories[0].repo: \"checkout\" is not owner/name "
                        + "(e.g. acme/checkout)",
                "watchdog.yml:10: deployments.sources[0].repositories[1].repo: \"acme/..\" is not owner/name "
                        + "(e.g. acme/checkout)",
                "watchdog.yml:11: deployments.sources[0].repositories[2].repo: is required",
                "watchdog.yml:13: deployments.sources[0].repositories[3].branch: unknown key (allowed: repo, service, "
                        + "environment)",
                "watchdog.yml:16: deployments.sources[1].repositories: must list at least one repository "
                        + "(repo: owner/name)",
                "watchdog.yml:17: deployments.sources[2]: repositories is required: list at least one repository "
                        + "(repo: owner/name)");
    }

    @Test
    void reportsArgoCdProblems() throws IOException {
        bind("""
                deployments:
                  sources:
                    - name: argocd
                      type: argocd
                      token: t
                      applications:
                        - service: checkout
                        - name: checkout-prod
                          project: payments
                """, Map.of());

        assertThat(messages()).containsExactly(
                "watchdog.yml:4: deployments.sources[0].url: is required",
                "watchdog.yml:8: deployments.sources[0].applications[0].name: is required",
                "watchdog.yml:10: deployments.sources[0].applications[1].project: unknown key (allowed: name, "
                        + "namespace, service, environment)");
    }

    @Test
    void reportsUrlProblemsWithoutEchoingSecrets() throws IOException {
        bind("""
                deployments:
                  sources:
                    - name: both
                      type: url
                      url: https://deploys.example.com
                      token: secret-token-value
                      username: watchdog
                    - name: password-only
                      type: url
                      url: https://deploys.example.com
                      password: secret-password-value
                    - name: headers
                      type: url
                      url: https://deploys.example.com
                      token: secret-token-value
                      headers:
                        "Bad Header": x
                        X-Api-Key: "secret-header-value\\n"
                        Authorization: Bearer other
                      items: data.items
                      fields:
                        service: app
                        when: finished_at
                        who: ""
                        commit: /sha~2
                """, Map.of());

        assertThat(messages()).containsExactly(
                "watchdog.yml:8: deployments.sources[0].username: use either token or username and password, not both",
                "watchdog.yml:12: deployments.sources[1].password: needs a username (basic auth)",
                "watchdog.yml:18: deployments.sources[2].headers.Bad Header: is not a valid header name "
                        + "(letters, digits and !#$%&'*+.^_`|~-)",
                "watchdog.yml:19: deployments.sources[2].headers.X-Api-Key: the value must be printable ASCII on one line",
                "watchdog.yml:20: deployments.sources[2].headers.Authorization: conflicts with token or username; "
                        + "set the credentials one way",
                "watchdog.yml:21: deployments.sources[2].items: \"data.items\" is not a JSON pointer (e.g. /data/items)",
                "watchdog.yml:24: deployments.sources[2].fields.when: unknown key (allowed: service, version, time, "
                        + "who, commit, link, status, environment)",
                "watchdog.yml:25: deployments.sources[2].fields.who: must name the JSON field that holds the who",
                "watchdog.yml:26: deployments.sources[2].fields.commit: \"/sha~2\" is not a JSON pointer "
                        + "(e.g. /actor/login)");
        assertThat(messages()).noneMatch(message -> message.contains("secret-"));
    }

    @Test
    void reportsFileProblems() throws IOException {
        bind("""
                deployments:
                  sources:
                    - name: ci
                      type: file
                      url: https://x.example.com
                """, Map.of());

        assertThat(messages()).containsExactly(
                "watchdog.yml:6: deployments.sources[0].url: unknown key (allowed: name, type, path, fields)",
                "watchdog.yml:4: deployments.sources[0].path: is required");
    }

    private DeploymentsSettings bind(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, "# Watchdog\n" + yaml);
        ConfigDocument document = new ConfigDocument(file.toString(), problems, env, new LinkedHashMap<>());
        ConfigNode root = document.parse(file, true).orElseThrow();
        return DeploymentsSettings.bind(root.field("deployments").orElseThrow());
    }

    private List<String> messages() {
        return problems.stream().map(problem -> problem.toString().replace(dir + "/", "")).toList();
    }
}
