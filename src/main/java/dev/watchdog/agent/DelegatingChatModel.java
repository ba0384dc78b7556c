package dev.watchdog.agent;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;

/**
 * A chat model that adds behaviour around another one. It overrides {@code chat} itself rather
 * than {@code doChat}, so the wrapped model still merges its own default parameters (its model
 * name, its provider-specific parameter type) and notifies its own listeners.
 */
abstract class DelegatingChatModel implements ChatModel {

    private final ChatModel delegate;

    DelegatingChatModel(ChatModel delegate) {
        this.delegate = delegate;
    }

    /** Calls the wrapped model; subclasses add their behaviour around this. */
    protected ChatResponse call(ChatRequest request) {
        return delegate.chat(request);
    }

    @Override
    public abstract ChatResponse chat(ChatRequest request);

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
