package dev.watchdog.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadOnlyPeerTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/x")).willReturn(aResponse().withStatus(200).withBody("{}")));
        ReadOnlyPeer peer = peer(server.baseUrl().replace("://", "://watchdog:pa55word@") + "/api/?api_key=abcdef123456",
                10_000);

        ReadOnlyPeer.Answer answer = peer.get(peer.base().resolve("x"));

        server.verify(getRequestedFor(urlPathEqualTo("/api/x"))
                .withHeader("Authorization", equalTo("Basic d2F0Y2hkb2c6cGE1NXdvcmQ=")));
        assertThat(peer.displayUrl()).isEqualTo(server.baseUrl() + "/api/?api_key=[REDACTED:api-key]");
        assertThat(answer.where()).isEqualTo("GET " + server.baseUrl() + "/api/x");
    }

    @Test
    void aRedirectIsAnAnswerThatNamesItsTargetAndIsNotFollowed() throws Exception {
        server.stubFor(get(urlPathEqualTo("/a")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/login?token=abcdef123456")));
        ReadOnlyPeer peer = peer(server.baseUrl(), 10_000);

        ReadOnlyPeer.Answer answer = peer.get(peer.url("a").build());

        assertThat(answer.isRedirect()).isTrue();
        assertThat(answer.redirectTarget()).isEqualTo(server.baseUrl() + "/login?token=[REDACTED:token]");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void anAnswerOverTheLimitIsNoAnswerWithItsStatus() {
        server.stubFor(get(urlPathEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(2048))));
        ReadOnlyPeer peer = peer(server.baseUrl(), 1024);

        assertThatThrownBy(() -> peer.get(peer.url("big").build()))
                .isInstanceOfSatisfying(ReadOnlyPeer.NoAnswer.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReadOnlyPeer.NoAnswer.Reason.TOO_LARGE);
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.what()).isEqualTo("sent more than 1 KiB");
                });
    }

    @Test
    void onlyTheBaseOriginMayReceiveCredentials() {
        ReadOnlyPeer peer = peer("https://api.github.com/", 1024);

        assertThat(peer.isOwnOrigin(HttpUrl.get("https://api.github.com/repositories/1?page=2"))).isTrue();
        assertThat(peer.isOwnOrigin(HttpUrl.get("https://evil.example/steal"))).isFalse();
        assertThat(peer.isOwnOrigin(HttpUrl.get("http://api.github.com/"))).isFalse();
    }

    @Test
    void aBadUrlOrTimeoutIsAConfigurationMistakeNamingThePeer() {
        assertThatThrownBy(() -> new ReadOnlyPeer("loki", "loki:3100", PeerAuth.NONE, SharedHttpClient.get(),
                Duration.ofSeconds(1), 1024)).hasMessage("loki: 'loki:3100' is not an http:// or https:// URL");
        assertThatThrownBy(() -> new ReadOnlyPeer("loki", "http://loki", PeerAuth.NONE, SharedHttpClient.get(),
                Duration.ZERO, 1024)).hasMessage("loki: the timeout must be positive, was PT0S");
    }

    private static ReadOnlyPeer peer(String url, long maxBytes) {
        return new ReadOnlyPeer("test", url, PeerAuth.NONE, SharedHttpClient.get(), Duration.ofSeconds(5), maxBytes);
    }
}
