package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.watchdog.testing.RecordedSpans;
import dev.watchdog.testing.ScriptedOpenAi;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each call of the model, over real HTTP to a scripted OpenAI, is a span with tokens and finish reason, and metrics. */
class ModelCallTracingTest {

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @Test
    void aModelCallIsAClientSpanWithModelTokensAndFinishReason() throws IOException {
        try (ScriptedOpenAi openAi = new ScriptedOpenAi().thenAnswer("no single cause found")) {
            ChatModel model = ChatModelFactory.openAi(openAi.baseUrl(), "sk-test", "gpt-4o-mini", Duration.ofSeconds(10));

            model.chat("why is checkout slow?");
        }

        SpanData call = spans.named("chat gpt-4o-mini");
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .isEqualTo(ScriptedOpenAi.PROMPT_TOKENS);
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .isEqualTo(ScriptedOpenAi.COMPLETION_TOKENS);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.response.finish_reasons"))).isEqualTo("stop");
        String metrics = spans.metricsText();
        assertThat(metrics)
                .contains("watchdog_model_tokens_total{kind=\"input\",model=\"gpt-4o-mini\"} 100.0")
                .contains("watchdog_model_tokens_total{kind=\"output\",model=\"gpt-4o-mini\"} 20.0")
                .contains("watchdog_model_call_duration_seconds_count{model=\"gpt-4o-mini\",outcome=\"ok\","
                        + "provider=\"openai\"} 1")
                .contains("watchdog_model_call_duration_seconds_count{model=\"gpt-4o-mini\",outcome=\"error\","
                        + "provider=\"openai\"} 0");
    }

    @Test
    void aFailedModelCallIsAFailedSpanAndCountedAsAnError() throws IOException {
        try (ScriptedOpenAi openAi = new ScriptedOpenAi().thenStatus(500, "the model is overloaded")) {
            ChatModel model = ChatModelFactory.openAi(openAi.baseUrl(), "sk-test", "gpt-4o-mini", Duration.ofSeconds(10));

            assertThatThrownBy(() -> model.chat("why?")).isInstanceOf(RuntimeException.class);
        }

        SpanData call = spans.named("chat gpt-4o-mini");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans.metricsText()).contains("watchdog_model_call_duration_seconds_count{model=\"gpt-4o-mini\","
                + "outcome=\"error\",provider=\"openai\"} 1");
    }
}
