package dev.watchdog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private final MetricsEndpoint metrics = new MetricsEndpoint();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void servesGaugesInTheTextFormatGroupedByName() throws Exception {
        metrics.set("queue_depth", Map.of("queue", "b"), 2);
        metrics.set("up_time", Map.of(), Double.POSITIVE_INFINITY);
        metrics.set("queue_depth", Map.of("queue", "a \"quoted\" \\ line\nbreak"), Double.NaN);
        metrics.set("queue_depth:rate", Map.of(), 0.5);
        metrics.set("queue_depth", Map.of("queue", "b"), 3);

        assertThat(scrape()).isEqualTo("""
                # TYPE queue_depth gauge
                queue_depth{queue="a \\"quoted\\" \\\\ line\\nbreak"} NaN
                queue_depth{queue="b"} 3.0
                # TYPE queue_depth:rate gauge
                queue_depth:rate 0.5
                # TYPE up_time gauge
                up_time +Inf
                """);
    }

    @Test
    void removedSeriesDisappear() throws Exception {
        metrics.set("queue_depth", Map.of("queue", "a"), 1);
        metrics.set("queue_depth", Map.of("queue", "b"), 2);

        metrics.remove("queue_depth", Map.of("queue", "a"));
        metrics.remove("queue_depth", Map.of("queue", "b"));

        assertThat(scrape()).isEmpty();
    }

    @Test
    void countsScrapes() throws Exception {
        assertThat(metrics.scrapeCount()).isZero();
        assertThat(metrics.awaitScrapeCount(1, Duration.ofMillis(10))).isFalse();

        scrape();
        scrape();

        assertThat(metrics.scrapeCount()).isEqualTo(2);
        assertThat(metrics.awaitScrapeCount(2, Duration.ofMillis(10))).isTrue();
    }

    @Test
    void rejectsNamesPrometheusWouldRefuse() {
        assertThatThrownBy(() -> metrics.set("queue-depth", Map.of(), 1)).hasMessage("not a metric name: queue-depth");
        assertThatThrownBy(() -> metrics.set("q", Map.of("__name__", "x"), 1))
                .hasMessage("not a label name a target may expose: __name__");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(metrics.url())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return response.body();
    }
}
