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
import static dev.watchdog.deploys.GitHubDeploymentSourceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generic JSON URL source against WireMock serving fixtures from src/test/resources/deploys/url. */
class UrlDeploymentSourceTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private static final String PATH = "/api/recent";
    private static final String TOKEN = "test-deploys-token-0123456789";
    private static final FieldMapping MAPPED = FieldMapping.of(Map.of("service", "app", "version", "tag",
            "time", "finished_at", "who", "/actor/login", "commit", "sha", "link", "url", "status", "result",
            "environment", "env"));

    @AfterEach
    void onlyGetsWereSent() {
        assertThat(server.findAll(anyRequestedFor(anyUrl())))
                .allSatisfy(request -> assertThat(request.getMethod().getName()).isEqualTo("GET"));
    }

    @Test
    void readsTheListAtThePointerWithMappedFieldsAndEveryTimeFormat() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "nested.json")));

        DeploymentLookup lookup = source(PeerAuth.bearer(Secret.of(TOKEN)), "/data/items").lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).containsExactly(
                new Deployment("checkout", "v1.4.2", "production", Instant.parse("2024-05-01T11:30:00Z"), "alice",
                        "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", "https://deploys.example.com/d/301", "succeeded",
                        "deploy-api"),
                new Deployment("payments", "2024.05.01-1", "production", Instant.parse("2024-05-01T08:00:00Z"),
                        "deploy-bot", "aa11bb22cc33dd44ee55ff6677889900aabbccdd", "https://deploys.example.com/d/300",
                        "succeeded", "deploy-api"),
                new Deployment("checkout", "v1.4.1", "production", Instant.parse("2024-05-01T07:00:00Z"), "bob",
                        "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678", "https://deploys.example.com/d/299", "rolled_back",
                        "deploy-api"));
        assertThat(lookup.failures()).containsExactly("deploy-api: skipped 1 of 5 entries from GET "
                + server.baseUrl() + PATH + " that could not be read (first: no \"finished_at\")");
        server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void filtersByServiceIgnoringCase() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "nested.json")));

        assertThat(source(PeerAuth.NONE, "/data/items").lookup("Checkout", SIX_HOURS, NOW).deployments())
                .extracting(Deployment::version).containsExactly("v1.4.2", "v1.4.1");
    }

    @Test
    void aTopLevelArrayWithTheRecordsOwnFieldNamesNeedsNoMapping() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "top-level.json")));
        UrlDeploymentSource source = new UrlDeploymentSource("ci", server.baseUrl() + PATH, PeerAuth.NONE, "",
                FieldMapping.identity(), Duration.ofSeconds(5), SharedHttpClient.get());

        assertThat(source.recent(null, SIX_HOURS, NOW)).containsExactly(new Deployment("search", "3.2.0", "staging",
                Instant.parse("2024-05-01T10:00:00Z"), "dana", "abc123", "https://ci.example.com/runs/1", "success", "ci"));
        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", absent()));
    }

    @Test
    void basicAuthAndExtraHeadersAreSent() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "top-level.json")));
        PeerAuth auth = PeerAuth.basic("watchdog", Secret.of("s3cret-password")).withHeaders(Map.of("X-Tenant", Secret.of("acme")));

        new UrlDeploymentSource("ci", server.baseUrl() + PATH, auth, "", FieldMapping.identity(), Duration.ofSeconds(5),
                SharedHttpClient.get()).recent(null, SIX_HOURS, NOW);

        String basic = "Basic " + Base64.getEncoder().encodeToString("watchdog:s3cret-password".getBytes());
        server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("X-Tenant", equalTo("acme")));
        assertThat(auth.toString()).doesNotContain("s3cret-password").doesNotContain("acme");
    }

    @Test
    void theQueryStringIsKeptAndSecretsInItAreMaskedInMessages() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(401, "error-unauthorized.json")));
        UrlDeploymentSource source = new UrlDeploymentSource("deploy-api",
                server.baseUrl() + PATH + "?team=payments&api_key=abcdef123456", PeerAuth.NONE, "",
                FieldMapping.identity(), Duration.ofSeconds(5), SharedHttpClient.get());

        DeploymentSourceException e = failure(() -> source.recent(null, SIX_HOURS, NOW));

        server.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("api_key", equalTo("abcdef123456")));
        assertThat(e).hasMessage("deploy-api: the deployments URL answered HTTP 401 for GET " + server.baseUrl() + PATH
                + "?team=payments&api_key=[REDACTED:api-key]: { \"error\": \"unauthorized\", \"message\": "
                + "\"missing or invalid API token\" }; check the token, username and password or headers configured "
                + "for this source");
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void anObjectWithoutPointerAsksForThePointer() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "nested.json")));

        assertThat(failure(() -> source(PeerAuth.NONE, "").recent(null, SIX_HOURS, NOW))).hasMessage("deploy-api: "
                + "the deployments URL sent an object instead of a list of deployments for GET " + server.baseUrl() + PATH
                + "; set items to the JSON pointer of the list, e.g. /items");
    }

    @Test
    void aPointerToNothingSaysSo() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "nested.json")));

        assertThat(failure(() -> source(PeerAuth.NONE, "/data/deployments").recent(null, SIX_HOURS, NOW)))
                .hasMessage("deploy-api: the deployments URL sent nothing at /data/deployments instead of a list of "
                        + "deployments for GET " + server.baseUrl() + PATH);
    }

    @Test
    void anEmptyListIsNoDeployments() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("[]")));

        assertThat(source(PeerAuth.NONE, "").lookup(null, SIX_HOURS, NOW)).isEqualTo(DeploymentLookup.empty());
    }

    @Test
    void aSlowAnswerIsATimeoutNamingTheRequest() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "top-level.json").withFixedDelay(5_000)));
        UrlDeploymentSource impatient = new UrlDeploymentSource("deploy-api", server.baseUrl() + PATH,
                PeerAuth.NONE, "", FieldMapping.identity(), Duration.ofMillis(300), SharedHttpClient.get());

        assertThat(failure(() -> impatient.recent(null, SIX_HOURS, NOW)))
                .hasMessage("deploy-api: the deployments URL did not answer within 300ms for GET " + server.baseUrl() + PATH);
    }

    @Test
    void anOversizedAnswerIsRefused() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json(200, "nested.json")));
        UrlDeploymentSource small = new UrlDeploymentSource("deploy-api", server.baseUrl() + PATH, PeerAuth.NONE,
                "/data/items", MAPPED, Duration.ofSeconds(5), SharedHttpClient.get(), 100);

        assertThat(failure(() -> small.recent(null, SIX_HOURS, NOW)))
                .hasMessage("deploy-api: the deployments URL sent more than 100 bytes for GET " + server.baseUrl() + PATH);
    }

    @Test
    void credentialsInTheUrlAreNeverShown() {
        int port = TestResources.closedPort();
        UrlDeploymentSource source = new UrlDeploymentSource("deploy-api",
                "http://watchdog:url-password@127.0.0.1:" + port + PATH, PeerAuth.NONE, "", FieldMapping.identity(),
                Duration.ofSeconds(5), SharedHttpClient.get());

        assertThat(failure(() -> source.recent(null, SIX_HOURS, NOW))).hasMessage("deploy-api: the deployments URL is "
                + "unreachable (connection refused) for GET http://127.0.0.1:" + port + PATH);
        assertThat(source.checkCredentials()).singleElement().asString().doesNotContain("url-password");
    }

    private static UrlDeploymentSource source(PeerAuth auth, String pointer) {
        return new UrlDeploymentSource("deploy-api", server.baseUrl() + PATH, auth, pointer, MAPPED,
                Duration.ofSeconds(5), SharedHttpClient.get());
    }

    private static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(TestResources.text("/deploys/" + "url/" + fixture));
    }
}
