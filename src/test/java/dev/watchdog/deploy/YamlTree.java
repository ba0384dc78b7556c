package dev.watchdog.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A value parsed from YAML with the path that led to it, so that a failed check names the key that is wrong. */
record YamlTree(String path, Object value) {

    /** Every document of a file (Kubernetes files may hold several, separated by ---). */
    static List<YamlTree> loadAll(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<YamlTree> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(new YamlTree(file + "#" + documents.size(), document));
                }
            }
            return documents;
        }
    }

    static YamlTree load(Path file) throws IOException {
        List<YamlTree> documents = loadAll(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " holds " + documents.size() + " documents, expected one");
        }
        return new YamlTree(file.toString(), documents.get(0).value());
    }

    /** The value under these keys, one level each; absent when any of them is missing. */
    YamlTree get(String... keys) {
        YamlTree tree = this;
        for (String key : keys) {
            Object child = tree.value instanceof Map<?, ?> map ? map.get(key) : null;
            tree = new YamlTree(tree.path + "." + key, child);
        }
        return tree;
    }

    boolean isPresent() {
        return value != null;
    }

    /** The items of a list; none when absent. */
    List<YamlTree> items() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(path + " is not a list: " + value);
        }
        List<YamlTree> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlTree(path + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    Set<String> keys() {
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(path + " is not a mapping: " + value);
        }
        Set<String> keys = new TreeSet<>();
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    /** A scalar as text ({@code 9464} and {@code "9464"} alike). */
    String text() {
        if (value == null) {
            throw new AssertionError(path + " is missing");
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new AssertionError(path + " is not a scalar: " + value);
        }
        return String.valueOf(value);
    }

    String textOr(String fallback) {
        return isPresent() ? text() : fallback;
    }

    /** Every scalar string in this tree, keys excluded: where ${VARIABLE} references can be. */
    Stream<String> strings() {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().flatMap(child -> new YamlTree(path, child).strings());
        }
        if (value instanceof List<?> list) {
            return list.stream().flatMap(child -> new YamlTree(path, child).strings());
        }
        return value instanceof String string ? Stream.of(string) : Stream.empty();
    }

    @Override
    public String toString() {
        return path + " = " + value;
    }
}
