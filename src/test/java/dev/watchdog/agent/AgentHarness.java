package dev.watchdog.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.langchain4j.model.chat.ChatModel;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.Database;
import dev.watchdog.deploys.Deployment;
import dev.watchdog.deploys.DeploymentSource;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RecordingSleeper;
import dev.watchdog.testing.ScriptedOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Everything an agent test needs, faked at the protocol level: the model ({@link ScriptedOpenAi}),
 * Prometheus (WireMock), logs and deployments (in-process fakes), a SQLite store, and a clock
 * that moves only when told.
 */
final class AgentHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    static final String API_KEY = "sk-test-0123456789abcdefghijklmnop";
    static final String THREAD = ThreadKey.of("C0ALERTS", "1772330400.000100");

    final ScriptedOpenAi model = new ScriptedOpenAi();
    final WireMockServer prometheus = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").jettyAcceptors(2).templatingEnabled(false));
    final MutableClock clock = new MutableClock(T0);
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final FakeLogs logs = new FakeLogs();
    final List<Deployment> deployments = new CopyOnWriteArrayList<>();
    final List<String> usageEvents = new CopyOnWriteArrayList<>();
    Database database;
    AgentLimits limits = AgentLimits.DEFAULTS;
    ThreadHistory history = ThreadHistory.NONE;
    Duration modelTimeout = Duration.ofSeconds(10);
    PromptLibrary prompts = PromptLibrary.bundled();

    AgentHarness() {
        this(null);
    }

    /** @param storeFile a SQLite file, to survive a "restart"; null for an in-memory store */
    AgentHarness(Path storeFile) {
        prometheus.start();
        database = storeFile == null ? Database.inMemory() : Database.sqlite(storeFile);
    }

    /** The stores over the database of the moment, which a test may swap to simulate a restart. */
    AlertStore alerts() {
        return new SqlAlertStore(database, clock);
    }

    ConversationStore conversations() {
        return new SqlConversationStore(database);
    }

    LlmInvestigator investigator() {
        return new LlmInvestigator(chatModel(), dependencies(), prompts, limits, modelTimeout);
    }

    ChatModel chatModel() {
        return ChatModelFactory.retrying(ChatModelFactory.openAi(model.baseUrl(), API_KEY, "gpt-test", modelTimeout),
                sleeper);
    }

    AgentDependencies dependencies() {
        DeploymentSource source = new DeploymentSource() {
            @Override
            public String name() {
                return "ci-file";
            }

            @Override
            public List<Deployment> recent(String service, Duration lookback, Instant now) {
                return deployments.stream().filter(d -> d.isFor(service))
                        .filter(d -> !d.time().isBefore(now.minus(lookback))).toList();
            }

            @Override
            public List<String> checkCredentials() {
                return List.of();
            }
        };
        return AgentDependencies.of(prometheusClient(), logs,
                        new DeploymentSources(List.of(source), Duration.ofSeconds(5), 20, clock), alerts(),
                        conversations(), clock)
                .withThreadHistory(history)
                .withSleeper(sleeper)
                .withRedactor(dev.watchdog.security.Redactor.standard().alsoMasking(List.of(API_KEY)))
                .withUsageListener((kind, usage) -> usageEvents.add(kind + ":" + usage.inputTokens() + "/"
                        + usage.outputTokens()));
    }

    PrometheusClient prometheusClient() {
        return new PrometheusClient(prometheus.baseUrl(), new OkHttpClient(), Duration.ofSeconds(10));
    }

    /** {@code expr} evaluates to these series now. */
    void instant(String expr, List<Map<String, String>> series, double value) {
        ArrayNode result = JsonFixtures.JSON.createArrayNode();
        for (Map<String, String> labels : series) {
            ObjectNode sample = result.addObject();
            labels.forEach(sample.putObject("metric")::put);
            sample.putArray("value").add(T0.getEpochSecond()).add(Double.toString(value));
        }
        stub("/api/v1/query", expr, success("vector", result), Duration.ZERO);
    }

    /** A range query of {@code expr} returns {@code seriesCount} series of {@code points} points each. */
    void range(String expr, int seriesCount, int points) {
        ArrayNode result = JsonFixtures.JSON.createArrayNode();
        for (int s = 0; s < seriesCount; s++) {
            ObjectNode series = result.addObject();
            series.putObject("metric").put("__name__", "http_requests_total").put("job", "api")
                    .put("instance", "api-" + s + ".prod.internal:8080").put("status", "500");
            ArrayNode values = series.putArray("values");
            for (int p = 0; p < points; p++) {
                values.addArray().add(T0.getEpochSecond() - (points - p) * 5L)
                        .add(Double.toString(s + Math.sin(p / 20.0) + p / 100.0));
            }
        }
        stub("/api/v1/query_range", expr, success("matrix", result), Duration.ZERO);
    }

    /** A range query of {@code expr} returns one series, a point every 30 s ending at T0, {@code value} of its age. */
    void rangeOf(String expr, java.util.function.LongToDoubleFunction valueBySecondsBeforeT0) {
        ArrayNode result = JsonFixtures.JSON.createArrayNode();
        ObjectNode series = result.addObject();
        series.putObject("metric");
        ArrayNode values = series.putArray("values");
        for (long age = 7200; age >= 0; age -= 30) {
            values.addArray().add(T0.getEpochSecond() - age).add(Double.toString(valueBySecondsBeforeT0.applyAsDouble(age)));
        }
        stub("/api/v1/query_range", expr, success("matrix", result), Duration.ZERO);
    }

    /** Prometheus rejects {@code expr} the way it rejects a query that does not parse. */
    void badQuery(String expr, String error) {
        ObjectNode body = JsonFixtures.JSON.createObjectNode().put("status", "error").put("errorType", "bad_data")
                .put("error", error);
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(expr))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(JsonFixtures.write(body))));
    }

    /** {@code expr} answers only after {@code delay}. */
    void slowInstant(String expr, Duration delay) {
        stub("/api/v1/query", expr, success("vector", JsonFixtures.JSON.createArrayNode()), delay);
    }

    StoredAlert storeFiringAlert(String rule, Map<String, String> labels, Map<String, String> annotations) {
        AlertInstance alert = new AlertInstance("fp-" + rule, rule, labels, annotations, AlertState.FIRING, 0.12,
                T0.minusSeconds(600), T0.minusSeconds(300), null, null);
        alerts().syncAlerts("team/" + rule, List.of(alert), List.of());
        return alerts().latest("fp-" + rule).orElseThrow();
    }

    static AlertContext alertContext(long id, Map<String, String> annotations) {
        return new AlertContext(id, "HighErrorRate", Map.of("service", "checkout", "severity", "critical"),
                annotations, "firing", 0.12, T0.minusSeconds(300),
                "sum(rate(http_requests_total{status=\"500\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05",
                null);
    }

    private void stub(String path, String expr, ObjectNode body, Duration delay) {
        prometheus.stubFor(get(urlPathEqualTo(path)).withQueryParam("query", equalTo(expr))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withFixedDelay((int) delay.toMillis()).withBody(JsonFixtures.write(body))));
    }

    private static ObjectNode success(String type, ArrayNode result) {
        ObjectNode body = JsonFixtures.JSON.createObjectNode().put("status", "success");
        body.putObject("data").put("resultType", type).set("result", result);
        return body;
    }

    @Override
    public void close() {
        model.close();
        prometheus.stop();
        database.close();
    }

    /** Log search that answers with a set text and records what it was asked. */
    static final class FakeLogs implements LogSearcher {
        final List<String> searches = new CopyOnWriteArrayList<>();
        volatile String answer = "No matching log lines in the window.";
        volatile Consumer<String> onSearch = query -> { };

        @Override
        public String search(String query, Duration window, String level) {
            searches.add(query + "|" + window.toMinutes() + "m|" + level);
            onSearch.accept(query);
            return answer;
        }

        List<String> searches() {
            return new ArrayList<>(searches);
        }
    }
}
