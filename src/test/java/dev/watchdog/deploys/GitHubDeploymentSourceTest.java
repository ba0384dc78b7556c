package dev.watchdog.deploys;

import dev.watchdog.testing.TestResources;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GitHub source against WireMock serving GitHub REST API (2022-11-28) answers from src/test/resources/deploys/github. */
class GitHubDeploymentSourceTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private static final String TOKEN = "test-github-token-0123456789";
    private static final String LIST = "/repos/acme/checkout/deployments";
    private static final GitHubDeploymentSource.Repository CHECKOUT =
            new GitHubDeploymentSource.Repository("acme/checkout", "", "production");

    @AfterEach
    void onlyGetsWereSentAndTheTokenOnlyAsAHeader() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getMethod().getName()).isEqualTo("GET");
            assertThat(request.getUrl()).doesNotContain(TOKEN);
        });
    }

    // --- results -------------------------------------------------------------------------------

    @Test
    void readsDeploymentsInTheWindowWithTheirLatestStatus() {
        server.stubFor(list().willReturn(json("deployments-page-1.json")));
        server.stubFor(statuses(1002).willReturn(json("statuses-1002-success.json")));
        server.stubFor(statuses(1001).willReturn(json("statuses-1001-failure.json")));

        List<Deployment> deployments = source(20).recent(null, SIX_HOURS, NOW);

        assertThat(deployments).containsExactly(
                new Deployment("checkout", "v1.4.2", "production", Instant.parse("2024-05-01T11:30:00Z"), "alice",
                        "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
                        "https://github.com/acme/checkout/actions/runs/8901234567/job/24400000001", "success", "github"),
                new Deployment("checkout", "main", "production", Instant.parse("2024-05-01T09:00:00Z"),
                        "github-actions[bot]", "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678",
                        "https://checkout.acme.example", "failure", "github"));
        server.verify(1, getRequestedFor(urlPathEqualTo(LIST))
                .withQueryParam("environment", equalTo("production"))
                .withQueryParam("per_page", equalTo("20"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        for (int id : new int[] {1002, 1001}) {
            server.verify(1, getRequestedFor(urlPathEqualTo(LIST + "/" + id + "/statuses"))
                    .withQueryParam("per_page", equalTo("1"))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        }
    }

    @Test
    void followsTheNextLinkUntilDeploymentsAreOlderThanTheLookback() {
        String page2 = server.baseUrl() + "/repositories/781234/deployments?environment=production&per_page=2&page=2";
        String page3 = server.baseUrl() + "/repositories/781234/deployments?environment=production&per_page=2&page=3";
        server.stubFor(list().willReturn(json("deployments-page-1.json")
                .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page3 + ">; rel=\"last\"")));
        server.stubFor(get(urlPathEqualTo("/repositories/781234/deployments"))
                .withQueryParam("page", equalTo("2"))
                .willReturn(json("deployments-page-2.json").withHeader("Link", "<" + page3 + ">; rel=\"next\"")));
        server.stubFor(statuses(1002).willReturn(json("statuses-1002-success.json")));
        server.stubFor(statuses(1001).willReturn(json("statuses-1001-failure.json")));
        server.stubFor(statuses(1000).willReturn(json("statuses-1000-inactive.json")));

        List<Deployment> deployments = paged(2, 3).recent(null, SIX_HOURS, NOW);

        assertThat(deployments).extracting(Deployment::version, Deployment::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("v1.4.2", "success"),
                org.assertj.core.groups.Tuple.tuple("main", "failure"),
                org.assertj.core.groups.Tuple.tuple("5f4e3d2c1b0a99887766554433221100ffeeddcc", "inactive"));
        server.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("per_page", equalTo("2")));
        server.verify(1, getRequestedFor(urlPathEqualTo("/repositories/781234/deployments"))
                .withQueryParam("page", equalTo("2"))
                .withQueryParam("environment", equalTo("production"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        // page 2 reached deployments older than six hours, so page 3 is never asked for
        server.verify(0, getRequestedFor(urlPathEqualTo("/repositories/781234/deployments"))
                .withQueryParam("page", equalTo("3")));
        server.verify(0, getRequestedFor(urlPathEqualTo(LIST + "/999/statuses")));
    }

    @Test
    void readsAtMostTheConfiguredNumberOfPages() {
        server.stubFor(list().willReturn(json("deployments-page-1.json")
                .withHeader("Link", "<" + server.baseUrl() + "/repositories/781234/deployments?page=2>; rel=\"next\"")));
        server.stubFor(statuses(1002).willReturn(json("statuses-empty.json")));
        server.stubFor(statuses(1001).willReturn(json("statuses-empty.json")));

        assertThat(paged(2, 1).recent(null, SIX_HOURS, NOW)).hasSize(2);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/repositories/781234/deployments")))).isEmpty();
    }

    @Test
    void neverFollowsANextLinkToAnotherHost() {
        server.stubFor(list().willReturn(json("deployments-page-1.json")
                .withHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"")));
        server.stubFor(statuses(1002).willReturn(json("statuses-empty.json")));
        server.stubFor(statuses(1001).willReturn(json("statuses-empty.json")));

        DeploymentLookup lookup = paged(2, 3).lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).hasSize(2);
        assertThat(lookup.failures()).containsExactly("github: GitHub linked the next page of acme/checkout "
                + "deployments to https://evil.example/steal?page=2, outside " + server.baseUrl()
                + "/; older deployments not read");
    }

    @Test
    void anEmptyListMeansNoDeploymentsAndNoStatusRequests() {
        server.stubFor(list().willReturn(json("deployments-empty.json")));

        assertThat(source(20).lookup(null, SIX_HOURS, NOW)).isEqualTo(DeploymentLookup.empty());
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aDeploymentWithoutStatusLinksToTheRepositoryDeploymentsPage() {
        server.stubFor(list().willReturn(json("deployments-page-1.json")));
        server.stubFor(statuses(1002).willReturn(json("statuses-empty.json")));
        server.stubFor(statuses(1001).willReturn(json("statuses-empty.json")));

        Deployment newest = source(20).recent(null, SIX_HOURS, NOW).get(0);

        assertThat(newest.status()).isEmpty();
        assertThat(newest.link()).isEqualTo(server.baseUrl() + "/acme/checkout/deployments");
    }

    @Test
    void gitHubEnterpriseServerIsReachedUnderItsApiPrefix() {
        server.stubFor(get(urlPathEqualTo("/api/v3" + LIST)).willReturn(json("deployments-page-1.json")));
        server.stubFor(get(urlPathEqualTo("/api/v3" + LIST + "/1002/statuses")).willReturn(json("statuses-empty.json")));
        server.stubFor(get(urlPathEqualTo("/api/v3" + LIST + "/1001/statuses")).willReturn(json("statuses-empty.json")));
        GitHubDeploymentSource enterprise = new GitHubDeploymentSource("ghe", server.baseUrl() + "/api/v3/", Secret.of(TOKEN),
                List.of(CHECKOUT), Duration.ofSeconds(5), 20, SharedHttpClient.get());

        List<Deployment> deployments = enterprise.recent(null, SIX_HOURS, NOW);

        assertThat(deployments).hasSize(2);
        assertThat(deployments.get(0).link()).isEqualTo(server.baseUrl() + "/acme/checkout/deployments");
        assertThat(deployments.get(0).source()).isEqualTo("ghe");
    }

    @Test
    void theServiceNameDefaultsToTheRepositoryNameAndFiltersWithoutRequests() {
        GitHubDeploymentSource source = new GitHubDeploymentSource("github", server.baseUrl(), Secret.of(TOKEN),
                List.of(CHECKOUT, new GitHubDeploymentSource.Repository("acme/payments-api", "payments", "")),
                Duration.ofSeconds(5), 20, SharedHttpClient.get());
        server.stubFor(get(urlPathEqualTo("/repos/acme/payments-api/deployments")).willReturn(json("deployments-empty.json")));

        assertThat(source.recent("Payments", SIX_HOURS, NOW)).isEmpty();

        server.verify(1, getRequestedFor(urlPathEqualTo("/repos/acme/payments-api/deployments"))
                .withQueryParam("environment", absent()));
        server.verify(0, getRequestedFor(urlPathEqualTo(LIST)));
        assertThat(CHECKOUT.service()).isEqualTo("checkout");
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() {
        server.stubFor(list().willReturn(json("deployments-empty.json")));
        GitHubDeploymentSource anonymous = new GitHubDeploymentSource("github", server.baseUrl(), Secret.NONE, List.of(CHECKOUT),
                Duration.ofSeconds(5), 20, SharedHttpClient.get());

        anonymous.recent(null, SIX_HOURS, NOW);

        server.verify(getRequestedFor(urlPathEqualTo(LIST)).withHeader("Authorization", absent()));
    }

    @Test
    void oneFailingRepositoryDoesNotHideTheOthers() {
        GitHubDeploymentSource source = new GitHubDeploymentSource("github", server.baseUrl(), Secret.of(TOKEN),
                List.of(new GitHubDeploymentSource.Repository("acme/gone", "", ""), CHECKOUT),
                Duration.ofSeconds(5), 20, SharedHttpClient.get());
        server.stubFor(get(urlPathEqualTo("/repos/acme/gone/deployments")).willReturn(json("error-not-found.json").withStatus(404)));
        server.stubFor(list().willReturn(json("deployments-page-1.json")));
        server.stubFor(statuses(1002).willReturn(json("statuses-empty.json")));
        server.stubFor(statuses(1001).willReturn(json("statuses-empty.json")));

        DeploymentLookup lookup = source.lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).hasSize(2);
        assertThat(lookup.failures()).containsExactly("github: GitHub has no repository acme/gone, or the token "
                + "cannot see it (HTTP 404: Not Found) for GET " + server.baseUrl() + "/repos/acme/gone/deployments?per_page=20");
        assertThatThrownBy(() -> source.recent(null, SIX_HOURS, NOW))
                .isInstanceOf(DeploymentSourceException.class)
                .hasMessage(lookup.failures().get(0));
    }

    @Test
    void aFailingStatusRequestKeepsTheDeploymentsAndStopsAskingForStatuses() {
        server.stubFor(list().willReturn(json("deployments-page-1.json")));
        server.stubFor(statuses(1002).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        DeploymentLookup lookup = source(20).lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).extracting(Deployment::version).containsExactly("v1.4.2", "main");
        assertThat(lookup.failures()).containsExactly("github: GitHub answered HTTP 502 for GET " + server.baseUrl()
                + LIST + "/1002/statuses?per_page=1: Bad Gateway (statuses of the remaining deployments not read)");
        server.verify(0, getRequestedFor(urlPathEqualTo(LIST + "/1001/statuses")));
    }

    // --- errors --------------------------------------------------------------------------------

    @Test
    void aRejectedTokenSaysToCheckTheToken() {
        server.stubFor(list().willReturn(json("error-bad-credentials.json").withStatus(401)));

        assertThatThrownBy(() -> source(20).recent(null, SIX_HOURS, NOW))
                .isInstanceOf(DeploymentSourceException.class)
                .hasMessage("github: GitHub rejected the token (HTTP 401: Bad credentials) for GET " + listUrl()
                        + "; check the token configured for this source")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void anUnknownRepositoryWithoutTokenMentionsThatPrivateRepositoriesNeedOne() {
        server.stubFor(list().willReturn(json("error-not-found.json").withStatus(404)));
        GitHubDeploymentSource anonymous = new GitHubDeploymentSource("github", server.baseUrl(), Secret.NONE, List.of(CHECKOUT),
                Duration.ofSeconds(5), 20, SharedHttpClient.get());

        assertThatThrownBy(() -> anonymous.recent(null, SIX_HOURS, NOW)).hasMessage("github: GitHub has no repository "
                + "acme/checkout, or the token cannot see it (HTTP 404: Not Found) for GET " + listUrl()
                + "; no token is configured, and private repositories need one");
    }

    @Test
    void aTokenWithoutAccessIsToldWhatItNeeds() {
        server.stubFor(list().willReturn(json("error-resource-not-accessible.json").withStatus(403)));

        assertThatThrownBy(() -> source(20).recent(null, SIX_HOURS, NOW)).hasMessage("github: GitHub denied access to "
                + "acme/checkout (HTTP 403: Resource not accessible by personal access token) for GET " + listUrl()
                + "; the token needs read access to deployments of this repository");
    }

    @Test
    void anExhaustedRateLimitSaysWhenItResets() {
        server.stubFor(list().willReturn(json("error-rate-limited.json").withStatus(403)
                .withHeader("x-ratelimit-limit", "5000")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000")
                .withHeader("x-ratelimit-reset", "1714564800")
                .withHeader("x-ratelimit-resource", "core")));

        DeploymentSourceException e = failure(() -> source(20).recent(null, SIX_HOURS, NOW));

        assertThat(e).hasMessage("github: GitHub rate limit is used up (HTTP 403: API rate limit exceeded for user ID "
                + "1001. If you reach out to GitHub Support for help, please include the request ID "
                + "8E4B:1A2B:3C4D5E:6F7081:66321A2B.) for GET " + listUrl() + "; it resets at 2024-05-01T12:00:00Z");
        assertThat(e.status()).isEqualTo(403);
    }

    @Test
    void aSecondaryRateLimitSaysWhenToRetry() {
        server.stubFor(list().willReturn(json("error-secondary-rate-limit.json").withStatus(429)
                .withHeader("retry-after", "60")));

        assertThat(failure(() -> source(20).recent(null, SIX_HOURS, NOW)).getMessage())
                .startsWith("github: GitHub secondary rate limit hit (HTTP 429: You have exceeded a secondary rate limit.")
                .endsWith(") for GET " + listUrl() + "; retry after 60s");
    }

    @Test
    void aSecondaryRateLimitWithoutRetryAfterSaysToWaitAMinute() {
        server.stubFor(list().willReturn(json("error-secondary-rate-limit.json").withStatus(403)));

        assertThat(failure(() -> source(20).recent(null, SIX_HOURS, NOW)).getMessage())
                .startsWith("github: GitHub secondary rate limit hit (HTTP 403: You have exceeded a secondary rate limit.")
                .endsWith(") for GET " + listUrl() + "; wait at least a minute before asking again");
    }

    @Test
    void aSlowAnswerIsATimeoutNamingTheRequest() {
        server.stubFor(list().willReturn(json("deployments-page-1.json").withFixedDelay(5_000)));
        GitHubDeploymentSource impatient = new GitHubDeploymentSource("github", server.baseUrl(), Secret.of(TOKEN),
                List.of(CHECKOUT), Duration.ofMillis(300), 20, SharedHttpClient.get());

        DeploymentSourceException e = failure(() -> impatient.recent(null, SIX_HOURS, NOW));

        assertThat(e).hasMessage("github: GitHub did not answer within 300ms for GET " + listUrl());
        assertThat(e.status()).isZero();
    }

    @Test
    void anOversizedAnswerIsRefused() {
        server.stubFor(list().willReturn(json("deployments-page-1.json")));
        GitHubDeploymentSource small = new GitHubDeploymentSource("github", server.baseUrl(), Secret.of(TOKEN), List.of(CHECKOUT),
                Duration.ofSeconds(5), 20, SharedHttpClient.get(), 20, 3, 1024);

        assertThat(failure(() -> small.recent(null, SIX_HOURS, NOW)))
                .hasMessage("github: GitHub sent more than 1 KiB for GET " + listUrl());
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        server.stubFor(list().willReturn(aResponse().withStatus(301)
                .withHeader("Location", server.baseUrl() + "/repositories/781234/deployments")));

        assertThat(failure(() -> source(20).recent(null, SIX_HOURS, NOW))).hasMessage("github: GitHub answered HTTP 301 "
                + "for GET " + listUrl() + " (redirected to " + server.baseUrl() + "/repositories/781234/deployments; "
                + "redirects are not followed, configure the final URL)");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aClosedPortIsUnreachable() {
        int port = TestResources.closedPort();
        GitHubDeploymentSource source = new GitHubDeploymentSource("github", "http://127.0.0.1:" + port, Secret.of(TOKEN),
                List.of(CHECKOUT), Duration.ofSeconds(5), 20, SharedHttpClient.get());

        assertThat(failure(() -> source.recent(null, SIX_HOURS, NOW))).hasMessage("github: GitHub is unreachable "
                + "(connection refused) for GET http://127.0.0.1:" + port + LIST + "?environment=production&per_page=20");
    }

    // --- check-config --------------------------------------------------------------------------

    @Test
    void checkCredentialsAsksForOneDeploymentPerRepository() {
        server.stubFor(list().willReturn(json("deployments-empty.json")));

        assertThat(source(20).checkCredentials()).isEmpty();
        server.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("per_page", equalTo("1"))
                .withQueryParam("environment", absent())
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void checkCredentialsReportsARejectedToken() {
        server.stubFor(list().willReturn(json("error-bad-credentials.json").withStatus(401)));

        assertThat(source(20).checkCredentials()).containsExactly("github: GitHub rejected the token (HTTP 401: "
                + "Bad credentials) for GET " + server.baseUrl() + LIST + "?per_page=1; check the token configured for "
                + "this source");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static GitHubDeploymentSource source(int maxPerRepository) {
        return new GitHubDeploymentSource("github", server.baseUrl(), Secret.of(TOKEN), List.of(CHECKOUT), Duration.ofSeconds(5),
                maxPerRepository, SharedHttpClient.get());
    }

    private static GitHubDeploymentSource paged(int perPage, int maxPages) {
        return new GitHubDeploymentSource("github", server.baseUrl(), Secret.of(TOKEN), List.of(CHECKOUT), Duration.ofSeconds(5),
                20, SharedHttpClient.get(), perPage, maxPages, HttpDeploymentSource.DEFAULT_MAX_RESPONSE_BYTES);
    }

    private static String listUrl() {
        return server.baseUrl() + LIST + "?environment=production&per_page=20";
    }

    private static MappingBuilder list() {
        return get(urlPathEqualTo(LIST));
    }

    private static MappingBuilder statuses(int id) {
        return get(urlPathEqualTo(LIST + "/" + id + "/statuses"));
    }

    private static ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(TestResources.text("/deploys/" + "github/" + fixture));
    }

    static DeploymentSourceException failure(Runnable call) {
        try {
            call.run();
        } catch (DeploymentSourceException e) {
            return e;
        }
        throw new AssertionError("expected a DeploymentSourceException");
    }
}
