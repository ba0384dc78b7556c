package dev.watchdog.promql;

import java.time.Duration;

/** A range vector selector: {@code http_requests_total[5m]}; its offset and {@code @} belong to the selector. */
public record MatrixSelector(VectorSelector selector, Duration range) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
