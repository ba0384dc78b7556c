package dev.watchdog.gotemplate;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Go map with string keys as templates see it: {@code map[string]string} (label sets) or
 * {@code map[string]interface {}} (the result of {@code args}). Entries are kept in Go's key order
 * (byte order of the UTF-8 strings), the order {@code range} and {@code fmt} use.
 */
final class GoMap {

    private final SortedMap<String, Object> entries;
    private final boolean stringValues;

    private GoMap(SortedMap<String, Object> entries, boolean stringValues) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.stringValues = stringValues;
    }

    static GoMap ofStrings(Map<String, String> map) {
        SortedMap<String, Object> sorted = new TreeMap<>(GoStrings::compare);
        if (map != null) {
            map.forEach((k, v) -> sorted.put(k, v == null ? "" : v));
        }
        return new GoMap(sorted, true);
    }

    static GoMap ofValues(Map<String, Object> map) {
        SortedMap<String, Object> sorted = new TreeMap<>(GoStrings::compare);
        sorted.putAll(map);
        return new GoMap(sorted, false);
    }

    /** The value for the key, or the zero value of the element type when absent (missingkey=zero). */
    Object get(String key) {
        Object value = entries.get(key);
        if (value == null && !entries.containsKey(key)) {
            return zero();
        }
        return value;
    }

    Object zero() {
        return stringValues ? "" : null;
    }

    SortedMap<String, Object> entries() {
        return entries;
    }

    int size() {
        return entries.size();
    }

    String typeName() {
        return stringValues ? "map[string]string" : "map[string]interface {}";
    }

    String elementTypeName() {
        return stringValues ? "string" : "interface {}";
    }
}
