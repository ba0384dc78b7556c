package dev.watchdog.approval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{ name }}} placeholders (a webhook's URL or body), parsed once at load time so
 * that a malformed placeholder or an unknown name is a config error, never a surprise at 2 a.m.
 * There is no logic in a template: a placeholder is replaced by one encoded value, nothing else.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[ \\t]*([A-Za-z_][A-Za-z0-9_]*)[ \\t]*}}");

    private final String text;
    /** Literal text and placeholder names, alternating, starting with a literal (maybe empty). */
    private final List<String> parts;

    private Template(String text, List<String> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException saying where a "{{" does not start a valid placeholder */
    public static Template parse(String text) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int literalStart = 0;
        while (m.find()) {
            parts.add(literalOf(text, literalStart, m.start()));
            parts.add(m.group(1));
            literalStart = m.end();
        }
        parts.add(literalOf(text, literalStart, text.length()));
        return new Template(text, parts);
    }

    private static String literalOf(String text, int from, int to) {
        String literal = text.substring(from, to);
        int stray = literal.indexOf("{{");
        if (stray >= 0) {
            throw new IllegalArgumentException("\"" + cut(text.substring(from + stray)) + "\" is not a placeholder"
                    + " (write {{ name }} with the name of a parameter)");
        }
        return literal;
    }

    private static String cut(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }

    public String text() {
        return text;
    }

    /** The parameter names used, in order of first use. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    /** The literal text before the first placeholder (all of it when there is none). */
    String prefix() {
        return parts.get(0);
    }

    /** Fills every placeholder with {@code encode} applied to the parameter's name. */
    String render(Function<String, String> encode) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i % 2 == 0 ? parts.get(i) : encode.apply(parts.get(i)));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
