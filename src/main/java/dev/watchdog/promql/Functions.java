package dev.watchdog.promql;

import static dev.watchdog.promql.ValueType.MATRIX;
import static dev.watchdog.promql.ValueType.SCALAR;
import static dev.watchdog.promql.ValueType.STRING;
import static dev.watchdog.promql.ValueType.VECTOR;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every function of Prometheus 2.x and 3.x (through 3.14) with its argument and result types, written from
 * the function reference. {@code holt_winters} is the 2.x name of {@code double_exponential_smoothing}; both
 * parse, so rule files from either version load.
 */
public final class Functions {

    private static final Map<String, Function> TABLE = new TreeMap<>();

    static {
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil",
                "cos", "cosh", "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_stddev",
                "histogram_stdvar", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort",
                "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            stable(name, VECTOR, VECTOR);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "first_over_time", "idelta", "increase", "irate", "last_over_time", "max_over_time",
                "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time",
                "sum_over_time")) {
            stable(name, VECTOR, MATRIX);
        }
        for (String name : List.of("mad_over_time", "ts_of_first_over_time",
                "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time")) {
            experimental(name, VECTOR, 0, MATRIX);
        }
        for (String name : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            add(name, VECTOR, 1, false, VECTOR);
        }
        stable("pi", SCALAR);
        stable("time", SCALAR);
        stable("scalar", SCALAR, VECTOR);
        stable("vector", VECTOR, SCALAR);
        stable("clamp", VECTOR, VECTOR, SCALAR, SCALAR);
        stable("clamp_max", VECTOR, VECTOR, SCALAR);
        stable("clamp_min", VECTOR, VECTOR, SCALAR);
        add("round", VECTOR, 1, false, VECTOR, SCALAR);
        stable("histogram_fraction", VECTOR, SCALAR, SCALAR, VECTOR);
        stable("histogram_quantile", VECTOR, SCALAR, VECTOR);
        stable("quantile_over_time", VECTOR, SCALAR, MATRIX);
        stable("predict_linear", VECTOR, MATRIX, SCALAR);
        stable("holt_winters", VECTOR, MATRIX, SCALAR, SCALAR);
        stable("label_replace", VECTOR, VECTOR, STRING, STRING, STRING, STRING);
        add("label_join", VECTOR, -1, false, VECTOR, STRING, STRING, STRING);
        experimental("double_exponential_smoothing", VECTOR, 0, MATRIX, SCALAR, SCALAR);
        experimental("histogram_quantiles", VECTOR, 9, VECTOR, STRING, SCALAR, SCALAR);
        experimental("info", VECTOR, 1, VECTOR, VECTOR);
        experimental("sort_by_label", VECTOR, -1, VECTOR, STRING);
        experimental("sort_by_label_desc", VECTOR, -1, VECTOR, STRING);
        experimental("start_timestamp", VECTOR, 0, VECTOR);
        experimental("max_of", SCALAR, 0, SCALAR, SCALAR);
        experimental("min_of", SCALAR, 0, SCALAR, SCALAR);
        for (String name : List.of("start", "end", "range", "step")) {
            experimental(name, SCALAR, 0);
        }
    }

    private Functions() {
    }

    public static Optional<Function> named(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** Every function, by name. */
    public static Map<String, Function> all() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    private static void stable(String name, ValueType returns, ValueType... args) {
        add(name, returns, 0, false, args);
    }

    private static void experimental(String name, ValueType returns, int optional, ValueType... args) {
        add(name, returns, optional, true, args);
    }

    private static void add(String name, ValueType returns, int optional, boolean experimental, ValueType... args) {
        TABLE.put(name, new Function(name, List.of(args), optional, returns, experimental));
    }
}
