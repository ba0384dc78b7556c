package dev.watchdog.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's Web API ({@code <baseUrl>/api/<method>}) and response_url endpoint ({@code <baseUrl>/response/<id>}),
 * played by WireMock on a free loopback port.
 *
 * <p>Every method Watchdog uses answers like Slack by default (fixtures in {@code src/test/resources/slack/web-api/};
 * {@code chat.postMessage} returns a fresh ts each call). A test replaces an answer with {@link #respondTo} for
 * good or {@link #respondOnceTo} for the next call only; methods nobody stubbed answer {@code unknown_method},
 * as Slack does. Every call is recorded in arrival order.
 */
public final class FakeSlackApi implements AutoCloseable {

    private static final String TEMPLATES = "slack/web-api/";
    private static final String RESPONSE_PATH = "/response/";

    // WireMock picks the lowest number first; within one number the newest stub wins.
    private static final int PRIORITY_ONCE = 1;
    private static final int PRIORITY_OVERRIDE = 2;
    private static final int PRIORITY_DEFAULT = 10;
    private static final int PRIORITY_FALLBACK = 100;

    private final List<SlackCall> calls = new CopyOnWriteArrayList<>();
    private final List<ResponseUrlPost> responseUrlPosts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> onceStubsPerMethod = new ConcurrentHashMap<>();
    /** Messages the fake accepted, as Slack would keep them in channel history. */
    private final List<ObjectNode> history = new CopyOnWriteArrayList<>();
    private final WireMockServer wireMock;

    /** A JSON body posted to a response_url; {@code id} is the envelope id the URL was made for. */
    public record ResponseUrlPost(String id, JsonNode body) {
    }

    private FakeSlackApi() {
        wireMock = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .jettyAcceptors(1) // the default (one per core) is more than a test needs and warns on small machines
                // Both only cost start-up time here: answers are built in Java (EchoingResponses), and the Slack
                // SDK's OkHttp speaks HTTP/1.1 to http:// URLs.
                .templatingEnabled(false)
                .http2PlainDisabled(true)
                .extensions(new Recorder(), new EchoingResponses(history), new HistoryResponses(history)));
    }

    public static FakeSlackApi start() {
        FakeSlackApi api = new FakeSlackApi();
        api.wireMock.start();
        api.stubDefaults();
        return api;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    /** For {@code SlackConfig#setMethodsEndpointUrlPrefix} (or Watchdog's {@code slack.api-url}). */
    public String methodsUrlPrefix() {
        return baseUrl() + SlackCall.API_PATH;
    }

    /** Prefix for response_urls handed out in envelopes: an envelope id appended to it names the posts. */
    public String responseUrlBase() {
        return baseUrl() + RESPONSE_PATH;
    }

    /** Makes {@code apps.connections.open} hand out {@code socketModeUrl}, as Slack hands out its wss:// URL. */
    public void connectSocketModeTo(String socketModeUrl) {
        ObjectNode body = JsonFixtures.object(TEMPLATES + "apps.connections.open.json").put("url", socketModeUrl);
        stub("apps.connections.open", PRIORITY_DEFAULT, slackJson(JsonFixtures.write(body)));
    }

    // ---- changing answers ---------------------------------------------------------------------------------

    /** From now on {@code method} answers {@code json} (HTTP 200), e.g. {@code {"ok":false,"error":"channel_not_found"}}. */
    public void respondTo(String method, String json) {
        respondTo(method, slackJson(json));
    }

    /** From now on {@code method} answers {@code response}, e.g. {@link #rateLimited(int)}. */
    public void respondTo(String method, ResponseDefinitionBuilder response) {
        stub(method, PRIORITY_OVERRIDE, response);
    }

    /**
     * The next call to {@code method} answers {@code response}; later calls answer as before. Several calls queue
     * up in order, e.g. "429, then 500, then the usual answer".
     */
    public void respondOnceTo(String method, ResponseDefinitionBuilder response) {
        int position = onceStubsPerMethod.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        // One scenario per method whose state counts the one-off answers already served, so they serve in order.
        wireMock.stubFor(post(urlPathEqualTo(SlackCall.API_PATH + method))
                .atPriority(PRIORITY_ONCE)
                .inScenario("once " + method)
                .whenScenarioStateIs(position == 1 ? Scenario.STARTED : "served " + (position - 1))
                .willSetStateTo("served " + position)
                .willReturn(response));
    }

    /**
     * The next call to {@code method} is accepted as usual (a posted message lands in history) but
     * its answer arrives only after {@code delay}: a caller killed meanwhile never learns of it.
     */
    public void acceptButAnswerLate(String method, Duration delay) {
        respondOnceTo(method, aResponse().withTransformers(EchoingResponses.NAME).withFixedDelay((int) delay.toMillis()));
    }

    /** Calls to {@code method} whose body contains {@code text} are answered as usual, but only after {@code delay}. */
    public void answerLateWhenBodyContains(String method, String text, Duration delay) {
        wireMock.stubFor(post(urlPathEqualTo(SlackCall.API_PATH + method)).withRequestBody(containing(text))
                .atPriority(PRIORITY_OVERRIDE)
                .willReturn(aResponse().withTransformers(EchoingResponses.NAME).withFixedDelay((int) delay.toMillis())));
    }

    /** The messages Slack would now show in channel history, oldest first. */
    public List<JsonNode> history() {
        return List.copyOf(history);
    }

    /** Slack's answer for a failed call: HTTP 200 with {@code {"ok":false,"error":"<error>"}}. */
    public static ResponseDefinitionBuilder slackError(String error) {
        ObjectNode body = JsonFixtures.JSON.createObjectNode().put("ok", false).put("error", error);
        return slackJson(JsonFixtures.write(body));
    }

    /** Slack's rate-limit answer: HTTP 429 with a Retry-After header in seconds. */
    public static ResponseDefinitionBuilder rateLimited(int retryAfterSeconds) {
        return aResponse()
                .withStatus(429)
                .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"ok\":false,\"error\":\"ratelimited\"}");
    }

    public static ResponseDefinitionBuilder slackJson(String json) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json);
    }

    // ---- what was called ----------------------------------------------------------------------------------

    public List<SlackCall> allCalls() {
        return List.copyOf(calls);
    }

    /** The calls to {@code method} so far, oldest first. */
    public List<SlackCall> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /** Waits until {@code method} was called at least {@code count} times; returns all its calls, oldest first. */
    public List<SlackCall> awaitCalls(String method, int count, Duration timeout) {
        return Await.value(timeout, () -> atLeast(calls(method), count),
                () -> "expected at least " + count + " " + method + " call(s), got " + calls(method).size()
                        + ". All Web API calls: " + calls);
    }

    /** The JSON bodies posted to the response_url of envelope {@code id} so far, oldest first. */
    public List<JsonNode> responseUrlPosts(String id) {
        return responseUrlPosts.stream().filter(post -> post.id().equals(id)).map(ResponseUrlPost::body).toList();
    }

    public List<JsonNode> awaitResponseUrlPosts(String id, int count, Duration timeout) {
        return Await.value(timeout, () -> atLeast(responseUrlPosts(id), count),
                () -> "expected at least " + count + " post(s) to the response_url of " + id + ", got "
                        + responseUrlPosts(id).size() + ". All response_url posts: " + responseUrlPosts
                        + ". All Web API calls: " + calls);
    }

    /** Escape hatch for stubbing something this class does not cover. */
    public WireMockServer wireMock() {
        return wireMock;
    }

    @Override
    public void close() {
        wireMock.stop();
    }

    // ---- defaults -------------------------------------------------------------------------------------------

    private void stubDefaults() {
        wireMock.stubFor(any(urlPathMatching("/.*"))
                .atPriority(PRIORITY_FALLBACK)
                .willReturn(slackError("unknown_method")));
        for (String method : List.of("auth.test", "conversations.replies", "usergroups.users.list",
                "views.open")) {
            stub(method, PRIORITY_DEFAULT, slackJson(JsonFixtures.write(JsonFixtures.object(TEMPLATES + method + ".json"))));
        }
        for (String method : EchoingResponses.METHODS) {
            stub(method, PRIORITY_DEFAULT, aResponse().withTransformers(EchoingResponses.NAME));
        }
        stub("conversations.history", PRIORITY_DEFAULT, aResponse().withTransformers(HistoryResponses.NAME));
        // A look-up of tagged replies (after a crash) reads what was posted in the thread; other reads of
        // conversations.replies keep the fixed template.
        wireMock.stubFor(post(urlPathEqualTo(SlackCall.API_PATH + "conversations.replies"))
                .withRequestBody(containing("include_all_metadata"))
                .atPriority(PRIORITY_DEFAULT - 1)
                .willReturn(aResponse().withTransformers(HistoryResponses.NAME)));
        wireMock.stubFor(post(urlPathMatching(RESPONSE_PATH + ".+"))
                .atPriority(PRIORITY_DEFAULT)
                .willReturn(slackJson("{\"ok\":true}")));
    }

    private void stub(String method, int priority, ResponseDefinitionBuilder response) {
        wireMock.stubFor(post(urlPathEqualTo(SlackCall.API_PATH + method)).atPriority(priority).willReturn(response));
    }

    private static <T> Optional<List<T>> atLeast(List<T> items, int count) {
        return items.size() >= count ? Optional.of(items) : Optional.empty();
    }

    /** Slack answers and Bolt's response_url posts are JSON; anything else is kept as text for failure messages. */
    private static JsonNode bodyAsJson(String body) {
        if (body == null) {
            return MissingNode.getInstance();
        }
        try {
            return JsonFixtures.parseText(body);
        } catch (IllegalArgumentException notJson) {
            return TextNode.valueOf(body);
        }
    }

    /** Records each request as it is answered, in arrival order (WireMock's own journal lists newest first). */
    private final class Recorder implements ServeEventListener {

        @Override
        public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
            String path = serveEvent.getRequest().getUrl();
            if (path.startsWith(SlackCall.API_PATH)) {
                String answer = serveEvent.getResponseDefinition().getBody();
                calls.add(SlackCall.from(serveEvent.getRequest()).answeredWith(bodyAsJson(answer)));
            } else if (path.startsWith(RESPONSE_PATH)) {
                String id = path.substring(RESPONSE_PATH.length()).replaceFirst("\\?.*", "");
                responseUrlPosts.add(new ResponseUrlPost(id, bodyAsJson(serveEvent.getRequest().getBodyAsString())));
            }
        }

        @Override
        public String getName() {
            return "watchdog-slack-recorder";
        }
    }

    /** Answers the posting methods like Slack: echo the channel and text, give new messages a fresh ts. */
    private static final class EchoingResponses implements ResponseDefinitionTransformerV2 {

        static final String NAME = "watchdog-slack-echo";
        static final List<String> METHODS = List.of("chat.postMessage", "chat.update", "chat.postEphemeral");

        private final List<ObjectNode> history;

        EchoingResponses(List<ObjectNode> history) {
            this.history = history;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            SlackCall call = SlackCall.from(serveEvent.getRequest());
            ObjectNode body = JsonFixtures.object(TEMPLATES + call.method() + ".json");
            switch (call.method()) {
                case "chat.postMessage" -> {
                    String ts = SlackTimestamps.next();
                    body.put("channel", call.channel()).put("ts", ts);
                    fillMessage((ObjectNode) body.get("message"), call).put("ts", ts);
                    ObjectNode kept = JsonFixtures.JSON.createObjectNode().put("type", "message")
                            .put("channel", call.channel()).put("ts", ts).put("text", orEmpty(call.text()));
                    if (call.param("metadata") != null) {
                        kept.set("metadata", JsonFixtures.parseText(call.param("metadata")));
                    }
                    if (call.threadTs() != null) {
                        kept.put("thread_ts", call.threadTs());
                    }
                    history.add(kept);
                }
                case "chat.update" -> {
                    body.put("channel", call.channel()).put("ts", call.param("ts")).put("text", orEmpty(call.text()));
                    fillMessage((ObjectNode) body.get("message"), call);
                }
                case "chat.postEphemeral" -> body.put("message_ts", SlackTimestamps.next());
                default -> throw new IllegalStateException("no echo for " + call.method());
            }
            return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(JsonFixtures.requireFilledIn(body, call.method() + " response"))
                    .build();
        }

        private static ObjectNode fillMessage(ObjectNode message, SlackCall call) {
            message.put("text", orEmpty(call.text()));
            if (!call.blocks().isMissingNode()) {
                message.set("blocks", call.blocks());
            }
            if (call.threadTs() != null) {
                message.put("thread_ts", call.threadTs());
            }
            return message;
        }

        private static String orEmpty(String text) {
            return text == null ? "" : text;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /**
     * {@code conversations.history} from the messages the fake accepted: newest first, newer than
     * {@code oldest}, metadata only when {@code include_all_metadata} is asked for, as Slack does; for
     * {@code conversations.replies} the same, kept to the thread {@code ts}.
     */
    private static final class HistoryResponses implements ResponseDefinitionTransformerV2 {

        static final String NAME = "watchdog-slack-history";

        private final List<ObjectNode> history;

        HistoryResponses(List<ObjectNode> history) {
            this.history = history;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            SlackCall call = SlackCall.from(serveEvent.getRequest());
            double oldest = call.param("oldest") == null ? 0 : Double.parseDouble(call.param("oldest"));
            boolean withMetadata = "1".equals(call.param("include_all_metadata"))
                    || "true".equals(call.param("include_all_metadata"));
            ObjectNode body = JsonFixtures.JSON.createObjectNode().put("ok", true).put("has_more", false);
            var messages = body.putArray("messages");
            for (int i = history.size() - 1; i >= 0; i--) {
                ObjectNode message = history.get(i).deepCopy();
                boolean inThread = !call.method().equals("conversations.replies")
                        || call.param("ts").equals(message.path("thread_ts").asText(message.path("ts").asText()));
                if (message.path("channel").asText().equals(call.channel()) && inThread
                        && Double.parseDouble(message.path("ts").asText()) > oldest) {
                    message.remove("channel");
                    if (!withMetadata) {
                        message.remove("metadata");
                    }
                    messages.add(message);
                }
            }
            return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(JsonFixtures.write(body))
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
