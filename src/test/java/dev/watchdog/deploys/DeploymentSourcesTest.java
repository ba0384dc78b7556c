package dev.watchdog.deploys;

import dev.watchdog.security.Secret;
import dev.watchdog.testing.TestResources;
import static dev.watchdog.deploys.FakeDeploymentSource.answering;
import static dev.watchdog.deploys.FakeDeploymentSource.failing;
import static dev.watchdog.deploys.FakeDeploymentSource.hanging;
import static dev.watchdog.deploys.FakeDeploymentSource.partly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.security.Redactor;
import dev.watchdog.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentSourcesTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingSources() {
        release.countDown();
    }

    @Test
    void mergesEverySourceNewestFirstAndReportsAFailingSourceAsText() {
        DeploymentSources sources = sources(List.of(
                answering("github", deployment("checkout", "v1.4.2", "11:30", "github"),
                        deployment("checkout", "v1.4.1", "08:00", "github")),
                failing("argocd", new DeploymentSourceException("argocd: Argo CD rejected the token (HTTP 401)", 401)),
                answering("ci-events", deployment("payments", "2024.05.01", "10:00", "ci-events"))), 20);

        DeploymentLookup lookup = sources.recent(null, Duration.ofHours(6));

        assertThat(lookup.deployments()).extracting(Deployment::version)
                .containsExactly("v1.4.2", "2024.05.01", "v1.4.1");
        assertThat(lookup.failures()).containsExactly("argocd: Argo CD rejected the token (HTTP 401)");
    }

    @Test
    void partialFailuresOfASourceAreKeptBesideItsDeployments() {
        DeploymentSources sources = sources(List.of(partly("github", new DeploymentLookup(
                List.of(deployment("checkout", "v1", "09:00", "github")), List.of("github: acme/gone failed")))), 20);

        DeploymentLookup lookup = sources.recent("checkout", Duration.ofHours(6));

        assertThat(lookup.deployments()).hasSize(1);
        assertThat(lookup.failures()).containsExactly("github: acme/gone failed");
    }

    @Test
    void eachSourceIsAskedForTheServiceAndTheWindowEndingAtTheClocksNow() {
        FakeDeploymentSource github = answering("github");
        FakeDeploymentSource file = answering("file");
        clock.advance(Duration.ofMinutes(5));

        sources(List.of(github, file), 20).recent("checkout", Duration.ofHours(2));

        FakeDeploymentSource.Asked expected =
                new FakeDeploymentSource.Asked("checkout", Duration.ofHours(2), NOW.plus(Duration.ofMinutes(5)));
        assertThat(github.asked).containsExactly(expected);
        assertThat(file.asked).containsExactly(expected);
    }

    @Test
    void keepsOnlyTheNewestMaxResults() {
        DeploymentSources sources = sources(List.of(
                answering("a", deployment("s", "1", "07:00", "a"), deployment("s", "3", "09:00", "a")),
                answering("b", deployment("s", "2", "08:00", "b"), deployment("s", "4", "10:00", "b"))), 3);

        assertThat(sources.recent(null, Duration.ofHours(6)).deployments()).extracting(Deployment::version)
                .containsExactly("4", "3", "2");
    }

    @Test
    void aSourceThatNeverAnswersIsReportedAfterTheTimeoutWithoutHoldingTheOthers() {
        DeploymentSources sources = new DeploymentSources(List.of(hanging("slow-api", release),
                answering("github", deployment("checkout", "v1", "09:00", "github"))), Duration.ofMillis(100), 20, clock);

        DeploymentLookup lookup = sources.recent(null, Duration.ofHours(6));

        assertThat(lookup.deployments()).hasSize(1);
        assertThat(lookup.failures()).containsExactly("slow-api: no answer within 100ms");
    }

    @Test
    void anUnexpectedExceptionIsReportedByNameNotThrown() {
        DeploymentSources sources = sources(List.of(failing("buggy", new IllegalStateException("boom")),
                answering("github", deployment("checkout", "v1", "09:00", "github"))), 20);

        DeploymentLookup lookup = sources.recent(null, Duration.ofHours(6));

        assertThat(lookup.deployments()).hasSize(1);
        assertThat(lookup.failures()).containsExactly("buggy: failed unexpectedly (IllegalStateException: boom)");
    }

    @Test
    void configuredSecretsAreMaskedInFailures() {
        DeploymentSources sources = new DeploymentSources(List.of(failing("api",
                new DeploymentSourceException("api: the deployments URL answered HTTP 500: echo s3cr3t-value-42", 500))),
                Duration.ofSeconds(1), 20, clock, Redactor.standard().alsoMasking(List.of("s3cr3t-value-42")));

        assertThat(sources.recent(null, Duration.ofHours(1)).failures()).containsExactly(
                "api: the deployments URL answered HTTP 500: echo [REDACTED:configured-secret]");
        assertThat(sources.checkCredentials()).containsExactly(
                "api: the deployments URL answered HTTP 500: echo [REDACTED:configured-secret]");
    }

    @Test
    void withoutSourcesTheLookupSaysDeploymentsAreUnknown() {
        DeploymentLookup lookup = sources(List.of(), 20).recent(null, Duration.ofHours(1));

        assertThat(lookup.deployments()).isEmpty();
        assertThat(lookup.failures())
                .containsExactly("no deployment sources are configured, so recent deployments are unknown");
    }

    @Test
    void checkCredentialsCollectsEveryProblem() {
        DeploymentSources sources = sources(List.of(answering("ok"),
                failing("github", new DeploymentSourceException("github: GitHub rejected the token (HTTP 401)", 401)),
                failing("argocd", new DeploymentSourceException("argocd: Argo CD denied access (HTTP 403)", 403))), 20);

        assertThat(sources.checkCredentials()).containsExactly("github: GitHub rejected the token (HTTP 401)",
                "argocd: Argo CD denied access (HTTP 403)");
    }

    @Test
    void fromSettingsBuildsEveryConfiguredSourceAndMasksItsSecrets(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deploys.jsonl");
        Files.writeString(file, "{\"service\":\"checkout\",\"version\":\"v9\",\"time\":\"2024-05-01T11:00:00Z\"}\n");
        int closed = TestResources.closedPort();
        String token = "ghp_" + "A".repeat(36);
        DeploymentsSettings settings = new DeploymentsSettings(Duration.ofSeconds(2), 20, List.of(
                new DeploymentsSettings.GitHubSource("github", "http://127.0.0.1:" + closed, Secret.of(token),
                        List.of(new DeploymentsSettings.GitHubRepository("acme/checkout", "", ""))),
                new DeploymentsSettings.ArgoCdSource("argocd", "http://127.0.0.1:" + closed,
                        Secret.of("argo-token-123"),
                        List.of(new DeploymentsSettings.ArgoCdApplication("checkout-prod", "", "checkout", ""))),
                new DeploymentsSettings.UrlSource("deploy-api", "http://127.0.0.1:" + closed + "/recent", Secret.NONE,
                        "watchdog", Secret.of("pw-123456"), Map.of("X-Api-Key", Secret.of("key-123456")), "/items",
                        Map.of("time", "at")),
                new DeploymentsSettings.FileSource("ci-events", file, Map.of())));

        DeploymentSources sources = DeploymentSources.from(settings, clock);
        DeploymentLookup lookup = sources.recent("checkout", Duration.ofHours(6));

        assertThat(sources.names()).containsExactly("github", "argocd", "deploy-api", "ci-events");
        assertThat(lookup.deployments()).extracting(Deployment::version).containsExactly("v9");
        assertThat(lookup.failures()).containsExactly(
                "github: GitHub is unreachable (connection refused) for GET http://127.0.0.1:" + closed
                        + "/repos/acme/checkout/deployments?per_page=20",
                "argocd: Argo CD is unreachable (connection refused) for GET http://127.0.0.1:" + closed
                        + "/api/v1/applications/checkout-prod",
                "deploy-api: the deployments URL is unreachable (connection refused) for GET http://127.0.0.1:"
                        + closed + "/recent");
        assertThat(settings.toString()).doesNotContain(token, "argo-token-123", "pw-123456", "key-123456");
    }

    private DeploymentSources sources(List<DeploymentSource> sources, int maxResults) {
        return new DeploymentSources(sources, Duration.ofSeconds(5), maxResults, clock);
    }

    private static Deployment deployment(String service, String version, String time, String source) {
        return new Deployment(service, version, "production", Instant.parse("2024-05-01T" + time + ":00Z"), "alice",
                "", "", "success", source);
    }
}
