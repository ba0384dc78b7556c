package dev.watchdog.ops.telemetry;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;

/**
 * Every call of the chat model (each attempt, each step of the tool loop) as a client span with
 * the GenAI attributes ({@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens}, {@code gen_ai.response.finish_reasons}) and as metrics: call
 * latency by provider, model and outcome, tokens by model and kind. The labels use the configured
 * model name, so the series exist from the start ({@link dev.watchdog.ops.WatchdogMetrics#modelKnown}).
 */
public final class ModelCallTracing implements ChatModelListener {

    private static final String SPAN = "watchdog.model.span";
    private static final String STARTED = "watchdog.model.started";

    private final String provider;
    private final String model;

    private ModelCallTracing(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /** The listener for one configured model; its series are created now, at zero. */
    public static ModelCallTracing of(String provider, String model) {
        Telemetry.get().metrics().modelKnown(provider, model);
        return new ModelCallTracing(provider, model);
    }

    @Override
    public void onRequest(ChatModelRequestContext request) {
        Span span = Telemetry.get().phaseSpan("chat " + model, SpanKind.CLIENT);
        span.setAttribute("gen_ai.operation.name", "chat");
        span.setAttribute("gen_ai.system", provider);
        span.setAttribute("gen_ai.request.model", model);
        span.setAttribute("watchdog.model.messages", request.chatRequest().messages().size());
        request.attributes().put(SPAN, span);
        request.attributes().put(STARTED, System.nanoTime());
    }

    @Override
    public void onResponse(ChatModelResponseContext response) {
        ChatResponseMetadata metadata = response.chatResponse().metadata();
        TokenUsage usage = metadata.tokenUsage();
        long input = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long output = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        Telemetry.get().metrics().modelCalled(provider, model, "ok", took(response.attributes().get(STARTED)), input,
                output);
        if (response.attributes().get(SPAN) instanceof Span span) {
            if (metadata.modelName() != null) {
                span.setAttribute("gen_ai.response.model", metadata.modelName());
            }
            span.setAttribute("gen_ai.usage.input_tokens", input);
            span.setAttribute("gen_ai.usage.output_tokens", output);
            if (metadata.finishReason() != null) {
                span.setAttribute("gen_ai.response.finish_reasons", metadata.finishReason().name().toLowerCase());
            }
            span.end();
        }
    }

    @Override
    public void onError(ChatModelErrorContext error) {
        Telemetry.get().metrics().modelCalled(provider, model, "error", took(error.attributes().get(STARTED)), 0, 0);
        if (error.attributes().get(SPAN) instanceof Span span) {
            span.recordException(error.error());
            span.setStatus(StatusCode.ERROR, String.valueOf(error.error().getMessage()));
            span.end();
        }
    }

    private static Duration took(Object started) {
        return started instanceof Long nanos ? Duration.ofNanos(System.nanoTime() - nanos) : Duration.ZERO;
    }
}
