package dev.watchdog.logs;

import dev.watchdog.security.Secret;
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
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.logs.LogSearchResult.ErrorTypeCount;
import dev.watchdog.logs.LogSearchResult.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Loki source against WireMock serving Loki-shaped answers from src/test/resources/logs/loki. */
class LokiLogSourceTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant END = Instant.parse("2024-01-15T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(END, ZoneOffset.UTC);
    private static final String QUERY_RANGE = "/loki/loki/api/v1/query_range";

    private String base;

    @BeforeEach
    void setUp() {
        base = server.baseUrl() + "/loki"; // behind a path prefix, as with a gateway
    }

    @AfterEach
    void onlyReadEndpointsWereCalled() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getMethod().getName()).isEqualTo("GET");
            assertThat(request.getUrl()).matches("/loki/loki/api/v1/(query_range|labels).*");
        });
    }

    // --- results -------------------------------------------------------------------------------

    @Test
    void searchSendsTheSelectorAndTextFilterAndReadsEveryStream() {
        stub(200, "loki/query-range-streams.json");

        LogSearchResult result = source(settings("team-a", "", "", "")).search(query("timeout", null));

        server.verify(getRequestedFor(urlPathEqualTo(QUERY_RANGE))
                .withQueryParam("query", equalTo("{app=\"checkout\"} |~ \"(?i)timeout\""))
                .withQueryParam("start", equalTo("1705313700000000000"))
                .withQueryParam("end", equalTo("1705314600000000000"))
                .withQueryParam("limit", equalTo("1000"))
                .withQueryParam("direction", equalTo("backward"))
                .withHeader("X-Scope-OrgID", equalTo("team-a"))
                .withHeader("Authorization", absent()));
        assertThat(result.totalMatches()).isEqualTo(5);
        assertThat(result.countsByLevel()).containsExactly(
                Map.entry(LogLevel.ERROR, 3L), Map.entry(LogLevel.WARN, 1L), Map.entry(LogLevel.INFO, 1L));
        assertThat(result.topErrorTypes()).containsExactly(
                new ErrorTypeCount("java.net.SocketTimeoutException", 2),
                new ErrorTypeCount("upstream timeout calling payments at <ip> after <num> ms", 1));
        assertThat(result.samples()).extracting(LogLine::time, LogLine::level).containsExactly(
                tuple(Instant.parse("2024-01-15T10:29:59.900Z"), LogLevel.WARN),
                tuple(Instant.parse("2024-01-15T10:29:58.123Z"), LogLevel.ERROR),
                tuple(Instant.parse("2024-01-15T10:29:41.500Z"), LogLevel.ERROR),
                tuple(Instant.parse("2024-01-15T10:28:03Z"), LogLevel.ERROR),
                tuple(Instant.parse("2024-01-15T10:20:00.250Z"), LogLevel.INFO));
        assertThat(result.samples().get(0)).isEqualTo(new LogLine(Instant.parse("2024-01-15T10:29:59.900Z"), "loki",
                LogLevel.WARN, "retrying payment call after timeout attempt=2 order_id=48214"));
        assertThat(result.samples().get(2).text()).isEqualTo("upstream timeout calling payments at 10.0.4.17:8443 "
                + "after 3012 ms authorization=Bearer [REDACTED:bearer-token]");
        assertThat(result.limits()).isEmpty();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aLevelAddsALevelWordFilterAndLinesBelowItAreDropped() {
        stub(200, "loki/query-range-streams.json");

        LogSearchResult result = source(settings("", "", "", "")).search(query("timeout", "error"));

        server.verify(getRequestedFor(urlPathEqualTo(QUERY_RANGE)).withQueryParam("query", equalTo(
                "{app=\"checkout\"} |~ \"(?i)timeout\" "
                        + "|~ \"(?i)\\\\b(?:fatal|critical|crit|panic|emerg|emergency|alert|error|err|severe)\\\\b\""))
                .withHeader("X-Scope-OrgID", absent()));
        assertThat(result.totalMatches()).isEqualTo(3);
        assertThat(result.countsByLevel()).containsExactly(Map.entry(LogLevel.ERROR, 3L));
    }

    @Test
    void aRegexIsSentCaseInsensitiveAndQuoteAndBackslashCannotEndTheString() {
        stub(200, "loki/query-range-empty.json");

        source(settings("", "", "", "")).search(query("/time(d)? ?out \"x\" \\d+/", null));
        source(settings("", "", "", "")).search(query("\"} | line_format \"{{.password}}", null));

        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo(QUERY_RANGE)));
        assertThat(requests.get(0).queryParameter("query").firstValue())
                .isEqualTo("{app=\"checkout\"} |~ \"(?i)time(d)? ?out \\\"x\\\" \\\\d+\"");
        assertThat(requests.get(1).queryParameter("query").firstValue())
                .isEqualTo("{app=\"checkout\"} |~ \"(?i)\\\"\\\\} \\\\| line_format \\\"\\\\{\\\\{\\\\.password\\\\}\\\\}\"");
    }

    @Test
    void basicAuthIsSentAsAHeader() {
        stub(200, "loki/query-range-empty.json");

        source(settings("", "watchdog", "s3cret-pass", "")).search(query("timeout", null));

        server.verify(getRequestedFor(urlPathEqualTo(QUERY_RANGE))
                .withHeader("Authorization", equalTo("Basic d2F0Y2hkb2c6czNjcmV0LXBhc3M=")));
    }

    @Test
    void aTokenIsSentAsBearer() {
        stub(200, "loki/query-range-empty.json");

        source(settings("", "", "", "glc_token_abcdef")).search(query("timeout", null));

        server.verify(getRequestedFor(urlPathEqualTo(QUERY_RANGE))
                .withHeader("Authorization", equalTo("Bearer glc_token_abcdef")));
    }

    @Test
    void noStreamsIsAnEmptyResult() {
        stub(200, "loki/query-range-empty.json");

        LogSearchResult result = source(settings("", "", "", "")).search(query("timeout", null));

        assertThat(result).isEqualTo(LogSearchResult.empty(query("timeout", null).endingAtIfOpen(END)));
    }

    @Test
    void reachingTheLimitIsReported() {
        stub(200, "loki/query-range-streams.json");
        LogsSettings.LokiSource fiveLines = new LogsSettings.LokiSource("loki", base, "{app=\"checkout\"}", "", "",
                Secret.NONE, Secret.NONE, 5);

        LogSearchResult result = source(fiveLines).search(query("timeout", null));

        assertThat(result.limits()).containsExactly("loki: Loki returned its limit of 5 lines (the newest); older "
                + "matches in the window were not counted (narrow the search, or raise limit in the logs configuration)");
        assertThat(result.render()).contains("Matches: at least 5 (ERROR 3, WARN 1, INFO 1)");
    }

    @Test
    void anOpenEndIsNowOnTheClock() {
        stub(200, "loki/query-range-empty.json");

        source(settings("", "", "", "")).search(new LogQuery("x", Duration.ofMinutes(5), null, null));

        server.verify(getRequestedFor(urlPathEqualTo(QUERY_RANGE))
                .withQueryParam("start", equalTo("1705314300000000000"))
                .withQueryParam("end", equalTo("1705314600000000000")));
    }

    @Test
    void checkCredentialsAsksForTheLabels() {
        server.stubFor(get(urlPathEqualTo("/loki/loki/api/v1/labels")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("loki/labels.json"))));

        assertThat(source(settings("team-a", "", "", "tok")).checkCredentials()).isEmpty();
        server.verify(getRequestedFor(urlPathEqualTo("/loki/loki/api/v1/labels"))
                .withHeader("X-Scope-OrgID", equalTo("team-a"))
                .withHeader("Authorization", equalTo("Bearer tok")));
    }

    // --- errors --------------------------------------------------------------------------------

    @Test
    void aParseErrorIsReportedWithTheQuery() {
        stubText(400, "loki/parse-error.txt");

        LogSearchResult result = source(settings("", "", "", "")).search(query("timeout", null));

        assertThat(result.failures()).containsExactly("loki at " + base + ": HTTP 400 for query '{app=\"checkout\"} "
                + "|~ \"(?i)timeout\"': parse error at line 1, col 22: syntax error: unexpected IDENTIFIER, expecting "
                + "STRING (check the search text, and the selector in the logs configuration)");
        assertThat(result.totalMatches()).isZero();
    }

    @Test
    void aMissingTenantIsAnAuthFailure() {
        stubText(401, "loki/no-org-id.txt");

        LogSearchResult result = source(settings("", "", "", "")).search(query("timeout", null));

        assertThat(result.failures()).containsExactly("loki at " + base + ": HTTP 401 for query '{app=\"checkout\"} "
                + "|~ \"(?i)timeout\"': no org id; the credentials were refused: check username/password or token in "
                + "the logs configuration");
    }

    @Test
    void refusedCredentialsNameWhatToCheckAndAreNeverShown() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"error\":\"invalid authentication credentials\"}")));

        LogSearchResult result = source(settings("team-a", "watchdog", "s3cret-pass", "")).search(query("timeout", null));

        assertThat(result.failures()).containsExactly("loki at " + base + ": HTTP 401 for query '{app=\"checkout\"} "
                + "|~ \"(?i)timeout\"': invalid authentication credentials; the credentials were refused: check "
                + "username/password or token and tenant in the logs configuration");
        assertThat(result.render()).doesNotContain("s3cret-pass").doesNotContain("d2F0Y2hkb2c6czNjcmV0LXBhc3M=");
    }

    @Test
    void aForbiddenPageFromAProxyIsShortened() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/html").withBody(fixture("loki/forbidden.html"))));

        LogSearchResult result = source(settings("", "", "", "tok")).search(query("timeout", null));

        assertThat(result.failures()).containsExactly("loki at " + base + ": HTTP 403 for query '{app=\"checkout\"} "
                + "|~ \"(?i)timeout\"': <html> <head><title>403 Forbidden</title></head> <body> <center><h1>403 "
                + "Forbidden</h1></center> <hr><center>nginx/1.25.3</center> </body> </html>; the credentials are not "
                + "allowed to read this: check username/password or token in the logs configuration");
    }

    @Test
    void aServerErrorKeepsLokisText() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(500)
                .withBody("rpc error: code = Unavailable desc = no healthy upstream\n")));

        assertThat(source(settings("", "", "", "")).search(query("timeout", null)).failures()).containsExactly(
                "loki at " + base + ": HTTP 500 for query '{app=\"checkout\"} |~ \"(?i)timeout\"': rpc error: code = "
                        + "Unavailable desc = no healthy upstream");
    }

    @Test
    void aWrongUrlIsPointedOut() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(404).withBody("")));

        assertThat(source(settings("", "", "", "")).search(query("timeout", null)).failures()).containsExactly(
                "loki at " + base + ": HTTP 404 for query '{app=\"checkout\"} |~ \"(?i)timeout\"': (empty body); is "
                        + base + " the Loki URL, with its path prefix if it has one?");
    }

    @Test
    void aNonJsonSuccessIsNotReadAsNoLogs() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html><body>Grafana</body></html>")));

        assertThat(source(settings("", "", "", "")).search(query("timeout", null)).failures()).containsExactly(
                "loki at " + base + ": the response for query '{app=\"checkout\"} |~ \"(?i)timeout\"' is not JSON "
                        + "(HTTP 200, text/html; charset=utf-8): <html><body>Grafana</body></html>; is " + base
                        + " the Loki URL?");
    }

    @Test
    void aMetricResultIsUnexpected() {
        stub(200, "loki/matrix.json");

        assertThat(source(settings("", "", "", "")).search(query("timeout", null)).failures()).containsExactly(
                "loki at " + base + ": unexpected answer for query '{app=\"checkout\"} |~ \"(?i)timeout\"' (expected "
                        + "status success with resultType streams): "
                        + "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://sso.example.com/login")));

        assertThat(source(settings("", "", "", "")).search(query("timeout", null)).failures()).containsExactly(
                "loki at " + base + ": HTTP 302 for query '{app=\"checkout\"} |~ \"(?i)timeout\"': (empty body) "
                        + "(redirected to https://sso.example.com/login; use the final URL as the Loki URL)");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aSlowAnswerIsATimeout() {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(200)
                .withBody(fixture("loki/query-range-empty.json")).withFixedDelay(5_000)));
        LokiLogSource impatient = new LokiLogSource(settings("", "", "", ""), Duration.ofMillis(300),
                SharedHttpClient.get(), CLOCK);

        assertThat(impatient.search(query("timeout", null)).failures()).containsExactly("loki at " + base
                + ": no answer within 300ms for query '{app=\"checkout\"} |~ \"(?i)timeout\"'; the server may be "
                + "overloaded, or narrow the search (a shorter window, more specific text)");
    }

    @Test
    void aResponseOverTheLimitIsAFailureNotAnOutOfMemory() {
        stub(200, "loki/query-range-streams.json");
        LokiLogSource small = new LokiLogSource(settings("", "", "", ""), Duration.ofSeconds(5), SharedHttpClient.get(),
                CLOCK, 100);

        assertThat(small.search(query("timeout", null)).failures()).containsExactly("loki at " + base
                + ": the response for query '{app=\"checkout\"} |~ \"(?i)timeout\"' is larger than 100 bytes; narrow "
                + "the search (a shorter window, more specific text, a level) or lower the limit");
    }

    @Test
    void anUnreachableLokiHidesTheCredentialsOfItsUrl() {
        int port = TestResources.closedPort();
        LogsSettings.LokiSource withUserInfo = new LogsSettings.LokiSource("loki",
                "http://watchdog:pa55word@127.0.0.1:" + port, "{app=\"checkout\"}", "", "", Secret.NONE, Secret.NONE,
                1000);

        List<String> problems = source(withUserInfo).checkCredentials();

        assertThat(problems).containsExactly("loki at http://127.0.0.1:" + port + ": unreachable (connection refused) "
                + "for the list of labels; check the url in the logs configuration");
    }

    @Test
    void checkCredentialsReportsARefusal() {
        server.stubFor(get(urlPathEqualTo("/loki/loki/api/v1/labels")).willReturn(aResponse().withStatus(401)
                .withBody(fixture("loki/no-org-id.txt"))));

        assertThat(source(settings("", "", "", "")).checkCredentials()).containsExactly("loki at " + base
                + ": HTTP 401 for the list of labels: no org id; the credentials were refused: check username/password "
                + "or token in the logs configuration");
    }

    // --- helpers -------------------------------------------------------------------------------

    private LogsSettings.LokiSource settings(String tenant, String username, String password, String token) {
        return new LogsSettings.LokiSource("loki", base, "{app=\"checkout\"}", tenant, username, Secret.of(password),
                Secret.of(token), 1000);
    }

    private static LokiLogSource source(LogsSettings.LokiSource settings) {
        return new LokiLogSource(settings, Duration.ofSeconds(5), SharedHttpClient.get(), CLOCK);
    }

    private static LogQuery query(String text, String level) {
        return new LogQuery(text, Duration.ofMinutes(15), level, END);
    }

    private static void stub(int status, String fixture) {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    private static void stubText(int status, String fixture) {
        server.stubFor(get(urlPathEqualTo(QUERY_RANGE)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withHeader("X-Content-Type-Options", "nosniff")
                .withBody(fixture(fixture))));
    }

    private static String fixture(String name) {
        return dev.watchdog.testing.TestResources.text("/logs/" + name);
    }
}
