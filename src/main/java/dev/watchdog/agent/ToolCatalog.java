package dev.watchdog.agent;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.watchdog.ops.telemetry.Telemetry;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** The tools through which the model can ask for something to change; their refusals are attempts to act. */
    private final Set<String> actionTools = new HashSet<>();

    ToolCatalog(List<Object> toolObjects) {
        for (Object object : toolObjects) {
            for (Method method : object.getClass().getMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
                    Telemetry.get().metrics().toolKnown(spec.name());
                    tools.put(spec, DefaultToolExecutor.builder()
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

    private ToolCatalog(ToolCatalog base) {
        tools.putAll(base.tools);
        actionTools.addAll(base.actionTools);
    }

    /** This catalogue and one more tool through which the model asks for an action (e.g. bound to one thread). */
    ToolCatalog plusActionTool(ToolSpecification spec, ToolExecutor executor) {
        ToolCatalog more = new ToolCatalog(this);
        more.tools.put(spec, executor);
        more.actionTools.add(spec.name());
        ToolSpecifications.validateSpecifications(List.copyOf(more.tools.keySet()));
        return more;
    }

    List<String> names() {
        return tools.keySet().stream().map(ToolSpecification::name).sorted().toList();
    }

    /** The tools with executors bound to one turn. */
    Map<ToolSpecification, ToolExecutor> guardedFor(Turn turn, UntrustedData data, ExecutorService workers,
            RefusedAttempts attempts) {
        Map<ToolSpecification, ToolExecutor> guarded = new LinkedHashMap<>();
        tools.forEach((spec, executor) -> guarded.put(spec, new GuardedToolExecutor(spec, executor, turn, data, workers,
                actionTools.contains(spec.name()) ? attempts : RefusedAttempts.NONE)));
        return guarded;
    }

    /**
     * What the model hears when it calls a tool that does not exist: the list of those that do.
     * A made-up tool may be an attempt to act ({@code restart_service}), so it is reported too.
     */
    Function<ToolExecutionRequest, ToolExecutionResultMessage> unknownToolAnswer(Turn turn, UntrustedData data,
            RefusedAttempts attempts) {
        return request -> {
            turn.record(request.name(), request.arguments(), true);
            attempts.refused(String.valueOf(request.name()), request.arguments(), "there is no tool named \""
                    + request.name() + "\"");
            String text = "There is no tool named \"" + request.name() + "\", so nothing was run. The tools are: "
                    + String.join(", ", names()) + ".";
            return ToolExecutionResultMessage.from(request, data.toolOutput(String.valueOf(request.name()), text));
        };
    }
}
