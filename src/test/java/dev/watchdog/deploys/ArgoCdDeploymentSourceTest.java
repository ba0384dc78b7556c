package dev.watchdog.deploys;

import dev.watchdog.testing.TestResources;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.watchdog.deploys.GitHubDeploymentSourceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Argo CD source against WireMock serving Argo CD API server (v2.x) answers from src/test/resources/deploys/argocd. */
class ArgoCdDeploymentSourceTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final String TOKEN = "test-argocd-token-0123456789";
    private static final String APP = "/api/v1/applications/checkout-prod";
    private static final ArgoCdDeploymentSource.Application CHECKOUT_PROD =
            new ArgoCdDeploymentSource.Application("checkout-prod", "", "checkout", "production");

    @AfterEach
    void onlyGetsWereSent() {
        assertThat(server.findAll(anyRequestedFor(anyUrl())))
                .allSatisfy(request -> assertThat(request.getMethod().getName()).isEqualTo("GET"));
    }

    @Test
    void mapsTheRevisionHistoryInTheWindowAndGivesTheNewestTheApplicationStatus() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(200, "application.json")));

        List<Deployment> syncs = source(Duration.ofSeconds(5)).recent(null, Duration.ofHours(12), NOW);

        String link = server.baseUrl() + "/applications/checkout-prod";
        assertThat(syncs).containsExactly(
                new Deployment("checkout", "d00d1234567890abcdef1234567890abcdef1234", "production",
                        Instant.parse("2024-05-01T08:15:00Z"), "automated sync",
                        "d00d1234567890abcdef1234567890abcdef1234", link, "", "argocd"),
                new Deployment("checkout", "c0ffee1234567890abcdef1234567890abcdef12", "production",
                        Instant.parse("2024-05-01T11:45:00Z"), "carol@acme.example",
                        "c0ffee1234567890abcdef1234567890abcdef12", link, "Synced/Progressing", "argocd"));
        server.verify(1, getRequestedFor(urlPathEqualTo(APP))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(APP))).get(0).getQueryParams()).isEmpty();
    }

    @Test
    void anApplicationInAnotherNamespaceIsAskedForWithAppNamespace() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(200, "application.json")));
        ArgoCdDeploymentSource source = new ArgoCdDeploymentSource("argocd", server.baseUrl(), Secret.of(TOKEN),
                List.of(new ArgoCdDeploymentSource.Application("checkout-prod", "payments", "", "")),
                Duration.ofSeconds(5), SharedHttpClient.get());

        List<Deployment> syncs = source.recent(null, Duration.ofDays(2), NOW);

        server.verify(getRequestedFor(urlPathEqualTo(APP)).withQueryParam("appNamespace", equalTo("payments")));
        assertThat(syncs).hasSize(3).allSatisfy(sync -> {
            assertThat(sync.service()).isEqualTo("checkout-prod");
            assertThat(sync.link()).isEqualTo(server.baseUrl() + "/applications/payments/checkout-prod");
        });
        assertThat(syncs.get(0).who()).isEqualTo("bob@acme.example");
    }

    @Test
    void anApplicationThatNeverSyncedHasNoDeployments() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(200, "application-never-synced.json")));

        assertThat(source(Duration.ofSeconds(5)).lookup(null, Duration.ofHours(12), NOW))
                .isEqualTo(DeploymentLookup.empty());
    }

    @Test
    void applicationsOfOtherServicesAreNotAskedFor() {
        assertThat(source(Duration.ofSeconds(5)).recent("payments", Duration.ofHours(12), NOW)).isEmpty();
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anExpiredTokenSaysToCheckTheToken() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(401, "error-unauthenticated.json")));

        DeploymentSourceException e = failure(() -> source(Duration.ofSeconds(5)).recent(null, Duration.ofHours(1), NOW));

        assertThat(e).hasMessage("argocd: Argo CD rejected the token (HTTP 401: invalid session: token has invalid "
                + "claims: token is expired) for GET " + server.baseUrl() + APP
                + "; check the token configured for this source");
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void permissionDeniedExplainsItMayAlsoMeanNoSuchApplication() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(403, "error-permission-denied.json")));

        assertThat(failure(() -> source(Duration.ofSeconds(5)).recent(null, Duration.ofHours(1), NOW)))
                .hasMessage("argocd: Argo CD denied access to application checkout-prod (HTTP 403: permission denied) "
                        + "for GET " + server.baseUrl() + APP + "; the token's account needs permission to get it "
                        + "(Argo CD answers the same for an application that does not exist)");
    }

    @Test
    void anUnknownApplicationIsNamed() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(404, "error-not-found.json")));

        assertThat(failure(() -> source(Duration.ofSeconds(5)).recent(null, Duration.ofHours(1), NOW)))
                .hasMessage("argocd: Argo CD has no application checkout-prod (HTTP 404: applications.argoproj.io "
                        + "\"checkout-prod\" not found) for GET " + server.baseUrl() + APP);
    }

    @Test
    void theWebUiInsteadOfTheApiIsNotReadAsAnApplication() {
        // A wrong path prefix gets Argo CD's single-page app: HTTP 200 with HTML.
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!doctype html><html><head><title>Argo CD</title></head><body></body></html>")));

        assertThat(failure(() -> source(Duration.ofSeconds(5)).recent(null, Duration.ofHours(1), NOW)))
                .hasMessage("argocd: Argo CD sent a response that is not JSON (HTTP 200, text/html; charset=utf-8) "
                        + "for GET " + server.baseUrl() + APP
                        + ": <!doctype html><html><head><title>Argo CD</title></head><body></body></html>");
    }

    @Test
    void oneFailingApplicationDoesNotHideTheOthers() {
        ArgoCdDeploymentSource source = new ArgoCdDeploymentSource("argocd", server.baseUrl(), Secret.of(TOKEN),
                List.of(new ArgoCdDeploymentSource.Application("checkout-staging", "", "checkout", "staging"),
                        CHECKOUT_PROD),
                Duration.ofSeconds(5), SharedHttpClient.get());
        server.stubFor(get(urlPathEqualTo("/api/v1/applications/checkout-staging"))
                .willReturn(json(403, "error-permission-denied.json")));
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(200, "application.json")));

        DeploymentLookup lookup = source.lookup("checkout", Duration.ofHours(12), NOW);

        assertThat(lookup.deployments()).hasSize(2);
        assertThat(lookup.failures()).singleElement().asString()
                .startsWith("argocd: Argo CD denied access to application checkout-staging (HTTP 403");
    }

    @Test
    void aSlowAnswerIsATimeoutNamingTheRequest() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(200, "application.json").withFixedDelay(5_000)));

        assertThat(failure(() -> source(Duration.ofMillis(300)).recent(null, Duration.ofHours(1), NOW)))
                .hasMessage("argocd: Argo CD did not answer within 300ms for GET " + server.baseUrl() + APP);
    }

    @Test
    void anOversizedApplicationIsRefused() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(200, "application.json")));
        ArgoCdDeploymentSource small = new ArgoCdDeploymentSource("argocd", server.baseUrl(), Secret.of(TOKEN),
                List.of(CHECKOUT_PROD), Duration.ofSeconds(5), SharedHttpClient.get(), 2048);

        assertThat(failure(() -> small.recent(null, Duration.ofHours(1), NOW)))
                .hasMessage("argocd: Argo CD sent more than 2 KiB for GET " + server.baseUrl() + APP);
    }

    @Test
    void checkCredentialsReadsEachApplicationOnce() {
        server.stubFor(get(urlPathEqualTo(APP)).willReturn(json(401, "error-unauthenticated.json")));

        assertThat(source(Duration.ofSeconds(5)).checkCredentials()).singleElement().asString()
                .startsWith("argocd: Argo CD rejected the token (HTTP 401");
        server.verify(1, getRequestedFor(urlPathEqualTo(APP)));
    }

    private static ArgoCdDeploymentSource source(Duration timeout) {
        return new ArgoCdDeploymentSource("argocd", server.baseUrl(), Secret.of(TOKEN), List.of(CHECKOUT_PROD), timeout,
                SharedHttpClient.get());
    }

    private static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(TestResources.text("/deploys/" + "argocd/" + fixture));
    }
}
