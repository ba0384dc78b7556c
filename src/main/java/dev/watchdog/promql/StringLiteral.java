package dev.watchdog.promql;

/** A string, its escapes resolved: {@code "job"}, {@code 'a\n'}, {@code `raw`}. */
public record StringLiteral(String value) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
