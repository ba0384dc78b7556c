package dev.watchdog.gotemplate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go regular expressions (RE2 syntax) on top of {@link java.util.regex}: the pattern is translated so that it
 * means what it means in Go, and replacement templates use Go's {@code $1} / {@code ${name}} expansion.
 *
 * <p>Differences handled: {@code $} is end of text unless {@code (?m)}; {@code .} stops only at {@code \n};
 * {@code \s} and {@code \v} are Go's; {@code (?P<name>)} groups; POSIX classes {@code [[:alpha:]]}; literal
 * {@code [}, {@code &&} and stray {@code {}; case folding is Unicode. Constructs RE2 rejects (backreferences,
 * lookaround, possessive quantifiers) are rejected here too.
 */
final class GoRegex {

    private static final int CACHE_LIMIT = 512;
    private static final Map<String, GoRegex> CACHE = new ConcurrentHashMap<>();

    private final Pattern pattern;
    private final Map<String, List<Integer>> groupNames;

    private GoRegex(Pattern pattern, Map<String, List<Integer>> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** Compiles a Go regexp, or throws with Go's "error parsing regexp: ..." message. */
    static GoRegex compile(String expr) throws GoError {
        GoRegex cached = CACHE.get(expr);
        if (cached != null) {
            return cached;
        }
        Translator translator = new Translator(expr);
        String translated = translator.translate();
        GoRegex compiled;
        try {
            compiled = new GoRegex(Pattern.compile(translated, Pattern.UNIX_LINES | Pattern.UNICODE_CASE),
                    immutable(translator.groupNames));
        } catch (PatternSyntaxException e) {
            throw new GoError("error parsing regexp: " + goCode(e.getDescription()) + ": `" + expr + "`");
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(expr, compiled);
        return compiled;
    }

    private static Map<String, List<Integer>> immutable(Map<String, List<Integer>> names) {
        Map<String, List<Integer>> copy = new HashMap<>();
        names.forEach((name, groups) -> copy.put(name, List.copyOf(groups)));
        return Map.copyOf(copy);
    }

    /** Go's wording for the errors java.util.regex finds on its own. */
    private static String goCode(String javaDescription) {
        String d = javaDescription.toLowerCase(Locale.ROOT);
        if (d.startsWith("unclosed group")) {
            return "missing closing )";
        }
        if (d.startsWith("unmatched closing")) {
            return "unexpected )";
        }
        if (d.startsWith("unclosed character class")) {
            return "missing closing ]";
        }
        if (d.startsWith("illegal character range")) {
            return "invalid character class range";
        }
        if (d.startsWith("dangling meta character")) {
            return "missing argument to repetition operator";
        }
        return d;
    }

    /** {@code regexp.MatchString}: an unanchored search. */
    boolean matches(String text) {
        return pattern.matcher(text).find();
    }

    /** {@code Regexp.ReplaceAllString}, with Go's handling of empty matches and {@code $} expansion. */
    String replaceAll(String src, String template) {
        Matcher m = pattern.matcher(src);
        StringBuilder out = new StringBuilder(src.length());
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= src.length() && m.find(searchPos)) {
            out.append(src, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                expand(out, template, src, m);
            }
            lastMatchEnd = m.end();
            int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
            if (searchPos + width > m.end()) {
                searchPos += width;
            } else if (searchPos + 1 > m.end()) {
                searchPos++;
            } else {
                searchPos = m.end();
            }
        }
        out.append(src, lastMatchEnd, src.length());
        return out.toString();
    }

    private void expand(StringBuilder out, String template, String src, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int j = nameStart;
            while (j < template.length()) {
                int cp = template.codePointAt(j);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                j += Character.charCount(cp);
            }
            if (j == nameStart || (brace && (j >= template.length() || template.charAt(j) != '}'))) {
                out.append('$'); // malformed: the $ is plain text
                continue;
            }
            String name = template.substring(nameStart, j);
            i = brace ? j + 1 : j;
            for (int group : groupNumbers(name)) {
                if (group <= m.groupCount() && m.start(group) >= 0) {
                    out.append(src, m.start(group), m.end(group));
                    break;
                }
            }
        }
        out.append(template, i, template.length());
    }

    /** The groups a $name refers to: a number, or every group with that name in order. */
    private List<Integer> groupNumbers(String name) {
        boolean numeric = !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
        if (numeric) {
            if ((name.charAt(0) == '0' && name.length() > 1) || name.length() > 8) {
                return List.of();
            }
            return List.of(Integer.parseInt(name));
        }
        return groupNames.getOrDefault(name, List.of());
    }

    /** Rewrites RE2 syntax into an equivalent java.util.regex pattern. */
    private static final class Translator {
        private final String expr;
        private final StringBuilder out = new StringBuilder();
        private final Map<String, List<Integer>> groupNames = new HashMap<>();
        private final Deque<boolean[]> flagStack = new ArrayDeque<>();
        private boolean multiline;
        private boolean ungreedy;
        private String lastRepeat = "";
        private int groups;
        private int pos;
        private boolean afterRepeat;

        Translator(String expr) {
            this.expr = expr;
        }

        String translate() throws GoError {
            while (pos < expr.length()) {
                char c = expr.charAt(pos);
                boolean repeat = false;
                switch (c) {
                    case '\\' -> escape(false);
                    case '[' -> characterClass();
                    case '(' -> openGroup();
                    case ')' -> {
                        if (!flagStack.isEmpty()) {
                            boolean[] outer = flagStack.pop();
                            multiline = outer[0];
                            ungreedy = outer[1];
                        }
                        out.append(')');
                        pos++;
                    }
                    case '$' -> {
                        out.append(multiline ? "$" : "\\z");
                        pos++;
                    }
                    case '*', '+', '?' -> {
                        checkRepeat(String.valueOf(c));
                        out.append(c);
                        pos++;
                        lazy();
                        repeat = true;
                    }
                    case '{' -> repeat = braces();
                    default -> {
                        out.append(c);
                        pos++;
                    }
                }
                afterRepeat = repeat;
            }
            return out.toString();
        }

        private void checkRepeat(String op) throws GoError {
            if (afterRepeat) {
                throw syntax("invalid nested repetition operator", lastRepeat + op);
            }
            lastRepeat = op;
        }

        /** A following '?' makes a repetition lazy; under (?U) the meanings swap. */
        private void lazy() {
            boolean question = pos < expr.length() && expr.charAt(pos) == '?';
            if (question) {
                pos++;
            }
            if (question != ungreedy) {
                out.append('?');
            }
        }

        /** {n}, {n,} or {n,m} is a repetition; any other brace is a literal in Go. */
        private boolean braces() throws GoError {
            int close = expr.indexOf('}', pos);
            String body = close < 0 ? "" : expr.substring(pos + 1, close);
            if (close < 0 || !body.matches("\\d+(,\\d*)?")) {
                out.append("\\{");
                pos++;
                return false;
            }
            checkRepeat(expr.substring(pos, close + 1));
            for (String part : body.split(",", -1)) {
                if (!part.isEmpty() && (part.length() > 4 || Integer.parseInt(part) > 1000)) {
                    throw syntax("invalid repeat count", expr.substring(pos, close + 1));
                }
            }
            out.append(expr, pos, close + 1);
            pos = close + 1;
            lazy();
            return true;
        }

        private void openGroup() throws GoError {
            flagStack.push(new boolean[] {multiline, ungreedy});
            if (!expr.startsWith("(?", pos)) {
                groups++;
                out.append('(');
                pos++;
                return;
            }
            int nameStart = expr.startsWith("(?P<", pos) ? pos + 4 : expr.startsWith("(?<", pos)
                    && !expr.startsWith("(?<=", pos) && !expr.startsWith("(?<!", pos) ? pos + 3 : -1;
            if (nameStart > 0) {
                int close = expr.indexOf('>', nameStart);
                String name = close < 0 ? "" : expr.substring(nameStart, close);
                if (!name.matches("[A-Za-z0-9_]+")) {
                    throw syntax("invalid named capture", expr.substring(pos, close < 0 ? expr.length() : close + 1));
                }
                groups++;
                groupNames.computeIfAbsent(name, k -> new ArrayList<>()).add(groups);
                out.append('(');
                pos = close + 1;
                return;
            }
            int i = pos + 2;
            boolean negate = false;
            boolean newMultiline = multiline;
            boolean newUngreedy = ungreedy;
            StringBuilder flags = new StringBuilder();
            while (i < expr.length()) {
                char f = expr.charAt(i);
                if (f == ')' || f == ':') {
                    break;
                }
                switch (f) {
                    case 'i', 's' -> flags.append(f);
                    case 'm' -> {
                        flags.append(f);
                        newMultiline = !negate;
                    }
                    case 'U' -> newUngreedy = !negate;
                    case '-' -> {
                        if (negate) {
                            throw syntax("invalid or unsupported Perl syntax", expr.substring(pos, i + 1));
                        }
                        negate = true;
                        flags.append(f);
                    }
                    default -> throw syntax("invalid or unsupported Perl syntax", expr.substring(pos, i + 1));
                }
                i++;
            }
            if (i >= expr.length()) {
                throw syntax("missing closing )", expr.substring(pos));
            }
            if (expr.charAt(i) == ')') {
                // (?flags) applies to the rest of the enclosing group.
                flagStack.pop();
                multiline = newMultiline;
                ungreedy = newUngreedy;
                if (i == pos + 2) {
                    throw syntax("missing argument to repetition operator", "?");
                }
                if (flags.length() > 0 && !flags.toString().equals("-")) {
                    out.append("(?").append(flags).append(')');
                }
            } else {
                multiline = newMultiline;
                ungreedy = newUngreedy;
                boolean javaFlags = flags.length() > 0 && !flags.toString().equals("-");
                out.append(javaFlags ? "(?" + flags + ":" : "(?:");
            }
            pos = i + 1;
        }

        private void characterClass() throws GoError {
            int start = pos;
            out.append('[');
            pos++;
            if (pos < expr.length() && expr.charAt(pos) == '^') {
                out.append('^');
                pos++;
            }
            boolean first = true;
            while (true) {
                if (pos >= expr.length()) {
                    throw syntax("missing closing ]", expr.substring(start));
                }
                char c = expr.charAt(pos);
                if (c == ']' && !first) {
                    out.append(']');
                    pos++;
                    return;
                }
                first = false;
                if (c == '[' && expr.startsWith("[:", pos)) {
                    int close = expr.indexOf(":]", pos + 2);
                    if (close > 0) {
                        posixClass(expr.substring(pos + 2, close));
                        pos = close + 2;
                        continue;
                    }
                }
                switch (c) {
                    case '\\' -> escape(true);
                    case '[', ']', '&' -> {
                        out.append('\\').append(c);
                        pos++;
                    }
                    default -> {
                        out.append(c);
                        pos++;
                    }
                }
            }
        }

        private void posixClass(String name) throws GoError {
            boolean negated = name.startsWith("^");
            String java = switch (negated ? name.substring(1) : name) {
                case "alnum" -> "0-9A-Za-z";
                case "alpha" -> "A-Za-z";
                case "ascii" -> "\\x00-\\x7F";
                case "blank" -> "\\t ";
                case "cntrl" -> "\\x00-\\x1F\\x7F";
                case "digit" -> "0-9";
                case "graph" -> "!-~";
                case "lower" -> "a-z";
                case "print" -> " -~";
                case "punct" -> "!-/:-@\\[-`{-~";
                case "space" -> "\\t\\n\\x0B\\f\\r ";
                case "upper" -> "A-Z";
                case "word" -> "0-9A-Za-z_";
                case "xdigit" -> "0-9A-Fa-f";
                default -> throw syntax("invalid character class range", "[:" + name + ":]");
            };
            out.append(negated ? "[^" + java + "]" : java);
        }

        private void escape(boolean inClass) throws GoError {
            if (pos + 1 >= expr.length()) {
                throw syntax("trailing backslash at end of expression", "");
            }
            char c = expr.charAt(pos + 1);
            pos += 2;
            switch (c) {
                case 'd', 'D', 'w', 'W', 'x', 'a', 'f', 't', 'n', 'r' -> out.append('\\').append(c);
                case 'A', 'z', 'b', 'B' -> {
                    if (inClass) {
                        throw syntax("invalid escape sequence", "\\" + c);
                    }
                    out.append('\\').append(c);
                }
                case 'v' -> out.append("\\x0B");
                case 's' -> out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
                case 'S' -> out.append("[^\\t\\n\\f\\r ]");
                case 'p', 'P' -> unicodeClass(c == 'P');
                case 'Q' -> {
                    int end = expr.indexOf("\\E", pos);
                    String literal = end < 0 ? expr.substring(pos) : expr.substring(pos, end);
                    out.append(inClass ? Pattern.quote(literal).replaceAll("^\\\\Q|\\\\E$", "") : Pattern.quote(literal));
                    pos = end < 0 ? expr.length() : end + 2;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = pos;
                    while (end < expr.length() && end < pos + 2 && expr.charAt(end) >= '0' && expr.charAt(end) <= '7') {
                        end++;
                    }
                    if (c != '0' && end == pos) {
                        throw syntax("invalid escape sequence", "\\" + c);
                    }
                    out.append("\\0").append(c).append(expr, pos, end);
                    pos = end;
                }
                default -> {
                    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                        out.append('\\').append(c);
                    } else {
                        throw syntax("invalid escape sequence", "\\" + c);
                    }
                }
            }
        }

        private void unicodeClass(boolean negated) throws GoError {
            String name;
            if (pos < expr.length() && expr.charAt(pos) == '{') {
                int close = expr.indexOf('}', pos);
                if (close < 0) {
                    throw syntax("invalid character class range", expr.substring(pos - 2));
                }
                name = expr.substring(pos + 1, close);
                pos = close + 1;
            } else if (pos < expr.length()) {
                name = String.valueOf(expr.charAt(pos));
                pos++;
            } else {
                throw syntax("invalid character class range", "\\p");
            }
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String java;
            if (name.equals("Any")) {
                java = negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]";
                out.append(java);
                return;
            }
            if (name.length() <= 2 && Character.isUpperCase(name.charAt(0))) {
                java = name;
            } else {
                java = "Is" + name;
            }
            out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
        }

        private GoError syntax(String code, String fragment) {
            return new GoError("error parsing regexp: " + code + ": `" + fragment + "`");
        }
    }
}
