package dev.watchdog.agent;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The read-only tools the model may call, read once from the {@code @Tool} methods of the tool
 * objects. Every turn gets the same specifications with executors guarded for that turn
 * ({@link GuardedToolExecutor}): limits, timeouts, argument checks, redaction and quoting are
 * applied in one place instead of in every tool.
 */
final class ToolCatalog {

    private final Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();

    ToolCatalog(List<Object> toolObjects) {
        for (Object object : toolObjects) {
            for (Method method : object.getClass().getMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    tools.put(ToolSpecifications.toolSpecificationFrom(method), DefaultToolExecutor.builder()
                            .object(object)
                            .originalMethod(method)
                            .methodToInvoke(method)
                            // Both kinds of failure reach GuardedToolExecutor as exceptions, which it turns into text.
                            .wrapToolArgumentsExceptions(true)
                            .propagateToolExecutionExceptions(true)
                            .build());
                }
            }
        }
        ToolSpecifications.validateSpecifications(List.copyOf(tools.keySet()));
    }

    List<String> names() {
        return tools.keySet().stream().map(ToolSpecification::name).sorted().toList();
    }

    /** The tools with executors bound to one turn. */
    Map<ToolSpecification, ToolExecutor> guardedFor(Turn turn, UntrustedData data, ExecutorService workers) {
        Map<ToolSpecification, ToolExecutor> guarded = new LinkedHashMap<>();
        tools.forEach((spec, executor) -> guarded.put(spec, new GuardedToolExecutor(spec, executor, turn, data, workers)));
        return guarded;
    }

    /** What the model hears when it calls a tool that does not exist: the list of those that do. */
    Function<ToolExecutionRequest, ToolExecutionResultMessage> unknownToolAnswer(Turn turn, UntrustedData data) {
        return request -> {
            turn.record(request.name(), request.arguments(), true);
            String text = "There is no tool named \"" + request.name() + "\", so nothing was run. The tools are: "
                    + String.join(", ", names()) + ".";
            return ToolExecutionResultMessage.from(request, data.toolOutput(String.valueOf(request.name()), text));
        };
    }
}
