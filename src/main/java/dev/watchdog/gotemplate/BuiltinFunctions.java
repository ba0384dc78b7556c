package dev.watchdog.gotemplate;

import static dev.watchdog.gotemplate.TemplateFunction.Param.ANY;
import static dev.watchdog.gotemplate.TemplateFunction.Param.STRING;
import static dev.watchdog.gotemplate.TemplateFunction.Param.VALUE;

import dev.watchdog.gotemplate.GoValues.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go text/template's own functions: {@code and or not len index slice print printf println html js urlquery
 * call eq ne lt le gt ge}. {@code and} and {@code or} are listed for arity checks; the executor evaluates them
 * lazily, as Go does.
 */
final class BuiltinFunctions {

    private BuiltinFunctions() {
    }

    static List<TemplateFunction> all() {
        return List.of(
                TemplateFunction.variadic("and", (c, a) -> a.get(a.size() - 1), VALUE, VALUE),
                TemplateFunction.variadic("or", (c, a) -> a.get(a.size() - 1), VALUE, VALUE),
                TemplateFunction.of("not", (c, a) -> !GoValues.isTrue(a.get(0)), VALUE),
                TemplateFunction.of("len", (c, a) -> length(a.get(0)), VALUE),
                TemplateFunction.variadic("index", (c, a) -> index(a.get(0), a.subList(1, a.size())), VALUE, VALUE),
                TemplateFunction.variadic("slice", (c, a) -> slice(a.get(0), a.subList(1, a.size())), VALUE, VALUE),
                TemplateFunction.variadic("print", (c, a) -> GoFmt.sprint(a), ANY),
                TemplateFunction.variadic("printf", (c, a) -> GoFmt.sprintf((String) a.get(0), a.subList(1, a.size())),
                        STRING, ANY),
                TemplateFunction.variadic("println", (c, a) -> GoFmt.sprintln(a), ANY),
                TemplateFunction.variadic("html", (c, a) -> GoStrings.htmlEscape(evalArgs(a)), ANY),
                TemplateFunction.variadic("js", (c, a) -> GoStrings.jsEscape(evalArgs(a)), ANY),
                TemplateFunction.variadic("urlquery", (c, a) -> GoStrings.queryEscape(evalArgs(a)), ANY),
                TemplateFunction.variadic("call", (c, a) -> call(a.get(0)), VALUE, VALUE),
                TemplateFunction.variadic("eq", (c, a) -> eq(a.get(0), a.subList(1, a.size())), VALUE, VALUE),
                TemplateFunction.of("ne", (c, a) -> !eq(a.get(0), a.subList(1, 2)), VALUE, VALUE),
                TemplateFunction.of("lt", (c, a) -> lt(a.get(0), a.get(1)), VALUE, VALUE),
                TemplateFunction.of("le", (c, a) -> lt(a.get(0), a.get(1)) || eq(a.get(0), a.subList(1, 2)),
                        VALUE, VALUE),
                TemplateFunction.of("gt", (c, a) -> !(lt(a.get(0), a.get(1)) || eq(a.get(0), a.subList(1, 2))),
                        VALUE, VALUE),
                TemplateFunction.of("ge", (c, a) -> !lt(a.get(0), a.get(1)), VALUE, VALUE));
    }

