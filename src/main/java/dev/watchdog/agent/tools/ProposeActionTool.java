package dev.watchdog.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's one way towards changing anything: {@code propose_action(action_id, parameters,
 * reason)}. It asks for a person's approval and returns at once; nothing runs until someone
 * allowed clicks Approve. Built per turn, because a proposal belongs to the thread and to the
 * person whose question led to it, and the model must not be the one to say who that was.
 */
public final class ProposeActionTool implements ToolExecutor {

    public static final String NAME = "propose_action";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActionProposer proposer;
    private final String threadKey;
    private final String askedBy;

    /** @param askedBy the person whose question this turn answers, or null for an alert's analysis */
    public ProposeActionTool(ActionProposer proposer, String threadKey, String askedBy) {
        this.proposer = proposer;
        this.threadKey = threadKey;
        this.askedBy = askedBy;
    }

    /** The tool as the model sees it, with the catalogue in its description and the ids as an enum. */
    public static ToolSpecification specification(ActionProposer proposer) {
        return ToolSpecification.builder()
                .name(NAME)
                .description("Proposes one action from the team's catalogue for a person to approve in Slack. It does "
                        + "NOT run the action: it posts an approval request in this thread and returns its id; the "
                        + "action runs only if an authorised person clicks Approve. Propose only when the evidence "
                        + "supports it, and tell the user what you proposed and why. The actions:\n"
                        + proposer.describeActions())
                .parameters(JsonObjectSchema.builder()
                        .addEnumProperty("action_id", proposer.actionIds(), "The id of the action in the catalogue")
                        .addProperty("parameters", JsonObjectSchema.builder()
                                .description("The action's parameters by name, as the catalogue describes them")
                                .additionalProperties(true)
                                .build())
                        .addStringProperty("reason", "Why this action would help, in one or two sentences citing the "
                                + "evidence; the approvers read it")
                        .required("action_id", "parameters", "reason")
                        .build())
                .build();
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        JsonNode arguments;
        try {
            arguments = JSON.readTree(request.arguments() == null ? "{}" : request.arguments());
        } catch (IOException e) {
            throw new ToolFailure(NAME + " was not run: the arguments are not valid JSON");
        }
        List<String> problems = new ArrayList<>();
        String actionId = text(arguments.path("action_id"), "action_id", problems);
        String reason = text(arguments.path("reason"), "reason", problems);
        Map<String, Object> parameters = parameters(arguments.path("parameters"), problems);
        if (!problems.isEmpty()) {
            String why = String.join("; ", problems);
            proposer.refused(threadKey, askedBy, NAME, request.arguments(), why);
            throw new ToolFailure(NAME + " was not run: " + why + ". Nothing was proposed.");
        }
        return proposer.propose(threadKey, askedBy, actionId, parameters, reason);
    }

    private static String text(JsonNode value, String name, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(name + " must be a string");
            return null;
        }
        return value.asText();
    }

    /** As JSON types (String, Number, Boolean, and Map or List, which the catalogue check refuses with a reason). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(JsonNode value, List<String> problems) {
        if (value.isMissingNode() || value.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!value.isObject()) {
            problems.add("parameters must be an object of parameter name to value");
            return new LinkedHashMap<>();
        }
        return JSON.convertValue(value, LinkedHashMap.class);
    }
}
