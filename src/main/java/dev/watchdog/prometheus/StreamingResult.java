package dev.watchdog.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a successful instant-query answer ({@code vector} or {@code scalar}) straight into {@link Sample}s with
 * Jackson's streaming parser, without building a tree: the answer of every rule at every poll goes through here.
 * Anything else (an error, another result type, a shape off the documented one) gives null, and the caller reads
 * the answer the thorough way, which names what is wrong: this only takes the common case faster.
 */
final class StreamingResult {

    private static final JsonFactory JSON = new JsonFactory();

    private StreamingResult() {
    }

    /** The samples of a well-formed successful vector or scalar answer; null for anything else. */
    static List<Sample> samples(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean success = false;
            List<Sample> samples = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("status")) {
                    success = value == JsonToken.VALUE_STRING && parser.getText().equals("success");
                } else if (field.equals("data")) {
                    samples = data(parser);
                    if (samples == null) {
                        return null;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return success && parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null
                    ? samples : null;
        } catch (IOException | NumberFormatException | ArithmeticException malformed) {
            return null;
        }
    }

    private static List<Sample> data(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String resultType = null;
        List<Sample> samples = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("resultType") && value == JsonToken.VALUE_STRING) {
                resultType = parser.getText();
            } else if (field.equals("result")) {
                // Prometheus writes resultType first; a server that does not is read the thorough way
                if ("vector".equals(resultType)) {
                    samples = vector(parser);
                } else if ("scalar".equals(resultType)) {
                    Sample scalar = pair(parser, Map.of());
                    samples = scalar == null ? null : List.of(scalar);
                } else {
                    return null;
                }
                if (samples == null) {
                    return null;
                }
            } else {
                parser.skipChildren();
            }
        }
        return samples;
    }

    private static List<Sample> vector(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<Sample> samples = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> labels = null;
            Sample sample = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("metric")) {
                    labels = labels(parser);
                    if (labels == null) {
                        return null;
                    }
                } else if (field.equals("value") && labels != null) {
                    sample = pair(parser, labels);
                    if (sample == null) {
                        return null;
                    }
                } else {
                    return null; // histograms, or value before metric: the thorough way
                }
            }
            if (sample == null) {
                return null;
            }
            samples.add(sample);
        }
        return parser.currentToken() == JsonToken.END_ARRAY ? samples : null;
    }

    private static Map<String, String> labels(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            labels.put(name, parser.getText());
        }
        return labels;
    }

    /** {@code [time, "value"]}; time in Unix seconds read as a decimal, as a double would lose the milliseconds. */
    private static Sample pair(JsonParser parser, Map<String, String> labels) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        JsonToken time = parser.nextToken();
        if (time != JsonToken.VALUE_NUMBER_INT && time != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
        }
        BigDecimal seconds = parser.getDecimalValue();
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        double value = ApiData.parseValue(parser.getText());
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            return null;
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return new Sample(labels, value, Instant.ofEpochMilli(millis));
    }
}