    /** The printed form of the arguments as html, js and urlquery see it: pointers followed, nil as {@code <no value>}. */
    private static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.get(0) instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg == null || arg instanceof String || arg instanceof SafeHtml;
            if (i > 0 && !isString && !prevString) {
                out.append(' ');
            }
            out.append(GoFmt.printAction(arg));
            prevString = isString;
        }
        return out.toString();
    }

    static Object length(Object item) throws GoError {
        if (item == null) {
            throw new GoError("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item instanceof String s) {
            return (long) GoStrings.byteLength(s);
        }
        if (item instanceof SafeHtml h) {
            return (long) GoStrings.byteLength(h.text());
        }
        if (item instanceof GoMap m) {
            return (long) m.size();
        }
        if (item instanceof QueryResult r) {
            return (long) r.samples().size();
        }
        throw new GoError("len of type " + GoValues.typeName(item).replaceFirst("^\\*", ""));
    }

    static Object index(Object item, List<Object> indexes) throws GoError {
        if (item == null) {
            throw new GoError("index of untyped nil");
        }
        for (Object index : indexes) {
            if (item == null) {
                throw new GoError("index of nil pointer");
            }
            if (item instanceof String || item instanceof SafeHtml) {
                byte[] bytes = GoValues.stringValue(item).getBytes(StandardCharsets.UTF_8);
                int x = indexArg(index, bytes.length);
                if (x == bytes.length) {
                    throw new GoError("reflect: string index out of range");
                }
                item = (long) (bytes[x] & 0xFF);
            } else if (item instanceof QueryResult r) {
                int x = indexArg(index, r.samples().size());
                if (x == r.samples().size()) {
                    throw new GoError("reflect: slice index out of range");
                }
                item = r.samples().get(x);
            } else if (item instanceof GoMap m) {
                if (index == null) {
                    throw new GoError("value is nil; should be of type string");
                }
                if (!(index instanceof String key)) {
                    throw new GoError("value has type " + GoValues.typeName(index) + "; should be string");
                }
                item = m.get(key);
            } else {
                throw new GoError("can't index item of type " + GoValues.typeName(item).replaceFirst("^\\*", ""));
            }
        }
        return item;
    }

    private static int indexArg(Object index, int cap) throws GoError {
        if (index == null) {
            throw new GoError("cannot index slice/array with nil");
        }
        if (GoValues.kind(index) != Kind.INT) {
            throw new GoError("cannot index slice/array with type " + GoValues.typeName(index));
        }
        long x = GoValues.intValue(index);
        if (x < 0 || x > cap) {
            throw new GoError("index out of range: " + x);
        }
        return (int) x;
    }

    static Object slice(Object item, List<Object> indexes) throws GoError {
        if (item == null) {
            throw new GoError("slice of untyped nil");
        }
        if (indexes.size() > 3) {
            throw new GoError("too many slice indexes: " + indexes.size());
        }
        int len;
        if (item instanceof String || item instanceof SafeHtml) {
            if (indexes.size() == 3) {
                throw new GoError("cannot 3-index slice a string");
            }
            len = GoStrings.byteLength(GoValues.stringValue(item));
        } else if (item instanceof QueryResult r) {
            len = r.samples().size();
        } else {
            throw new GoError("can't slice item of type " + GoValues.typeName(item));
        }
        int[] idx = {0, len, len};
        for (int i = 0; i < indexes.size(); i++) {
            idx[i] = indexArg(indexes.get(i), len);
        }
        if (idx[0] > idx[1]) {
            throw new GoError("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.size() == 3 && idx[1] > idx[2]) {
            throw new GoError("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (item instanceof QueryResult r) {
            return new QueryResult(new ArrayList<>(r.samples().subList(idx[0], idx[1])));
        }
        byte[] bytes = GoValues.stringValue(item).getBytes(StandardCharsets.UTF_8);
        String sliced = new String(Arrays.copyOfRange(bytes, idx[0], idx[1]), StandardCharsets.UTF_8);
        return item instanceof SafeHtml ? new SafeHtml(sliced) : sliced;
    }

    private static Object call(Object fn) throws GoError {
        if (fn == null) {
            throw new GoError("call of nil");
        }
        throw new GoError("non-function of type " + GoValues.typeName(fn));
    }

    static boolean eq(Object arg1, List<Object> others) throws GoError {
        if (others.isEmpty()) {
            throw new GoError("missing argument for comparison");
        }
        Kind k1 = GoValues.kind(arg1);
        for (Object arg : others) {
            Kind k2 = GoValues.kind(arg);
            boolean truth;
            if (k1 != k2) {
                if (arg1 != null && arg != null) {
                    throw new GoError("incompatible types for comparison: " + GoValues.typeName(arg1) + " and "
                            + GoValues.typeName(arg));
                }
                truth = false;
            } else {
                truth = switch (k1) {
                    case BOOL -> arg1.equals(arg);
                    case INT -> GoValues.intValue(arg1) == GoValues.intValue(arg);
                    case FLOAT -> (double) (Double) arg1 == (double) (Double) arg;
                    case STRING -> GoValues.stringValue(arg1).equals(GoValues.stringValue(arg));
                    case INVALID -> eqOther(arg1, arg);
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    /** eq on values that are not basic: nil compares with anything; pointers by identity; maps not at all. */
    private static boolean eqOther(Object a, Object b) throws GoError {
        if (a == null || b == null) {
            return a == b;
        }
        if (!GoValues.typeName(a).equals(GoValues.typeName(b))) {
            throw new GoError("incompatible types for comparison: " + GoValues.typeName(a) + " and "
                    + GoValues.typeName(b));
        }
        if (a instanceof GoMap || a instanceof QueryResult) {
            throw new GoError("non-comparable type " + GoFmt.printAction(b) + ": " + GoValues.typeName(b));
        }
        if (a instanceof Sample) {
            return a == b;
        }
        return a.equals(b);
    }

    static boolean lt(Object arg1, Object arg2) throws GoError {
        Kind k1 = GoValues.kind(arg1);
        Kind k2 = GoValues.kind(arg2);
        if (k1 == Kind.INVALID || k2 == Kind.INVALID) {
            throw new GoError("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new GoError("incompatible types for comparison: " + GoValues.typeName(arg1) + " and "
                    + GoValues.typeName(arg2));
        }
        return switch (k1) {
            case BOOL -> throw new GoError("invalid type for comparison");
            case INT -> GoValues.intValue(arg1) < GoValues.intValue(arg2);
            case FLOAT -> (Double) arg1 < (Double) arg2;
            case STRING -> GoStrings.compare(GoValues.stringValue(arg1), GoValues.stringValue(arg2)) < 0;
            case INVALID -> false;
        };
    }
}
