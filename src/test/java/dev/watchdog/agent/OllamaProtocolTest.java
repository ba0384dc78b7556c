package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.testing.ScriptedOllama;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaProtocolTest {

    @Test
    void callsAToolAndAnswersOverOllamasChatApi() {
        try (AgentHarness harness = new AgentHarness(); ScriptedOllama ollama = new ScriptedOllama()) {
            harness.logs.answer = "3 error lines; top error: ConnectionRefused (3)";
            ollama.thenToolCall("search_logs", "{\"query\": \"refused\", \"level\": \"error\"}")
                    .thenAnswer("The service cannot reach its database: 3 *ConnectionRefused* errors.");
            LlmInvestigator investigator = new LlmInvestigator(
                    ChatModelFactory.retrying(ChatModelFactory.ollama(ollama.baseUrl(), "llama3.1", Duration.ofSeconds(10)),
                            harness.sleeper),
                    harness.dependencies(), PromptLibrary.bundled(), AgentLimits.DEFAULTS);

            AnswerResult result = investigator.answer(AgentHarness.THREAD, "Why the errors?", null, "U1");

            assertThat(result.failure()).isNull();
            assertThat(result.text()).isEqualTo("The service cannot reach its database: 3 *ConnectionRefused* errors.");
            assertThat(result.usage()).isEqualTo(new TokenUsage(100, 20));
            assertThat(harness.logs.searches()).containsExactly("refused|15m|error");
            List<JsonNode> requests = ollama.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0).path("model").asText()).isEqualTo("llama3.1");
            assertThat(requests.get(0).path("stream").asBoolean(true)).isFalse();
            assertThat(requests.get(0).path("tools").findValuesAsText("name")).contains("search_logs", "query_prometheus");
            JsonNode toolMessage = requests.get(1).path("messages").get(requests.get(1).path("messages").size() - 1);
            assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
            assertThat(toolMessage.path("content").asText())
                    .isEqualTo("<tool-output tool=\"search_logs\" untrusted=\"true\">\n"
                            + "3 error lines; top error: ConnectionRefused (3)\n</tool-output>");
        }
    }

    @Test
    void everyRequestCarriesTheConfiguredContextSize() {
        try (AgentHarness harness = new AgentHarness(); ScriptedOllama ollama = new ScriptedOllama()) {
            ollama.thenAnswer("Nothing is wrong.");
            LlmSettings settings = new LlmSettings("ollama", "llama3.1", ollama.baseUrl(), dev.watchdog.security.Secret.NONE,
                    Duration.ofSeconds(10), 8, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), "",
                    null, null, true, 32_768, BudgetSettings.UNLIMITED, dev.watchdog.agent.incident.IncidentSettings.OFF);
            Investigator investigator = Investigators.create(settings, harness.dependencies());

            AnswerResult result = investigator.answer(AgentHarness.THREAD, "Anything wrong?", null, "U1");

            assertThat(result.failure()).isNull();
            assertThat(ollama.requests()).singleElement()
                    .satisfies(request -> assertThat(request.path("options").path("num_ctx").asInt()).isEqualTo(32_768));
        }
    }
}
