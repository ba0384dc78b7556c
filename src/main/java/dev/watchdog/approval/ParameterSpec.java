package dev.watchdog.approval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * One typed parameter of a catalogue action. A value the agent sends is accepted only if it has the
 * type and, when set, is one of {@code allowed}, matches {@code pattern} as a whole (the pattern is
 * anchored at both ends) and lies within {@code min} and {@code max}.
 *
 * @param allowed      values of the parameter's type (String, Long or Boolean); empty: no list
 * @param pattern      for strings; null: none
 * @param min          for integers; null: none
 * @param max          for integers; null: none
 * @param defaultValue used when an optional parameter is left out; null for required ones
 */
public record ParameterSpec(String name, ParameterType type, String description, List<Object> allowed,
        Pattern pattern, Long min, Long max, boolean required, Object defaultValue) {

    /** Longer strings are refused whatever the pattern: no parameter needs an essay. */
    public static final int MAX_STRING_LENGTH = 500;

    public ParameterSpec {
        allowed = List.copyOf(allowed);
    }

    /** A checked value: the normalised value (String, Long or Boolean), or why it was refused. */
    public record Checked(Object value, String problem) {

        public boolean ok() {
            return problem == null;
        }
    }

    /** Checks a value as the agent sent it (JSON types, or their text) and normalises it. */
    public Checked check(Object raw) {
        Object value;
        switch (type) {
            case STRING -> {
                if (!(raw instanceof String text)) {
                    return refused("expected a string, got " + shown(raw));
                }
                if (text.length() > MAX_STRING_LENGTH) {
                    return refused("is longer than " + MAX_STRING_LENGTH + " characters");
                }
                value = text;
            }
            case INTEGER -> {
                Long number = wholeNumber(raw);
                if (number == null) {
                    return refused("expected a whole number, got " + shown(raw));
                }
                if (min != null && number < min) {
                    return refused(number + " is less than the minimum " + min);
                }
                if (max != null && number > max) {
                    return refused(number + " is more than the maximum " + max);
                }
                value = number;
            }
            default -> {
                if (raw instanceof Boolean bool) {
                    value = bool;
                } else if ("true".equals(raw) || "false".equals(raw)) {
                    value = Boolean.valueOf((String) raw);
                } else {
                    return refused("expected true or false, got " + shown(raw));
                }
            }
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            return refused(shown(value) + " is not one of: " + String.join(", ", allowed.stream().map(String::valueOf)
                    .toList()));
        }
        if (pattern != null && !pattern.matcher((String) value).matches()) {
            return refused(shown(value) + " does not match " + pattern.pattern());
        }
        return new Checked(value, null);
    }

    private Checked refused(String why) {
        return new Checked(null, "parameter '" + name + "': " + why);
    }

    /** Integers as JSON numbers of any Java type, integral decimals, or digits in a string. */
    private static Long wholeNumber(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        try {
            if (raw instanceof Number number) {
                return new BigDecimal(number.toString()).longValueExact();
            }
            if (raw instanceof String text && text.matches("-?[0-9]{1,18}")) {
                return Long.parseLong(text);
            }
        } catch (ArithmeticException | NumberFormatException notWhole) {
            return null;
        }
        return null;
    }

    /** A value as it appears in messages: strings quoted and escaped, so odd characters stay visible. */
    static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            String cut = text.length() > 80 ? text.substring(0, 79) + "…" : text;
            return JsonValues.quote(cut);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map) {
            return "a JSON object";
        }
        return value instanceof List ? "a JSON list" : "a " + value.getClass().getSimpleName();
    }
}
