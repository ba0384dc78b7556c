package dev.watchdog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Web API call as Slack would receive it. The Slack SDK sends form-encoded POSTs with the token in an
 * {@code Authorization: Bearer} header; structured arguments ({@code blocks}, {@code attachments}) travel as JSON
 * text inside a form field, so they are parsed here for assertions.
 *
 * @param method      e.g. {@code chat.postMessage}
 * @param token       the bearer token, to tell bot-token calls from app-token calls
 * @param params      every form field, decoded, in the order sent
 * @param blocks      the parsed {@code blocks} field, or a missing node
 * @param attachments the parsed {@code attachments} field, or a missing node
 * @param response    what the fake answered, e.g. the {@code ts} it gave a posted message; a missing node if unknown
 */
public record SlackCall(String method, String token, Map<String, String> params, JsonNode blocks,
                        JsonNode attachments, JsonNode response) {

    static final String API_PATH = "/api/";

    /** The named form field, or {@code null} when the call did not send it. */
    public String param(String name) {
        return params.get(name);
    }

    public String channel() {
        return param("channel");
    }

    public String text() {
        return param("text");
    }

    public String threadTs() {
        return param("thread_ts");
    }

    /** The {@code ts} the fake gave the message this call posted (chat.postMessage), or {@code null}. */
    public String postedTs() {
        JsonNode ts = response.get("ts");
        return ts == null ? null : ts.asText();
    }

    static SlackCall from(Request request) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        String method = path.substring(path.indexOf(API_PATH) + API_PATH.length());
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : null;
        String contentType = request.getHeader("Content-Type");
        Map<String, String> params = contentType != null && contentType.startsWith("application/json")
                ? jsonFields(request.getBodyAsString())
                : formFields(request.getBodyAsString());
        return new SlackCall(method, token, Collections.unmodifiableMap(params), parsedField(params, "blocks"),
                parsedField(params, "attachments"), MissingNode.getInstance());
    }

    SlackCall answeredWith(JsonNode response) {
        return new SlackCall(method, token, params, blocks, attachments, response);
    }

    static Map<String, String> formFields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** A few newer Slack methods take JSON bodies; flatten them so tests read both kinds the same way. */
    private static Map<String, String> jsonFields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode json = JsonFixtures.parseText(body);
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            fields.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
        }
        return fields;
    }

    private static JsonNode parsedField(Map<String, String> params, String name) {
        String json = params.get(name);
        return json == null ? MissingNode.getInstance() : JsonFixtures.parseText(json);
    }

    @Override
    public String toString() {
        return method + params;
    }
}
