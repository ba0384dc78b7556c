package dev.watchdog.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parameter values as JSON text, the way the body template inserts them. */
final class JsonValues {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonValues() {
    }

    /** {@code "text"} with JSON escapes; numbers and booleans as JSON literals. */
    static String quote(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
