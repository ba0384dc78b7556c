package dev.watchdog.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code data} part of successful Prometheus API answers into records. Anything not
 * shaped as documented is an {@link UnexpectedShape} naming the offending field, so that a
 * proxy or a different server is reported instead of silently read as "no data".
 */
final class ApiData {

    /** The answer parsed as JSON but is not what the Prometheus API documents. */
    static final class UnexpectedShape extends RuntimeException {
        UnexpectedShape(String detail) {
            super(detail);
        }
    }

    private ApiData() {
    }

    static String resultType(JsonNode data) {
        return text(data, "resultType", "data.resultType");
    }

    /** A {@code vector}: one sample per series. */
    static List<Sample> vector(JsonNode data) {
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : array(data.get("result"), "data.result")) {
            JsonNode pair = series.get("value");
            samples.add(new Sample(labels(series.get("metric"), "data.result[].metric"),
                    value(pair, "data.result[].value"), time(pair, "data.result[].value")));
        }
        return samples;
    }

    /** A {@code scalar}: {@code [time, "value"]}, returned as one sample without labels. */
    static Sample scalar(JsonNode data) {
        JsonNode pair = data.get("result");
        return new Sample(Map.of(), value(pair, "data.result"), time(pair, "data.result"));
    }

    /** A {@code matrix}: series with {@code values: [[time, "value"], ...]}. */
    static List<RangeSeries> matrix(JsonNode data) {
        List<RangeSeries> result = new ArrayList<>();
        for (JsonNode series : array(data.get("result"), "data.result")) {
            List<Point> points = new ArrayList<>();
            for (JsonNode pair : array(series.get("values"), "data.result[].values")) {
                points.add(new Point(time(pair, "data.result[].values[]"),
                        value(pair, "data.result[].values[]")));
            }
            result.add(new RangeSeries(labels(series.get("metric"), "data.result[].metric"), points));
        }
        return result;
    }

    /** The label sets of {@code /api/v1/series}. */
    static List<Map<String, String>> labelSets(JsonNode data) {
        List<Map<String, String>> sets = new ArrayList<>();
        for (JsonNode series : array(data, "data")) {
            sets.add(labels(series, "data[]"));
        }
        return sets;
    }

    /** A plain list of strings, e.g. label values. */
    static List<String> strings(JsonNode data) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(data, "data")) {
            if (!value.isTextual()) {
                throw new UnexpectedShape("data[] is not a string");
            }
            values.add(value.asText());
        }
        return values;
    }

    static List<PrometheusAlert> alerts(JsonNode data) {
        List<PrometheusAlert> alerts = new ArrayList<>();
        for (JsonNode alert : array(data.get("alerts"), "data.alerts")) {
            alerts.add(new PrometheusAlert(
                    labels(alert.get("labels"), "data.alerts[].labels"),
                    labels(alert.get("annotations"), "data.alerts[].annotations"),
                    text(alert, "state", "data.alerts[].state"),
                    instant(text(alert, "activeAt", "data.alerts[].activeAt"), "data.alerts[].activeAt"),
                    text(alert, "value", "data.alerts[].value")));
        }
        return alerts;
    }

    static BuildInfo buildInfo(JsonNode data) {
        return new BuildInfo(text(data, "version", "data.version"), data.path("revision").asText(""),
                data.path("branch").asText(""), data.path("goVersion").asText(""));
    }

    /**
     * Prometheus writes sample values as strings so that it can say {@code NaN}, {@code +Inf}
     * and {@code -Inf}, which JSON numbers cannot; Java spells the infinities differently.
     */
    static double parseValue(String value) {
        return switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    private static double value(JsonNode pair, String field) {
        requirePair(pair, field);
        JsonNode value = pair.get(1);
        try {
            if (!value.isTextual()) {
                throw new NumberFormatException();
            }
            return parseValue(value.asText());
        } catch (NumberFormatException e) {
            throw new UnexpectedShape(field + " has a value that is not a number: " + value);
        }
    }

    /**
     * Timestamps are Unix seconds with millisecond decimals. The JSON must be read with
     * {@code USE_BIG_DECIMAL_FOR_FLOATS}: as a double, 1795308324.579 becomes ...578.999.
     */
    private static Instant time(JsonNode pair, String field) {
        requirePair(pair, field);
        JsonNode time = pair.get(0);
        if (!time.isNumber()) {
            throw new UnexpectedShape(field + " has a time that is not a number: " + time);
        }
        BigDecimal millis = time.decimalValue().movePointRight(3);
        return Instant.ofEpochMilli(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private static void requirePair(JsonNode pair, String field) {
        if (pair == null || !pair.isArray() || pair.size() != 2) {
            throw new UnexpectedShape(field + " is not a [time, \"value\"] pair");
        }
    }

    static Map<String, String> labels(JsonNode object, String field) {
        if (object == null || !object.isObject()) {
            throw new UnexpectedShape(field + " is not an object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new UnexpectedShape(field + " is not an array");
        }
        return node;
    }

    private static String text(JsonNode object, String name, String field) {
        JsonNode value = object == null ? null : object.get(name);
        if (value == null || !value.isTextual()) {
            throw new UnexpectedShape(field + " is missing");
        }
        return value.asText();
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnexpectedShape(field + " is not an RFC 3339 time: " + value);
        }
    }
}
