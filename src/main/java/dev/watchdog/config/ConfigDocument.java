package dev.watchdog.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/** One YAML file being bound: its name for messages, the shared problem list, and ${ENV} state. */
public final class ConfigDocument {

    /**
     * Limits on what the parser accepts, far above any real config: a document past them (an
     * alias bomb, a "billion laughs", thousands of nested brackets) is refused before it is built.
     */
    static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    static final int MAX_NESTING_DEPTH = 50;
    // A rule file of 10,000 rules is about 4 MB, and Prometheus reads files of any size: leave room for the biggest.
    static final int MAX_CODE_POINTS = 32 * 1024 * 1024;

    private final String file;
    private final List<ConfigProblem> problems;
    private final EnvInterpolator interpolator;
    private final Map<String, String> unsetVariables;
    /** Key path to the unset variable it named, in this document only: rule files can share key paths. */
    private final Map<String, String> unsetHere = new HashMap<>();
    private final ConfigDefaults defaults;

    /**
     * @param file           the name problems are reported with
     * @param problems       where problems are collected, shared by the documents of one load
     * @param unsetVariables filled with key path to the ${VARIABLE} it referenced that was not set
     */
    public ConfigDocument(String file, List<ConfigProblem> problems, Map<String, String> env,
            Map<String, String> unsetVariables) {
        this(file, problems, env, unsetVariables, List.of());
    }

    /** @param defaults what the file gets for keys it leaves out (a whole-file parse only) */
    public ConfigDocument(String file, List<ConfigProblem> problems, Map<String, String> env,
            Map<String, String> unsetVariables, List<ConfigDefault> defaults) {
        this.file = file;
        this.problems = problems;
        this.interpolator = new EnvInterpolator(env);
        this.unsetVariables = unsetVariables;
        this.defaults = new ConfigDefaults(defaults, env);
    }

    String file() {
        return file;
    }

    EnvInterpolator interpolator() {
        return interpolator;
    }

    /** A problem with a value that came from an unset variable is that variable's: it is named instead. */
    void report(ConfigProblem problem) {
        String variable = unsetHere.get(problem.path());
        problems.add(variable == null ? problem
                : new ConfigProblem(problem.file(), problem.line(), problem.path(), "${" + variable + "} is not set"));
    }

    void unset(String keyPath, String variable) {
        unsetVariables.putIfAbsent(keyPath, variable);
        unsetHere.putIfAbsent(keyPath, variable);
    }

    /** Parses the file; a syntax error, an unreadable, binary, oversized or empty file is reported and yields no root. */
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
            Yaml yaml = new Yaml(new SafeConstructor(limits()));
            Node root = wholeFile ? yaml.compose(reader) : first(yaml.composeAll(reader));
            if (root == null) {
                if (wholeFile) {
                    report(new ConfigProblem(file, 0, "", "the file is empty"));
                }
                return Optional.empty();
            }
            if (wholeFile) {
                defaults.applyTo(root);
            }
            return Optional.of(new ConfigNode(this, root, "", interpolate));
        } catch (MarkedYAMLException syntax) {
            Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = syntax.getProblem() != null ? syntax.getProblem() : syntax.getMessage();
            report(new ConfigProblem(file, line, "", "invalid YAML: " + what));
        } catch (ReaderException notText) {
            report(new ConfigProblem(file, 0, "", "not a text file: it contains the character "
                    + String.format("U+%04X", notText.getCodePoint()) + ", which YAML does not allow"));
        } catch (YAMLException refused) {
            // The parser wraps what goes wrong while it reads the file.
            report(new ConfigProblem(file, 0, "", refused.getCause() instanceof IOException unreadable
                    ? unreadable(path, unreadable)
                    : "too large or too deeply nested to load (" + refused.getMessage() + "; limits: "
                            + MAX_ALIASES_FOR_COLLECTIONS + " aliases of lists or mappings, " + MAX_NESTING_DEPTH
                            + " levels, " + MAX_CODE_POINTS / 1024 / 1024 + " MB)"));
        } catch (IOException unreadable) {
            report(new ConfigProblem(file, 0, "", unreadable(path, unreadable)));
        }
        return Optional.empty();
    }

    private static String unreadable(Path path, IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file: " + path.toAbsolutePath();
        }
        if (failure instanceof AccessDeniedException) {
            return "cannot read " + path.toAbsolutePath() + ": permission denied";
        }
        if (failure instanceof CharacterCodingException) {
            return "not a text file: it is not UTF-8";
        }
        return "cannot read " + path.toAbsolutePath() + ": " + failure.getMessage();
    }

    private static LoaderOptions limits() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // ConfigNode reports them with their key path; composing never checks
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    private static Node first(Iterable<Node> documents) {
        Iterator<Node> iterator = documents.iterator();
        return iterator.hasNext() ? iterator.next() : null;
    }
}
