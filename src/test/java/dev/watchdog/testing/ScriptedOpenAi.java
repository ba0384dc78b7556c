package dev.watchdog.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * A chat model that speaks the OpenAI protocol ({@code POST /v1/chat/completions}) and answers
 * from a script: each request gets the next reply (tool calls, a final answer, an HTTP error, a
 * garbage body, a slow answer), in order, through a WireMock scenario. A request beyond the
 * script is answered HTTP 400 "script exhausted", which is not retried.
 *
 * <p>Besides the script, standing replies answer by what the request says, whatever came before: for tests where
 * requests may be cut off or repeated (a process killed mid-turn), so no order can be scripted.
 *
 * <p>Tests read back what reached the model with {@link #requests()}: the exact JSON bodies, in
 * the order they arrived.
 */
public final class ScriptedOpenAi implements AutoCloseable {

    public static final String PATH = "/v1/chat/completions";
    public static final int PROMPT_TOKENS = 100;
    public static final int COMPLETION_TOKENS = 20;
    private static final String SCENARIO = "script";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").jettyAcceptors(1).templatingEnabled(false));
    private int steps;
    private int standing;

    /** One tool call the model makes: a tool name and its arguments as JSON. */
    public record ToolCall(String name, String arguments) {
    }

    public ScriptedOpenAi() {
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"script exhausted: the scripted model has no more replies\"}}")));
    }

    /** The base URL to give the OpenAI client: ends in {@code /v1}. */
    public String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    public static ToolCall call(String name, String arguments) {
        return new ToolCall(name, arguments);
    }

    /** The next reply asks for these tool calls (in one assistant message). */
    public ScriptedOpenAi thenToolCalls(ToolCall... calls) {
        return then(json(completion(toolCallMessage(String.valueOf(steps), calls), "tool_calls")));
    }

    /**
     * From now on, whenever the last message is the user's and contains {@code text}, the reply asks for these tool
     * calls (the standing reply added last wins when several match).
     */
    public ScriptedOpenAi alwaysWhenAsked(String text, ToolCall... calls) {
        standing++;
        server.stubFor(post(urlEqualTo(PATH)).atPriority(3)
                .withRequestBody(matchingJsonPath("$.messages[-1].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[-1].content", containing(text)))
                .willReturn(json(completion(toolCallMessage("standing_" + standing, calls), "tool_calls"))));
        return this;
    }

    /** From now on, whenever the last message is a tool result, the reply is a final answer with this text. */
    public ScriptedOpenAi alwaysAfterToolResults(String content) {
        server.stubFor(post(urlEqualTo(PATH)).atPriority(2)
                .withRequestBody(matchingJsonPath("$.messages[-1].role", equalTo("tool")))
                .willReturn(json(completion(answerMessage(content), "stop"))));
        return this;
    }

    /** The next reply is a final answer with this text. */
    public ScriptedOpenAi thenAnswer(String content) {
        return then(json(completion(answerMessage(content), "stop")));
    }

    /** The next reply is a final answer that arrives only after {@code delay}. */
    public ScriptedOpenAi thenSlowAnswer(Duration delay, String content) {
        return then(json(completion(answerMessage(content), "stop")).withFixedDelay((int) delay.toMillis()));
    }

    /** The next reply is an HTTP error with an OpenAI-style error body. */
    public ScriptedOpenAi thenStatus(int status, String message) {
        return then(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"error\"}}"));
    }

    /** The next reply is HTTP 200 with this body, whatever it is. */
    public ScriptedOpenAi thenRawBody(String body) {
        return then(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body));
    }

    /** The same tool calls, {@code times} replies in a row. */
    public ScriptedOpenAi thenToolCallsRepeatedly(int times, ToolCall... calls) {
        for (int i = 0; i < times; i++) {
            thenToolCalls(calls);
        }
        return this;
    }

    /** The request bodies that reached the model, oldest first. */
    public List<JsonNode> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) { // WireMock lists the newest first
            ServeEvent event = events.get(i);
            if (event.getRequest().getUrl().equals(PATH)) {
                bodies.add(JsonFixtures.parseText(event.getRequest().getBodyAsString()));
            }
        }
        return bodies;
    }

    /** The messages of the {@code index}-th request. */
    public List<JsonNode> messages(int index) {
        return StreamSupport.stream(requests().get(index).path("messages").spliterator(), false).toList();
    }

    /** The {@code role: tool} messages of the {@code index}-th request: the tool results the model got. */
    public List<JsonNode> toolMessages(int index) {
        return messages(index).stream().filter(m -> m.path("role").asText().equals("tool")).toList();
    }

    /** The content of the last tool message of the {@code index}-th request. */
    public String lastToolResult(int index) {
        List<JsonNode> tools = toolMessages(index);
        return tools.get(tools.size() - 1).path("content").asText();
    }

    /** Every request body as one string: for "it reached the model somewhere" assertions. */
    public String everythingSent() {
        return String.join("\n", requests().stream().map(JsonNode::toString).toList());
    }

    public int requestCount() {
        return requests().size();
    }

    private ScriptedOpenAi then(ResponseDefinitionBuilder response) {
        String state = steps == 0 ? Scenario.STARTED : "step-" + steps;
        server.stubFor(post(urlEqualTo(PATH)).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(state)
                .willReturn(response).willSetStateTo("step-" + (steps + 1)));
        steps++;
        return this;
    }

    private static ObjectNode toolCallMessage(String idPrefix, ToolCall... calls) {
        ObjectNode message = JsonFixtures.JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (int i = 0; i < calls.length; i++) {
            ObjectNode call = toolCalls.addObject().put("id", "call_" + idPrefix + "_" + i).put("type", "function");
            call.putObject("function").put("name", calls[i].name()).put("arguments", calls[i].arguments());
        }
        return message;
    }

    private static ObjectNode answerMessage(String content) {
        return JsonFixtures.JSON.createObjectNode().put("role", "assistant").put("content", content);
    }

    private ObjectNode completion(ObjectNode message, String finishReason) {
        ObjectNode body = JsonFixtures.JSON.createObjectNode()
                .put("id", "chatcmpl-" + steps).put("object", "chat.completion").put("created", 1_700_000_000L)
                .put("model", "scripted");
        body.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason).set("message", message);
        body.putObject("usage").put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        return body;
    }

    private static ResponseDefinitionBuilder json(ObjectNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(JsonFixtures.write(body));
    }

    @Override
    public void close() {
        server.stop();
    }
}
