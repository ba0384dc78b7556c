package dev.watchdog.promql;

/** The type an expression evaluates to, named as Prometheus names it in its two kinds of messages. */
public enum ValueType {
    SCALAR("scalar", "scalar"),
    VECTOR("vector", "instant vector"),
    MATRIX("matrix", "range vector"),
    STRING("string", "string");

    private final String internalName;
    private final String documentedName;

    ValueType(String internalName, String documentedName) {
        this.internalName = internalName;
        this.documentedName = documentedName;
    }

    /** The name Prometheus' own code uses, e.g. "matrix" (it shows in the subquery message). */
    public String internalName() {
        return internalName;
    }

    /** The name the documentation uses, e.g. "range vector". */
    public String documentedName() {
        return documentedName;
    }
}
