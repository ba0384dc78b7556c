package dev.watchdog.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.PrometheusSettings;
import dev.watchdog.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryConcurrencyTest {

    private static PrometheusSettings settings(int maxConcurrentQueries) {
        return new PrometheusSettings("http://p:9090", Duration.ofSeconds(30), Duration.ofSeconds(10), Map.of(), 3,
                false, Duration.ZERO, true, maxConcurrentQueries, false);
    }

    @Test
    void aConfiguredNumberIsTakenWithoutAskingTheServer() {
        AtomicInteger asked = new AtomicInteger();

        int chosen = QueryConcurrency.of(settings(7), () -> {
            asked.incrementAndGet();
            return Map.of("query.max-concurrency", "20");
        });

        assertThat(chosen).isEqualTo(7);
        assertThat(asked).hasValue(0);
    }

    @Test
    void autoTakesHalfTheServersQueryConcurrencyAndAtLeastOne() {
        assertThat(QueryConcurrency.of(settings(PrometheusSettings.AUTO), () -> Map.of("query.max-concurrency", "20")))
                .isEqualTo(10);
        assertThat(QueryConcurrency.of(settings(PrometheusSettings.AUTO), () -> Map.of("query.max-concurrency", "1")))
                .isEqualTo(1);
    }

    @Test
    void aServerThatDoesNotSayGetsFourAndTheLogSaysWhyOnce() {
        try (LogCapture logs = LogCapture.open()) {
            int mark = logs.mark();

            int unreadable = QueryConcurrency.of(settings(PrometheusSettings.AUTO), () -> {
                throw new PrometheusException("Prometheus at http://p:9090 answered HTTP 404 for the flags", 404,
                        PrometheusException.HTTP, null);
            });
            int thanos = QueryConcurrency.of(settings(PrometheusSettings.AUTO), Map::of);

            assertThat(unreadable).isEqualTo(4);
            assertThat(thanos).isEqualTo(4);
            List<String> lines = logs.since(mark, Level.INFO).stream()
                    .filter(event -> event.getLoggerName().equals(QueryConcurrency.class.getName()))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("could not be read (Prometheus at http://p:9090 answered HTTP 404")
                    .contains("4 at a time");
            assertThat(lines.get(1)).contains("have no query.max-concurrency").contains("4 at a time");
        }
    }
}
