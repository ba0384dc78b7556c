package dev.watchdog.approval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the parameters the agent sent against an action's specs. Every problem is reported at
 * once, worded so that the model can correct its call.
 */
public final class ParameterValidation {

    /** The values in catalogue order (defaults filled in), or the problems; never both. */
    public record Result(Map<String, Object> values, List<String> problems) {

        public Result {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ParameterValidation() {
    }

    private static boolean isDotSegment(Object value) {
        return ".".equals(value) || "..".equals(value);
    }

    public static Result check(ActionDefinition action, Map<String, ?> given) {
        Map<String, ?> parameters = given == null ? Map.of() : given;
        List<String> problems = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (action.parameter(name).isEmpty()) {
                problems.add("unexpected parameter '" + name + "' (" + (action.parameters().isEmpty()
                        ? "this action takes no parameters"
                        : "allowed: " + String.join(", ", action.parameterNames())) + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : action.parameters()) {
            Object raw = parameters.get(spec.name());
            if (raw == null) {
                if (spec.required()) {
                    problems.add("missing required parameter '" + spec.name() + "' (" + spec.description() + ")");
                } else {
                    values.put(spec.name(), spec.defaultValue());
                }
                continue;
            }
            ParameterSpec.Checked checked = spec.check(raw);
            if (!checked.ok()) {
                problems.add(checked.problem());
            } else if (isDotSegment(checked.value()) && action.webhook().url().placeholders().contains(spec.name())) {
                // "/a/{{ x }}/b" with x = ".." would become "/b" once the URL is normalised.
                problems.add("parameter '" + spec.name() + "': " + ParameterSpec.shown(checked.value())
                        + " cannot be used in a URL path");
            } else {
                values.put(spec.name(), checked.value());
            }
        }
        return problems.isEmpty() ? new Result(values, List.of()) : new Result(Map.of(), problems);
    }
}
