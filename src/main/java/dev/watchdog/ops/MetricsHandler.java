package dev.watchdog.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * GET /metrics: the registry in the format the scraper asks for through its Accept header
 * (OpenMetrics or the Prometheus text format).
 */
final class MetricsHandler implements HttpHandler {

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsHandler(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        if (!writer.isAvailable()) {
            // The protobuf format needs a module we do not ship; text is what every scraper accepts.
            writer = formats.getPrometheusTextFormatWriter();
        }
        // Rendered fully before answering, so a failing collector gives a 500 rather than a cut-off 200.
        ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        writer.write(body, registry.scrape());
        OpsServer.respond(exchange, 200, writer.getContentType(), body.toByteArray());
    }
}
