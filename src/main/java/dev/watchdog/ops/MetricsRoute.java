package dev.watchdog.ops;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} through the client library's scrape handler: the format the scraper asks
 * for (OpenMetrics, text, protobuf), gzip, {@code name[]}. The scrape is written to memory and sent
 * in one piece, so a scraper that reads slowly holds no handler thread.
 */
final class MetricsRoute implements OpsHandler {

    private static final Logger log = LoggerFactory.getLogger(MetricsRoute.class);

    private final PrometheusScrapeHandler scrape;

    MetricsRoute(PrometheusRegistry registry) {
        this.scrape = new PrometheusScrapeHandler(registry);
    }

    @Override
    public void handle(OpsExchange exchange) throws IOException {
        Scrape adapter = new Scrape(exchange);
        scrape.handleRequest(adapter);
        adapter.send();
    }

    /** The library's view of one exchange. */
    private static final class Scrape implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {

        private final OpsExchange exchange;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 500;

        Scrape(OpsExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public String getQueryString() {
            return exchange.query();
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return Collections.enumeration(exchange.headers(name));
        }

        @Override
        public String getMethod() {
            return exchange.method();
        }

        @Override
        public String getRequestPath() {
            return exchange.path();
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
            status = statusCode;
            return body;
        }

        @Override
        public void handleException(IOException failure) throws IOException {
            throw failure;
        }

        @Override
        public void handleException(RuntimeException failure) {
            throw failure;
        }

        @Override
        public void close() {
            // Sent by send() once the scrape is complete.
        }

        void send() {
            String contentType = headers.getOrDefault("Content-Type", "text/plain; charset=utf-8");
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    exchange.responseHeader(name, value);
                }
            });
            log.debug("scrape answered {} with {} bytes", status, body.size());
            exchange.respond(status, contentType, body.toByteArray());
        }
    }
}
