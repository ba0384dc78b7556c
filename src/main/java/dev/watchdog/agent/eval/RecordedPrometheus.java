package dev.watchdog.agent.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A case's recorded Prometheus answers served over HTTP on loopback, so the eval runs the real
 * {@code PrometheusClient} and tools against them. Undertow, because it is already in the jar for
 * the ops server (WireMock is a test dependency and the {@code eval} command ships in the jar).
 *
 * <p>{@code prometheus.json} holds {@code metric_names} and, per query, the series Prometheus
 * returned ({@code "series": {"<query>": [{"metric": {...}, "values": [[unix, "value"], ...]}]}}).
 * A range query gets the recorded points inside its start and end; an instant query the last
 * point at or before its time; an unrecorded query an empty result, as for a metric that does not
 * exist. Queries are matched after printing them canonically, so spacing does not matter.
 */
final class RecordedPrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> series = new HashMap<>();
    private final JsonNode metricNames;
    private final Undertow server;

    private RecordedPrometheus(JsonNode recording) {
        Iterator<Map.Entry<String, JsonNode>> queries = recording.path("series").fields();
        while (queries.hasNext()) {
            Map.Entry<String, JsonNode> query = queries.next();
            series.put(key(query.getKey()), query.getValue());
        }
        this.metricNames = recording.path("metric_names").isArray() ? recording.path("metric_names")
                : JSON.createArrayNode();
        this.server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(2)
                .setHandler(this::handle).build();
    }

    /** Serves {@code file} (absent: nothing recorded) until closed. */
    static RecordedPrometheus start(Path file) throws IOException {
        JsonNode recording = Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
        RecordedPrometheus prometheus = new RecordedPrometheus(recording);
        prometheus.server.start();
        return prometheus;
    }

    String baseUrl() {
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        return "http://127.0.0.1:" + address.getPort();
    }

    /** The query printed canonically, without spaces: the key recordings are found by. */
    static String key(String query) {
        String printed;
        try {
            printed = PromQL.print(PromQL.parse(query));
        } catch (PromqlException e) {
            printed = query;
        }
        return printed.replaceAll("\\s+", "");
    }

    private void handle(HttpServerExchange exchange) {
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        String path = exchange.getRequestPath();
        if (path.endsWith("/api/v1/query_range")) {
            body.putObject("data").put("resultType", "matrix").set("result",
                    within(param(exchange, "query"), seconds(param(exchange, "start")), seconds(param(exchange, "end"))));
        } else if (path.endsWith("/api/v1/query")) {
            body.putObject("data").put("resultType", "vector").set("result",
                    at(param(exchange, "query"), seconds(param(exchange, "time"))));
        } else if (path.endsWith("/api/v1/label/__name__/values")) {
            body.set("data", metricNames);
        } else if (path.contains("/api/v1/label/")) {
            body.set("data", JSON.createArrayNode());
        } else {
            exchange.setStatusCode(404);
            body.put("status", "error").put("errorType", "not_found").put("error", "not recorded: " + path);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(body.toString());
    }

    private ArrayNode within(String query, double start, double end) {
        ArrayNode result = JSON.createArrayNode();
        for (JsonNode recorded : series.getOrDefault(key(query), JSON.createArrayNode())) {
            ArrayNode values = JSON.createArrayNode();
            for (JsonNode point : recorded.path("values")) {
                double time = point.get(0).asDouble();
                if (time >= start && time <= end) {
                    values.add(point);
                }
            }
            if (!values.isEmpty()) {
                ObjectNode series = result.addObject();
                series.set("metric", recorded.path("metric"));
                series.set("values", values);
            }
        }
        return result;
    }

    private ArrayNode at(String query, double time) {
        ArrayNode result = JSON.createArrayNode();
        for (JsonNode recorded : series.getOrDefault(key(query), JSON.createArrayNode())) {
            JsonNode last = null;
            for (JsonNode point : recorded.path("values")) {
                if (point.get(0).asDouble() <= time) {
                    last = point;
                }
            }
            if (last != null) {
                ObjectNode sample = result.addObject();
                sample.set("metric", recorded.path("metric"));
                sample.set("value", last);
            }
        }
        return result;
    }

    private static String param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    private static double seconds(String value) {
        return value.isEmpty() ? Double.MAX_VALUE : new BigDecimal(value).doubleValue();
    }

    @Override
    public void close() {
        server.stop();
    }
}
