package dev.watchdog.promql;

import java.util.List;

/**
 * A PromQL function's signature.
 *
 * @param optional how many trailing arguments may be left out ({@code round(v)}), or -1 when the last argument
 *     type repeats without limit ({@code label_join}); 0 when every argument is required
 * @param experimental true when Prometheus 3 accepts it only with
 *     {@code --enable-feature=promql-experimental-functions}
 */
public record Function(String name, List<ValueType> argTypes, int optional, ValueType returnType,
        boolean experimental) {

    public Function {
        argTypes = List.copyOf(argTypes);
    }

    public int minArgs() {
        return optional == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The most arguments allowed, or {@link Integer#MAX_VALUE} for a repeating last argument. */
    public int maxArgs() {
        return optional < 0 ? Integer.MAX_VALUE : minArgs() + optional;
    }

    /** The type expected of argument {@code index}; a repeated last argument keeps the last type. */
    public ValueType argType(int index) {
        return argTypes.get(Math.min(index, argTypes.size() - 1));
    }
}
