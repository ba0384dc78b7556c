package dev.watchdog.promql;

/** Aggregation operators; some take a parameter before the vector ({@code topk(3, x)}). */
public enum AggregateOp {
    SUM(null), AVG(null), COUNT(null), MIN(null), MAX(null), GROUP(null), STDDEV(null), STDVAR(null),
    TOPK(ValueType.SCALAR), BOTTOMK(ValueType.SCALAR), QUANTILE(ValueType.SCALAR), LIMITK(ValueType.SCALAR),
    LIMIT_RATIO(ValueType.SCALAR), COUNT_VALUES(ValueType.STRING);

    private final ValueType parameter;

    AggregateOp(ValueType parameter) {
        this.parameter = parameter;
    }

    /** The type of the parameter, or null when the operator takes none. */
    public ValueType parameter() {
        return parameter;
    }

    /** {@code limitk} and {@code limit_ratio}: Prometheus 3 runs them only with its experimental-functions flag. */
    public boolean experimental() {
        return this == LIMITK || this == LIMIT_RATIO;
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
