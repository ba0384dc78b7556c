package dev.watchdog.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookExecutorTest {

    private WireMockServer target;
    private WebhookExecutor executor;

    @BeforeEach
    void start() {
        target = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1));
        target.start();
        executor = new WebhookExecutor(SharedHttpClient.get(), Redactor.standard().alsoMasking(List.of("s3cr3t-value")));
    }

    @AfterEach
    void stop() {
        target.stop();
    }

    private PreparedRequest post(String path) {
        return new PreparedRequest("POST", target.baseUrl() + path,
                Map.of("Authorization", "Bearer s3cr3t-value", "Content-Type", "application/json"), "{\"a\": 1}");
    }

    @Test
    void sendsExactlyThePreparedRequestOnce() {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        ExecutionResult result = executor.send(post("/hook?x=1"), Duration.ofSeconds(5));

        assertThat(result).isEqualTo(new ExecutionResult(true, 204, ""));
        assertThat(result.summary()).isEqualTo("HTTP 204");
        target.verify(1, postRequestedFor(urlEqualTo("/hook?x=1"))
                .withHeader("Authorization", equalTo("Bearer s3cr3t-value"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo("{\"a\": 1}")));
        target.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusalIsAFailureWithARedactedShortExcerpt() {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(422)
                .withBody("{\"message\": \"bad token s3cr3t-value\",\n \"detail\": \"" + "x".repeat(9000) + "\"}")));

        ExecutionResult result = executor.send(post("/hook"), Duration.ofSeconds(5));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.status()).isEqualTo(422);
        assertThat(result.excerpt()).startsWith("{\"message\": \"bad token [REDACTED:configured-secret]\", \"detail\"")
                .hasSize(WebhookExecutor.EXCERPT_LENGTH).endsWith("…");
    }

    @Test
    void redirectsAreNotFollowed() {
        target.stubFor(any(urlEqualTo("/hook")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", target.baseUrl() + "/elsewhere")));

        ExecutionResult result = executor.send(post("/hook"), Duration.ofSeconds(5));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).isEqualTo("HTTP 302: redirects are not followed (Location: " + target.baseUrl()
                + "/elsewhere)");
        target.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSlowPeerTimesOutAndIsNotRetried() {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));

        ExecutionResult result = executor.send(post("/hook"), Duration.ofSeconds(1));

        assertThat(result).isEqualTo(new ExecutionResult(false, 0,
                "no complete answer within 1s; the request may or may not have been acted on"));
        target.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBrokenConnectionIsAFailureAndIsNotRetried() {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ExecutionResult result = executor.send(post("/hook"), Duration.ofSeconds(5));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.status()).isZero();
        assertThat(result.excerpt()).startsWith("the request failed: ");
        target.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void methodsWithoutABodySendNone() {
        target.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));

        ExecutionResult result = executor.send(new PreparedRequest("DELETE", target.baseUrl() + "/pods/web-1",
                Map.of(), ""), Duration.ofSeconds(5));

        assertThat(result).isEqualTo(new ExecutionResult(true, 200, "ok"));
        assertThat(target.getAllServeEvents().get(0).getRequest().getBody()).isEmpty();
        assertThat(target.getAllServeEvents().get(0).getRequest().getMethod().getName()).isEqualTo("DELETE");
    }
}
