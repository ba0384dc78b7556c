package dev.watchdog.promql;

/**
 * A number: {@code 42}, {@code 1e-3}, {@code 0x1F}, {@code Inf}, {@code NaN}. Prometheus 3 also reads a
 * duration where a number is expected ({@code 5m} is 300); {@code duration} keeps how it was written.
 */
public record NumberLiteral(double value, boolean duration) implements Expr {

    public NumberLiteral(double value) {
        this(value, false);
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
