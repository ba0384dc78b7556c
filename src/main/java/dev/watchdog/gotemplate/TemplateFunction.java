package dev.watchdog.gotemplate;

import java.util.List;

/**
 * A function callable from a template, declared with its Go parameter types so that the executor checks
 * and converts arguments exactly as text/template would (and words its errors the same way).
 */
record TemplateFunction(String name, List<Param> params, boolean variadic, Body body) {

    /** Go parameter types that occur in the template functions. */
    enum Param {
        ANY("interface {}", true),
        VALUE("reflect.Value", true),
        STRING("string", false),
        SAMPLE(Sample.TYPE, true),
        QUERY_RESULT(QueryResult.TYPE, true),
        DURATION("time.Duration", false),
        TIME("time.Time", false);

        final String goType;
        final boolean canBeNil;

        Param(String goType, boolean canBeNil) {
            this.goType = goType;
            this.canBeNil = canBeNil;
        }
    }

    @FunctionalInterface
    interface Body {
        Object call(CallContext context, List<Object> args) throws GoError;
    }

    static TemplateFunction of(String name, Body body, Param... params) {
        return new TemplateFunction(name, List.of(params), false, body);
    }

    /** The last parameter takes any number of arguments. */
    static TemplateFunction variadic(String name, Body body, Param... params) {
        return new TemplateFunction(name, List.of(params), true, body);
    }

    /** The parameter type for the argument at index i. */
    Param paramAt(int i) {
        return i < params.size() - 1 || !variadic ? params.get(Math.min(i, params.size() - 1)) : params.get(params.size() - 1);
    }
}
