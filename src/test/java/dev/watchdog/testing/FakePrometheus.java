package dev.watchdog.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.promql.BinaryExpr;
import dev.watchdog.promql.BinaryOp;
import dev.watchdog.promql.Call;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.StringLiteral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus' query API, played: a test says which series each expression returns now. It answers
 * GET and POST queries, and batches of several rules' expressions ({@link GroupQueries}) as Prometheus would:
 * each part's series carry its reserved label. An expression nobody answered gets a 404, as from a
 * server that is not Prometheus. For rule behaviour against the real thing, see {@link RealPrometheus}.
 */
public final class FakePrometheus implements AutoCloseable {

    private record Answer(List<Map<String, String>> series, double value) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** Expressions answered, a batch counting each of its parts: tests count rule evaluations, not requests. */
    private final AtomicInteger queries = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final HttpServer server;

    public FakePrometheus() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on {@code expr} returns these series, each a label set with one value. */
    public void answer(String expr, List<Map<String, String>> series, double value) {
        answers.put(normalised(expr), new Answer(List.copyOf(series), value));
    }

    public void answer(String expr, Map<String, String> labels, double value) {
        answer(expr, List.of(labels), value);
    }

    public void nothingFor(String expr) {
        answer(expr, List.of(), 0);
    }

    public int queries() {
        return queries.get();
    }

    /** Waits until Watchdog has evaluated {@code count} more expressions. */
    public void awaitQueries(int count, Duration timeout) {
        int target = queries() + count;
        Await.until(timeout, () -> queries() >= target, () -> "Watchdog stopped querying Prometheus");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<ArrayNode> result = exchange.getRequestURI().getPath().equals("/api/v1/query")
                    ? result(parameters(exchange).get("query")) : Optional.empty();
            if (result.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            ObjectNode body = JsonFixtures.JSON.createObjectNode().put("status", "success");
            body.putObject("data").put("resultType", "vector").set("result", result.get());
            byte[] bytes = JsonFixtures.write(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The series of a query, or empty when one of its expressions has no answer. */
    private Optional<ArrayNode> result(String query) {
        if (query == null) {
            return Optional.empty();
        }
        Map<String, String> parts = batchParts(query);
        ArrayNode result = JsonFixtures.JSON.createArrayNode();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            Answer answer = answers.get(part.getValue());
            if (answer == null) {
                return Optional.empty();
            }
            queries.incrementAndGet();
            long now = Instant.now().getEpochSecond();
            for (Map<String, String> labels : answer.series()) {
                ObjectNode sample = result.addObject();
                ObjectNode metric = sample.putObject("metric");
                labels.forEach(metric::put);
                if (part.getKey() != null) {
                    metric.put(GroupQueries.RULE_LABEL, part.getKey());
                }
                sample.putArray("value").add(now).add(Double.toString(answer.value()));
            }
        }
        return Optional.of(result);
    }

    /** A batch's parts by their reserved label value; a plain query is one part with no label (a null key). */
    private static Map<String, String> batchParts(String query) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (!query.contains(GroupQueries.RULE_LABEL)) {
            parts.put(null, normalised(query));
            return parts;
        }
        List<Expr> operands = new ArrayList<>();
        operandsOfOr(parse(query), operands);
        for (Expr operand : operands) {
            Call labelReplace = (Call) operand;
            String part = ((StringLiteral) labelReplace.args().get(2)).value();
            parts.put(part, PromQL.print(labelReplace.args().get(0)));
        }
        return parts;
    }

    private static void operandsOfOr(Expr expr, List<Expr> operands) {
        if (expr instanceof BinaryExpr binary && binary.op() == BinaryOp.OR) {
            operandsOfOr(binary.lhs(), operands);
            operandsOfOr(binary.rhs(), operands);
        } else {
            operands.add(expr);
        }
    }

    /** The expression as the printer writes it, so a batch's parts and the answers given compare equal. */
    private static String normalised(String expr) {
        try {
            return PromQL.print(PromQL.parse(expr));
        } catch (PromqlException notPromql) {
            return expr;
        }
    }

    private static Expr parse(String query) {
        try {
            return PromQL.parse(query);
        } catch (PromqlException e) {
            throw new IllegalArgumentException("not a batch Watchdog would send: " + query, e);
        }
    }

    private static Map<String, String> parameters(HttpExchange exchange) throws IOException {
        String form = exchange.getRequestMethod().equals("POST")
                ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                : exchange.getRequestURI().getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (form == null) {
            return parameters;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
