package dev.watchdog.ops.telemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.testing.RecordedSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls through the shared client are client spans, and peers get the W3C trace context. */
class HttpTracingTest {

    @RegisterExtension
    static WireMockExtension peer = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @Test
    void aPeerCallCarriesTraceparentAndIsAChildSpanWithoutTheQuery() throws Exception {
        peer.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200).withBody("{}")));

        try (Phase tool = spans.telemetry().phase("watchdog.tool query_prometheus");
                Response response = SharedHttpClient.get().newCall(new Request.Builder()
                        .url(peer.baseUrl() + "/api/v1/query?query=up&token=secret").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        SpanData parent = spans.named("watchdog.tool query_prometheus");
        SpanData call = spans.named("GET localhost");
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/api/v1/query");
        assertThat(call.getAttributes().asMap().toString()).doesNotContain("secret");
        List<LoggedRequest> requests = peer.findAll(getRequestedFor(urlPathEqualTo("/api/v1/query")));
        // Version 00, this trace and this span as the parent; the flags say sampled (and, W3C level 2, random).
        assertThat(requests.get(0).getHeader("traceparent"))
                .startsWith("00-" + call.getTraceId() + "-" + call.getSpanId() + "-")
                .matches(".*-0[13]$");
    }

    @Test
    void aPeerAnsweringAnErrorMakesAFailedSpan() throws Exception {
        peer.stubFor(get(urlPathEqualTo("/loki/api/v1/query_range")).willReturn(aResponse().withStatus(503)));

        try (Response response = SharedHttpClient.get().newCall(new Request.Builder()
                .url(peer.baseUrl() + "/loki/api/v1/query_range").build()).execute()) {
            assertThat(response.code()).isEqualTo(503);
        }

        SpanData call = spans.named("GET localhost");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503);
    }
}
