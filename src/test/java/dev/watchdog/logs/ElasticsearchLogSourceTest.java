package dev.watchdog.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.logs.LogSearchResult.ErrorTypeCount;
import dev.watchdog.logs.LogSearchResult.LogLine;
import dev.watchdog.security.Secret;
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

/** The Elasticsearch / OpenSearch source against WireMock serving answers from src/test/resources/logs/elasticsearch. */
class ElasticsearchLogSourceTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant END = Instant.parse("2024-01-15T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(END, ZoneOffset.UTC);
    private static final String SEARCH = "/logs-checkout/_search";

    private String base;

    @BeforeEach
    void setUp() {
        base = server.baseUrl();
    }

    @AfterEach
    void onlySearchAndCountWereCalled() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).allSatisfy(request -> assertThat(request.getMethod().getName() + " " + request.getUrl())
                .matches("POST /logs-checkout/_search|GET /logs-checkout/_count"));
    }

    // --- results -------------------------------------------------------------------------------

    @Test
    void searchSendsOneBoolQueryAndCountsFromTheAggregations() {
        stub(200, "elasticsearch/search-hits.json");

        LogSearchResult result = source(ecs("my-api-key==")).search(query("timeout", "warn"));

        server.verify(postRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo("ApiKey my-api-key=="))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("""
                        {
                          "size": 500,
                          "track_total_hits": true,
                          "timeout": "5s",
                          "sort": [{"@timestamp": {"order": "desc"}}],
                          "_source": ["@timestamp", "message", "log.level", "error.type"],
                          "query": {"bool": {
                            "filter": [
                              {"range": {"@timestamp": {"gte": 1705313700000, "lt": 1705314600000, "format": "epoch_millis"}}},
                              {"terms": {"log.level": ["fatal", "FATAL", "Fatal", "critical", "CRITICAL", "Critical",
                                 "crit", "CRIT", "Crit", "panic", "PANIC", "Panic", "emerg", "EMERG", "Emerg",
                                 "emergency", "EMERGENCY", "Emergency", "alert", "ALERT", "Alert",
                                 "error", "ERROR", "Error", "err", "ERR", "Err", "severe", "SEVERE", "Severe",
                                 "warn", "WARN", "Warn", "warning", "WARNING", "Warning"]}}
                            ],
                            "must": [{"query_string": {"query": "timeout", "default_field": "message", "default_operator": "AND"}}]
                          }},
                          "aggs": {
                            "levels": {"terms": {"field": "log.level", "size": 20}},
                            "error_types": {"terms": {"field": "error.type", "size": 5}}
                          }
                        }""")));
        assertThat(result.totalMatches()).isEqualTo(57);
        assertThat(result.countsByLevel()).containsExactly(
                Map.entry(LogLevel.ERROR, 41L), Map.entry(LogLevel.WARN, 15L), Map.entry(LogLevel.INFO, 1L));
        assertThat(result.topErrorTypes()).containsExactly(
                new ErrorTypeCount("java.net.SocketTimeoutException", 37),
                new ErrorTypeCount("java.sql.SQLTransientConnectionException", 2));
        assertThat(result.samples()).containsExactly(
                new LogLine(Instant.parse("2024-01-15T10:29:58.123Z"), "es", LogLevel.ERROR,
                        "Payment failed for order 48213: read timed out after 3000 ms"),
                new LogLine(Instant.parse("2024-01-15T10:28:03Z"), "es", LogLevel.WARN,
                                                // The Redactor takes everything up to a space as the secret, ")" included.
                        "Payment call slow: timeout budget nearly used (password=[REDACTED:password]"));
        assertThat(result.limits()).isEmpty();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void withoutLevelAndErrorTypeFieldsTheyAreReadFromTheHits() {
        stub(200, "elasticsearch/search-no-aggregations.json");
        LogsSettings.ElasticsearchSource plain = new LogsSettings.ElasticsearchSource("es", "opensearch", base,
                "logs-checkout", "@timestamp", "", "message", "", Secret.NONE, "reader", Secret.of("s3cret-pass"), 500);

        LogSearchResult result = source(plain).search(query("/time(d)? ?out/", "error"));

        server.verify(postRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo("Basic cmVhZGVyOnMzY3JldC1wYXNz"))
                .withRequestBody(equalToJson("""
                        {
                          "size": 500,
                          "track_total_hits": true,
                          "timeout": "5s",
                          "sort": [{"@timestamp": {"order": "desc"}}],
                          "_source": ["@timestamp", "message"],
                          "query": {"bool": {
                            "filter": [
                              {"range": {"@timestamp": {"gte": 1705313700000, "lt": 1705314600000, "format": "epoch_millis"}}}
                            ],
                            "must": [{"regexp": {"message": {"value": ".*(time(d)? ?out).*", "flags": "NONE", "case_insensitive": true}}}]
                          }}
                        }""")));
        assertThat(result.totalMatches()).isEqualTo(2);
        assertThat(result.countsByLevel()).containsExactly(Map.entry(LogLevel.ERROR, 2L));
        assertThat(result.topErrorTypes()).containsExactly(
                new ErrorTypeCount("ERROR upstream timeout after <num> ms to <ip>", 2));
        assertThat(result.samples()).extracting(LogLine::time).containsExactly(
                Instant.parse("2024-01-15T10:29:58.123Z"), Instant.parse("2024-01-15T10:25:00Z"));
        assertThat(result.limits()).isEmpty();
    }

    @Test
    void countsFromASampleAreMarkedAsSuch() {
        server.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(fixture("elasticsearch/search-no-aggregations.json").replace("\"value\": 3", "\"value\": 900"))));
        LogsSettings.ElasticsearchSource plain = new LogsSettings.ElasticsearchSource("es", "elasticsearch", base,
                "logs-checkout", "@timestamp", "", "message", "", Secret.NONE, "", Secret.NONE, 500);

        LogSearchResult result = source(plain).search(query("timeout", null));

        assertThat(result.totalMatches()).isEqualTo(900);
        assertThat(result.limits()).containsExactly("es: levels and error types are from the newest 3 of 900 matching "
                + "entries (set level-field to count all)");
    }

    @Test
    void queryStringSyntaxInTheTextIsEscaped() {
        stub(200, "elasticsearch/search-empty.json");

        LogSearchResult result = source(ecs("")).search(query("status:500 AND (user=\"x\" OR *) <script>", null));

        assertThat(result).isEqualTo(LogSearchResult.empty(query("status:500 AND (user=\"x\" OR *) <script>", null)));
        server.verify(postRequestedFor(urlPathEqualTo(SEARCH)).withRequestBody(equalToJson("""
                {"query": {"bool": {"must": [{"query_string": {
                  "query": "status\\\\:500 \\\\AND \\\\(user\\\\=\\\\\\"x\\\\\\" \\\\OR \\\\*\\\\)  script",
                  "default_field": "message", "default_operator": "AND"}}]}}}""", true, true)));
    }

    @Test
    void failedShardsAreReportedAsALimit() {
        stub(200, "elasticsearch/search-shard-failure.json");

        assertThat(source(ecs("")).search(query("timeout", null)).limits()).containsExactly("es: 1 of 3 shards failed: "
                + "node_not_connected_exception: [es-2][10.0.9.3:9300] Node not connected; their entries were not counted");
    }

    @Test
    void checkCredentialsCountsTheIndex() {
        server.stubFor(get(urlPathEqualTo("/logs-checkout/_count")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("elasticsearch/count.json"))));

        assertThat(source(ecs("my-api-key==")).checkCredentials()).isEmpty();
        server.verify(getRequestedFor(urlPathEqualTo("/logs-checkout/_count"))
                .withHeader("Authorization", equalTo("ApiKey my-api-key==")));
    }

    // --- errors --------------------------------------------------------------------------------

    @Test
    void aQueryErrorNamesTheRootCause() {
        stub(400, "elasticsearch/error-query-shard.json");

        assertThat(source(ecs("")).search(query("/(a|b)*c{1,9}/", null)).failures()).containsExactly("es at " + base
                + ": HTTP 400 for search for '/(a|b)*c{1,9}/' in index logs-checkout: search_phase_execution_exception: "
                + "all shards failed; root cause query_shard_exception: failed to create query: Determinizing automaton "
                + "with 13 states and 21 transitions would result in more than 10000 states. (check the search text)");
    }

    @Test
    void aTextLevelFieldIsExplained() {
        stub(400, "elasticsearch/error-fielddata.json");

        String failure = source(ecs("")).search(query("timeout", "error")).failures().get(0);

        assertThat(failure).startsWith("es at " + base + ": HTTP 400 for search for 'timeout' at level error or worse "
                + "in index logs-checkout: search_phase_execution_exception: all shards failed; root cause "
                + "illegal_argument_exception: Text fields are not optimised");
        assertThat(failure).endsWith("... (level-field and error-type-field must be keyword fields, e.g. log.level or "
                + "level.keyword)");
    }

    @Test
    void aMissingIndexIsExplained() {
        stub(404, "elasticsearch/error-index-not-found.json");

        assertThat(source(ecs("")).search(query("timeout", null)).failures()).containsExactly("es at " + base
                + ": HTTP 404 for search for 'timeout' in index logs-checkout: index_not_found_exception: no such index "
                + "[logs-checkout] (check index in the logs configuration)");
    }

    @Test
    void refusedCredentialsNameWhatToCheck() {
        stub(401, "elasticsearch/error-unauthenticated.json");

        LogSearchResult result = source(ecs("my-api-key==")).search(query("timeout", null));

        assertThat(result.failures()).containsExactly("es at " + base + ": HTTP 401 for search for 'timeout' in index "
                + "logs-checkout: security_exception: unable to authenticate with provided credentials and anonymous "
                + "access is not allowed for this request; the credentials were refused: check api-key or "
                + "username/password in the logs configuration, and that the user may read index logs-checkout");
        assertThat(result.render()).doesNotContain("my-api-key==");
    }

    @Test
    void aMissingPrivilegeIsAForbidden() {
        server.stubFor(get(urlPathEqualTo("/logs-checkout/_count")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(fixture("elasticsearch/error-forbidden.json"))));

        assertThat(source(ecs("my-api-key==")).checkCredentials()).containsExactly("es at " + base
                + ": HTTP 403 for the count of index logs-checkout: security_exception: action "
                + "[indices:data/read/search] is unauthorized for API key id [Ni2jDY0BxR1pVz2aAf0v] of user [watchdog] "
                + "on indices [logs-checkout], this action is granted by the index privileges [read,all]; the "
                + "credentials are not allowed to read this: check api-key or username/password in the logs "
                + "configuration, and that the user may read index logs-checkout");
    }

    @Test
    void aSlowAnswerIsATimeout() {
        server.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200)
                .withBody(fixture("elasticsearch/search-empty.json")).withFixedDelay(5_000)));
        ElasticsearchLogSource impatient = new ElasticsearchLogSource(ecs(""), Duration.ofMillis(300),
                SharedHttpClient.get(), CLOCK);

        assertThat(impatient.search(query("timeout", null)).failures()).containsExactly("es at " + base
                + ": no answer within 300ms for search for 'timeout' in index logs-checkout; the server may be "
                + "overloaded, or narrow the search (a shorter window, more specific text)");
    }

    @Test
    void aResponseOverTheLimitIsAFailure() {
        stub(200, "elasticsearch/search-hits.json");
        ElasticsearchLogSource small = new ElasticsearchLogSource(ecs(""), Duration.ofSeconds(5), SharedHttpClient.get(),
                CLOCK, 1024);

        assertThat(small.search(query("timeout", null)).failures()).containsExactly("es at " + base
                + ": the response for search for 'timeout' in index logs-checkout is larger than 1.0 KiB; narrow the "
                + "search (a shorter window, more specific text, a level) or lower the limit");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Elastic Common Schema field names, as Elastic's own log shippers write them. */
    private LogsSettings.ElasticsearchSource ecs(String apiKey) {
        return new LogsSettings.ElasticsearchSource("es", "elasticsearch", base, "logs-checkout", "@timestamp",
                "log.level", "message", "error.type", Secret.of(apiKey), "", Secret.NONE, 500);
    }

    private static ElasticsearchLogSource source(LogsSettings.ElasticsearchSource settings) {
        return new ElasticsearchLogSource(settings, Duration.ofSeconds(5), SharedHttpClient.get(), CLOCK);
    }

    private static LogQuery query(String text, String level) {
        return new LogQuery(text, Duration.ofMinutes(15), level, END);
    }

    private static void stub(int status, String fixture) {
        server.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    private static String fixture(String name) {
        return dev.watchdog.testing.TestResources.text("/logs/" + name);
    }
}
