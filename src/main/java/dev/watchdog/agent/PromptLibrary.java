package dev.watchdog.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompts, as files: the shipped ones inside the jar under {@code /prompts/}, each replaceable
 * by a file of the same name in an override directory ({@code llm.prompts-dir}).
 *
 * <p>Two bits of syntax: {@code {{> fragments/safety.md}}} includes another file (resolved the
 * same way, nested at most {@value #MAX_DEPTH} deep), and {@code {{name}}} is a variable the caller
 * fills in. Values are inserted once and never scanned again, so text inside a value (a log line
 * containing <code>{{x}}</code>) stays as it is.
 */
public final class PromptLibrary {

    public static final String SYSTEM = "system.md";
    public static final String ALERT_ANALYSIS = "alert-analysis.md";
    public static final String QUESTION = "question.md";
    /** How to use propose_action; inserted into the system prompt as {@code {{actions}}} when actions are configured. */
    public static final String ACTIONS = "actions.md";
    /** Each prompt and the variables its text (with its includes) may use. */
    static final Map<String, Set<String>> PROMPTS = Map.of(
            SYSTEM, Set.of("actions"),
            ACTIONS, Set.of(),
            ALERT_ANALYSIS, Set.of("alert", "now", "max_tool_calls", "prework"),
            QUESTION, Set.of("question", "asked_by", "alert", "now", "max_tool_calls"));
    static final int MAX_DEPTH = 5;

    private static final Pattern INCLUDE = Pattern.compile("\\{\\{>\\s*([^}\\s]+)\\s*}}");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern ANY_TAG = Pattern.compile("\\{\\{(.*?)}}");
    private static final String JAR_FOLDER = "/prompts/";

    private final Path overrides;

    private PromptLibrary(Path overrides) {
        this.overrides = overrides;
    }

    /** Only the prompts shipped in the jar. */
    public static PromptLibrary bundled() {
        return new PromptLibrary(null);
    }

    /** Files in {@code dir} replace the shipped ones of the same name; a blank dir means none. */
    public static PromptLibrary withOverrides(String dir) {
        return dir == null || dir.isBlank() ? bundled() : new PromptLibrary(Path.of(dir.strip()));
    }

    /**
     * The prompt with includes expanded and variables filled in.
     *
     * @throws BrokenPromptException when a file is missing or an include is broken; {@link #check} reports
     *     these at startup
     */
    public String render(String name, Map<String, String> variables) {
        List<String> problems = new ArrayList<>();
        String text = expand(name, new ArrayDeque<>(), problems);
        if (!problems.isEmpty()) {
            throw new BrokenPromptException("prompt " + name + ": " + String.join("; ", problems));
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    /**
     * Every problem with the prompts, for {@code check-config}: an override directory that does
     * not exist, a missing file, an include of a file that does not exist or includes itself, a
     * variable the prompt is not given. Empty when the prompts are usable.
     */
    public List<String> check() {
        Set<String> problems = new LinkedHashSet<>();
        if (overrides != null && !Files.isDirectory(overrides)) {
            problems.add("llm.prompts-dir: " + overrides + " is not a directory");
        }
        for (String name : PROMPTS.keySet().stream().sorted().toList()) {
            List<String> found = new ArrayList<>();
            String text = expand(name, new ArrayDeque<>(), found);
            problems.addAll(found);
            Set<String> allowed = PROMPTS.get(name);
            Matcher tag = ANY_TAG.matcher(text);
            while (tag.find()) {
                Matcher variable = VARIABLE.matcher(tag.group());
                if (!variable.matches()) {
                    problems.add(where(name) + ": \"" + tag.group() + "\" is neither a variable nor an include");
                } else if (!allowed.contains(variable.group(1))) {
                    problems.add(where(name) + ": unknown variable " + tag.group() + " (allowed: "
                            + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList()))
                            + ")");
                }
            }
        }
        return List.copyOf(problems);
    }

    private String expand(String name, Deque<String> including, List<String> problems) {
        if (including.contains(name)) {
            problems.add(where(including.peek()) + ": includes " + name + ", which includes itself");
            return "";
        }
        if (including.size() >= MAX_DEPTH) {
            problems.add(where(including.peek()) + ": includes are nested more than " + MAX_DEPTH + " deep");
            return "";
        }
        Optional<String> text = read(name);
        if (text.isEmpty()) {
            problems.add(including.isEmpty()
                    ? where(name) + ": not found" + searched()
                    : where(including.peek()) + ": includes " + name + ", which does not exist" + searched());
            return "";
        }
        including.push(name);
        Matcher m = INCLUDE.matcher(text.get());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(expand(m.group(1), including, problems).strip()));
        }
        m.appendTail(out);
        including.pop();
        return out.toString();
    }

    /** The override file if there is one, else the shipped one. Names may not leave the prompts folder. */
    private Optional<String> read(String name) {
        if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            return Optional.empty();
        }
        if (overrides != null) {
            Path file = overrides.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read prompt " + file, e);
                }
            }
        }
        try (InputStream in = PromptLibrary.class.getResourceAsStream(JAR_FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped prompt " + name, e);
        }
    }

    /** A prompt file that is missing or includes what does not exist. */
    public static final class BrokenPromptException extends IllegalStateException {
        BrokenPromptException(String message) {
            super(message);
        }
    }

    private String searched() {
        return overrides == null ? " in the shipped prompts" : " in " + overrides + " or the shipped prompts";
    }

    private static String where(String name) {
        return "prompts/" + name;
    }
}
