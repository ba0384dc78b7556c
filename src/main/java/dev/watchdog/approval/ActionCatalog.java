package dev.watchdog.approval;

import dev.watchdog.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The team's catalogue of actions ({@code actions:} in watchdog.yml): everything the agent can
 * ever propose. An action not in here cannot be proposed, let alone run.
 */
public final class ActionCatalog {

    private static final ActionCatalog EMPTY = new ActionCatalog(List.of());

    private final Map<String, ActionDefinition> actions = new LinkedHashMap<>();

    /** @param actions with unique ids */
    public ActionCatalog(List<ActionDefinition> actions) {
        for (ActionDefinition action : actions) {
            if (this.actions.putIfAbsent(action.id(), action) != null) {
                throw new IllegalArgumentException("two actions have the id " + action.id());
            }
        }
    }

    public static ActionCatalog empty() {
        return EMPTY;
    }

    /**
     * Binds the {@code actions:} section, reporting every problem on its node.
     *
     * @param section          the {@code actions} node, if the config has one
     * @param defaultApprovers {@code slack.approvers}, used by actions that list no approvers of their own
     */
    public static ActionCatalog bind(Optional<ConfigNode> section, Optional<ConfigNode> defaultApprovers) {
        return ActionCatalogBinder.bind(section, defaultApprovers);
    }

    public Optional<ActionDefinition> find(String id) {
        return Optional.ofNullable(id == null ? null : actions.get(id));
    }

    public List<ActionDefinition> actions() {
        return List.copyOf(actions.values());
    }

    public List<String> ids() {
        return List.copyOf(actions.keySet());
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** Every header value outside the safe list (tokens, mostly), to mask in logs and previews. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (ActionDefinition action : actions.values()) {
            action.webhook().headers().forEach((name, secret) -> {
                String value = secret.reveal();
                if (!PreparedRequest.SAFE_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !value.isBlank()) {
                    secrets.add(value);
                    // "Bearer abc…": the token alone may also turn up, e.g. echoed in a response
                    int space = value.indexOf(' ');
                    if (space > 0) {
                        secrets.add(value.substring(space + 1).strip());
                    }
                }
            });
        }
        return secrets;
    }

    /** The catalogue as the agent's propose_action tool can describe it to the model. */
    public String describeForModel() {
        if (actions.isEmpty()) {
            return "No actions are configured: nothing can be proposed.";
        }
        StringBuilder text = new StringBuilder();
        for (ActionDefinition action : actions.values()) {
            text.append("- ").append(action.id()).append(": ").append(action.description()).append('\n')
                    .append("  risk: ").append(action.risk()).append('\n');
            if (action.parameters().isEmpty()) {
                text.append("  no parameters\n");
            }
            for (ParameterSpec parameter : action.parameters()) {
                text.append("  parameter ").append(parameter.name()).append(" (").append(constraints(parameter)).append("): ")
                        .append(parameter.description()).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    private static String constraints(ParameterSpec parameter) {
        List<String> parts = new ArrayList<>();
        parts.add(parameter.type().label());
        if (!parameter.allowed().isEmpty()) {
            parts.add("one of: " + parameter.allowed().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (parameter.pattern() != null) {
            parts.add("matching " + parameter.pattern().pattern());
        }
        if (parameter.min() != null) {
            parts.add("at least " + parameter.min());
        }
        if (parameter.max() != null) {
            parts.add("at most " + parameter.max());
        }
        parts.add(parameter.required() ? "required" : "optional, default " + parameter.defaultValue());
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return "ActionCatalog" + actions.values();
    }
}
