package dev.watchdog.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.http.SharedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Instant queries built once and run at many times, long ones as a POST form; the server's flags. */
class PreparedQueryTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant AT = Instant.parse("2023-11-14T22:13:20.250Z"); // 1700000000.25

    private PrometheusClient client;

    @BeforeEach
    void setUp() {
        client = new PrometheusClient(server.baseUrl() + "/prom", SharedHttpClient.get(), Duration.ofSeconds(10));
    }

    @Test
    void aPreparedQueryRunsAtEachTimeItIsGiven() {
        server.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).willReturn(json("vector.json")));
        InstantQuery query = client.prepare("http_requests_total");

        client.query(query, AT);
        client.query(query, AT.plusSeconds(30));

        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).extracting(request -> request.queryParameter("time").firstValue())
                .containsExactly("1700000000.25", "1700000030.25");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.queryParameter("query").firstValue()).isEqualTo("http_requests_total");
            assertThat(request.queryParameter("timeout").firstValue()).isEqualTo("10s");
        });
        assertThat(query.isPost()).isFalse();
    }

    @Test
    void aLongQueryIsSentAsAPostFormAndReadAsAnyOther() {
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query")).willReturn(json("vector.json")));
        String longQuery = "sum by (job) (rate(http_requests_total{path=~\"" + "/a|".repeat(800) + "/b\"}[5m]))";

        List<Sample> samples = client.query(longQuery, AT);

        assertThat(samples).hasSize(2);
        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo("/prom/api/v1/query"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
        assertThat(posts).singleElement().satisfies(request -> {
            assertThat(request.formParameters().get("query").firstValue()).isEqualTo(longQuery);
            assertThat(request.formParameters().get("time").firstValue()).isEqualTo("1700000000.25");
            assertThat(request.formParameters().get("timeout").firstValue()).isEqualTo("10s");
        });
    }

    @Test
    void aLongQueryThatFailsSaysSoAsAShortOneWould() {
        server.stubFor(post(urlPathEqualTo("/prom/api/v1/query")).willReturn(json("error-bad-data.json")
                .withStatus(400)));
        String longQuery = "up{job=\"" + "x".repeat(3000) + "\"";

        PrometheusException failure = catchThrowableOfType(PrometheusException.class,
                () -> client.query(longQuery, AT));

        assertThat(failure.getMessage()).startsWith("Prometheus at " + server.baseUrl() + "/prom returned an error for"
                + " query '" + longQuery + "' (HTTP 400, bad_data): ");
        assertThat(failure.isQueryError()).isTrue();
    }

    @Test
    void theServersFlagsAreReadAsNamesAndValues() {
        server.stubFor(get(urlPathEqualTo("/prom/api/v1/status/flags")).willReturn(json("flags.json")));

        Map<String, String> flags = client.flags();

        assertThat(flags).containsEntry("query.max-concurrency", "20").containsEntry("query.timeout", "2m");
    }

    @Test
    void aVectorReadByTheStreamingParserEqualsTheOneReadAsATree() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        for (String fixture : List.of("vector.json", "vector-special-values.json", "vector-empty.json")) {
            String body = fixture(fixture);
            assertThat(StreamingResult.samples(body)).as(fixture).isNotNull()
                    .isEqualTo(ApiData.vector(json.readTree(body).get("data")));
        }
        String scalar = fixture("scalar.json");
        assertThat(StreamingResult.samples(scalar)).containsExactly(ApiData.scalar(json.readTree(scalar).get("data")));
        assertThat(StreamingResult.samples(fixture("matrix.json"))).as("the thorough way explains a matrix").isNull();
        assertThat(StreamingResult.samples(fixture("error-bad-data.json"))).isNull();
        assertThat(StreamingResult.samples(fixture("wrong-shape.json"))).isNull();
        assertThat(StreamingResult.samples("{\"status\":\"success\",\"data\":{\"result\":[],\"resultType\":"
                + "\"vector\"}}")).as("result before resultType: the thorough way").isNull();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    private static String fixture(String name) {
        try (InputStream in = PreparedQueryTest.class.getResourceAsStream("/prometheus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
