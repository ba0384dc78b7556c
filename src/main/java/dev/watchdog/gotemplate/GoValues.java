package dev.watchdog.gotemplate;

/**
 * How template values map to Go's types. {@code null} is Go's nil (an invalid reflect.Value), {@link String}
 * is {@code string}, {@link Long} is {@code int}, {@link Double} is {@code float64}, {@link Boolean} is
 * {@code bool}; the other Go types have their own classes ({@link GoMap}, {@link Sample}, {@link QueryResult},
 * {@link SafeHtml}, {@link AlertData}, {@link GoTime}, {@link GoDuration}).
 */
final class GoValues {

    /** The comparison kinds of text/template's {@code eq}, {@code lt} and friends. */
    enum Kind { INVALID, BOOL, INT, FLOAT, STRING }

    private GoValues() {
    }

    static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof GoMap m) {
            return m.typeName();
        }
        if (v instanceof Sample) {
            return Sample.TYPE;
        }
        if (v instanceof QueryResult) {
            return QueryResult.TYPE;
        }
        if (v instanceof SafeHtml) {
            return SafeHtml.TYPE;
        }
        if (v instanceof AlertData) {
            return AlertData.TYPE;
        }
        if (v instanceof GoTime t) {
            return t.typeName();
        }
        if (v instanceof GoDuration d) {
            return d.typeName();
        }
        throw new IllegalStateException("not a template value: " + v.getClass());
    }

    /** The basic kind for comparisons; pointers are not looked through, as in Go. */
    static Kind kind(Object v) {
        if (v instanceof Boolean) {
            return Kind.BOOL;
        }
        if (v instanceof Long || (v instanceof GoDuration d && !d.pointer())) {
            return Kind.INT;
        }
        if (v instanceof Double) {
            return Kind.FLOAT;
        }
        if (v instanceof String || v instanceof SafeHtml) {
            return Kind.STRING;
        }
        return Kind.INVALID;
    }

    static long intValue(Object v) {
        return v instanceof GoDuration d ? d.nanos() : (Long) v;
    }

    static String stringValue(Object v) {
        return v instanceof SafeHtml h ? h.text() : (String) v;
    }

    /** text/template's truth: false, 0, nil and empty strings, maps and lists are false; NaN is true. */
    static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof SafeHtml h) {
            return !h.text().isEmpty();
        }
        if (v instanceof GoMap m) {
            return m.size() > 0;
        }
        if (v instanceof QueryResult r) {
            return !r.samples().isEmpty();
        }
        if (v instanceof GoDuration d && !d.pointer()) {
            return d.nanos() != 0;
        }
        return true; // non-nil pointers and structs
    }
}
