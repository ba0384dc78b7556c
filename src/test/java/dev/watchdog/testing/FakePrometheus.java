package dev.watchdog.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' query API played by WireMock: a test says which series each expression returns
 * now. For rule behaviour against the real thing, see {@link RealPrometheus}.
 */
public final class FakePrometheus implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").jettyAcceptors(1).templatingEnabled(false));

    public FakePrometheus() {
        server.start();
    }

    public String url() {
        return server.baseUrl();
    }

    /** From now on {@code expr} returns these series, each a label set with one value. */
    public void answer(String expr, List<Map<String, String>> series, double value) {
        ArrayNode result = JsonFixtures.JSON.createArrayNode();
        long now = Instant.now().getEpochSecond();
        for (Map<String, String> labels : series) {
            ObjectNode sample = result.addObject();
            ObjectNode metric = sample.putObject("metric");
            labels.forEach(metric::put);
            sample.putArray("value").add(now).add(Double.toString(value));
        }
        ObjectNode body = JsonFixtures.JSON.createObjectNode().put("status", "success");
        body.putObject("data").put("resultType", "vector").set("result", result);
        server.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(expr))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(JsonFixtures.write(body))));
    }

    public void answer(String expr, Map<String, String> labels, double value) {
        answer(expr, List.of(labels), value);
    }

    public void nothingFor(String expr) {
        answer(expr, List.of(), 0);
    }

    public int queries() {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/v1/query")).build()).getCount();
    }

    /** Waits until Watchdog has queried {@code count} more times. */
    public void awaitQueries(int count, Duration timeout) {
        int target = queries() + count;
        Await.until(timeout, () -> queries() >= target, () -> "Watchdog stopped querying Prometheus");
    }

    @Override
    public void close() {
        server.stop();
    }
}
