package dev.watchdog.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat model that speaks Ollama's protocol ({@code POST /api/chat}, not streamed) from a
 * script, like {@link ScriptedOpenAi}: tool calls (Ollama sends arguments as a JSON object and
 * no call ids), then a final answer.
 */
public final class ScriptedOllama implements AutoCloseable {

    public static final String PATH = "/api/chat";
    private static final String SCENARIO = "script";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").jettyAcceptors(1).templatingEnabled(false));
    private int steps;

    public ScriptedOllama() {
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"script exhausted\"}")));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The next reply calls one tool with these arguments (a JSON object). */
    public ScriptedOllama thenToolCall(String name, String argumentsJson) {
        ObjectNode message = JsonFixtures.JSON.createObjectNode().put("role", "assistant").put("content", "");
        ObjectNode function = message.putArray("tool_calls").addObject().putObject("function").put("name", name);
        function.set("arguments", JsonFixtures.parseText(argumentsJson));
        return then(message);
    }

    public ScriptedOllama thenAnswer(String content) {
        return then(JsonFixtures.JSON.createObjectNode().put("role", "assistant").put("content", content));
    }

    /** The request bodies that reached the model, oldest first. */
    public List<JsonNode> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).getRequest().getUrl().equals(PATH)) {
                bodies.add(JsonFixtures.parseText(events.get(i).getRequest().getBodyAsString()));
            }
        }
        return bodies;
    }

    private ScriptedOllama then(ObjectNode message) {
        ObjectNode body = JsonFixtures.JSON.createObjectNode().put("model", "scripted")
                .put("created_at", "2026-01-01T00:00:00Z").put("done", true).put("done_reason", "stop")
                .put("prompt_eval_count", 50).put("eval_count", 10);
        body.set("message", message);
        String state = steps == 0 ? Scenario.STARTED : "step-" + steps;
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(JsonFixtures.write(body)))
                .willSetStateTo("step-" + (steps + 1)));
        steps++;
        return this;
    }

    @Override
    public void close() {
        server.stop();
    }
}
