package dev.watchdog.testing;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptedOpenAiTest {

    private final ScriptedOpenAi model = new ScriptedOpenAi();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        model.close();
    }

    private JsonNode send(String messages) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(model.baseUrl()
                        + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\": \"m\", \"messages\": " + messages + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JsonFixtures.parseText(response.body());
        return response.statusCode() == 200 ? body.path("choices").get(0).path("message") : body;
    }

    @Test
    void standingRepliesAnswerByTheLastMessageWhateverCameBefore() throws Exception {
        model.alwaysWhenAsked("round 01", call("propose_action", "{\"v\": 1}"))
                .alwaysWhenAsked("round 02", call("propose_action", "{\"v\": 2}"))
                .alwaysAfterToolResults("proposed");

        JsonNode second = send("[{\"role\": \"user\", \"content\": \"earlier: round 01\"},"
                + " {\"role\": \"assistant\", \"content\": \"ok\"}, {\"role\": \"user\", \"content\": \"now round 02\"}]");
        JsonNode first = send("[{\"role\": \"user\", \"content\": \"roll back in round 01\"}]");
        JsonNode afterTool = send("[{\"role\": \"user\", \"content\": \"round 02\"}, {\"role\": \"assistant\","
                + " \"tool_calls\": []}, {\"role\": \"tool\", \"tool_call_id\": \"x\", \"content\": \"P-AAAAAA\"}]");
        JsonNode unknown = send("[{\"role\": \"user\", \"content\": \"round 03\"}]");

        assertThat(second.path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"v\": 2}");
        assertThat(first.path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"v\": 1}");
        assertThat(afterTool.path("content").asText()).isEqualTo("proposed");
        assertThat(unknown.path("error").path("message").asText()).contains("script exhausted");
    }
}
