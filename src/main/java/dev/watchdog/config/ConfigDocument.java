package dev.watchdog.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** One YAML file being bound: its name for messages, the shared problem list, and ${ENV} state. */
public final class ConfigDocument {

    private final String file;
    private final List<ConfigProblem> problems;
    private final EnvInterpolator interpolator;
    private final Map<String, String> unsetVariables;

    /**
     * @param file           the name problems are reported with
     * @param problems       where problems are collected, shared by the documents of one load
     * @param unsetVariables filled with key path to the ${VARIABLE} it referenced that was not set
     */
    public ConfigDocument(String file, List<ConfigProblem> problems, Map<String, String> env,
            Map<String, String> unsetVariables) {
        this.file = file;
        this.problems = problems;
        this.interpolator = new EnvInterpolator(env);
        this.unsetVariables = unsetVariables;
    }

    String file() {
        return file;
    }

    EnvInterpolator interpolator() {
        return interpolator;
    }

    void report(ConfigProblem problem) {
        problems.add(problem);
    }

    void unset(String keyPath, String variable) {
        unsetVariables.putIfAbsent(keyPath, variable);
    }

    /** Parses the file; a syntax error or an empty file is reported and yields no root. */
    public Optional<ConfigNode> parse(Path path, boolean interpolate) {
        return parse(path, interpolate, true);
    }

    /**
     * Reads a file as Prometheus reads a rule file: only its first YAML document, and an empty file (or one
     * holding only comments) yields no root without a problem.
     */
    public Optional<ConfigNode> parseFirstDocument(Path path, boolean interpolate) {
        return parse(path, interpolate, false);
    }

    private Optional<ConfigNode> parse(Path path, boolean interpolate, boolean wholeFile) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by ConfigNode with the key path instead
            Yaml yaml = new Yaml(new SafeConstructor(options));
            Node root = wholeFile ? yaml.compose(reader) : first(yaml.composeAll(reader));
            if (root == null) {
                if (wholeFile) {
                    report(new ConfigProblem(file, 0, "", "the file is empty"));
                }
                return Optional.empty();
            }
            return Optional.of(new ConfigNode(this, root, "", interpolate));
        } catch (MarkedYAMLException syntax) {
            Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = syntax.getProblem() != null ? syntax.getProblem() : syntax.getMessage();
            report(new ConfigProblem(file, line, "", "invalid YAML: " + what));
            return Optional.empty();
        } catch (IOException unreadable) {
            report(new ConfigProblem(file, 0, "", "cannot read the file: " + unreadable.getMessage()));
            return Optional.empty();
        }
    }

    private static Node first(Iterable<Node> documents) {
        Iterator<Node> iterator = documents.iterator();
        return iterator.hasNext() ? iterator.next() : null;
    }
}
