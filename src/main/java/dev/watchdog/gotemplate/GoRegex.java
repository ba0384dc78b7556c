package dev.watchdog.gotemplate;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Go's {@code regexp}, which Prometheus' {@code match} and {@code reReplaceAll} use, on RE2/J: a port of the same
 * engine, so the syntax, the leftmost-first matching and the "error parsing regexp: ..." messages are Go's.
 *
 * <p>What stays here is where RE2/J follows {@link java.util.regex} instead of Go: its {@code replaceAll} advances
 * past an empty match differently ({@code a*} on {@code baaac} gives {@code xbxxcx}, Go gives {@code xbxcx}), and
 * its replacement syntax reads {@code $1x} as group 1 then {@code x}, treats {@code \} as an escape and throws on a
 * lone {@code $}, where Go's {@code Regexp.Expand} reads {@code $1x} as the group named {@code 1x} and leaves
 * malformed references as text. And RE2/J reports an unmatched {@code )} as an internal error where Go names it.
 */
public final class GoRegex {

    private static final int CACHE_LIMIT = 512;
    private static final Map<String, GoRegex> CACHE = new ConcurrentHashMap<>();

    private final Pattern pattern;

    private GoRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles a Go regexp, or throws with Go's "error parsing regexp: ..." message. */
    static GoRegex compile(String expr) throws GoError {
        GoRegex cached = CACHE.get(expr);
        if (cached != null) {
            return cached;
        }
        GoRegex compiled;
        try {
            compiled = new GoRegex(Pattern.compile(expr));
        } catch (PatternSyntaxException e) {
            throw new GoError(goMessage(e, expr));
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(expr, compiled);
        return compiled;
    }

    /** Go's error for a regexp that does not compile ("error parsing regexp: ..."), or empty when it compiles. */
    public static Optional<String> syntaxError(String expr) {
        try {
            compile(expr);
            return Optional.empty();
        } catch (GoError e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String goMessage(PatternSyntaxException e, String expr) {
        if ("stack underflow".equals(e.getPattern())) {
            return "error parsing regexp: unexpected ): `" + expr + "`";
        }
        return e.getMessage();
    }

    /** {@code regexp.MatchString}: an unanchored search. */
    boolean matches(String text) {
        return pattern.matcher(text).find();
    }

    /** {@code Regexp.ReplaceAllString}: an empty match right after a match is not replaced. */
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

    /** {@code Regexp.Expand}: {@code $$} is a dollar, {@code $name} / {@code ${name}} a group, anything else text. */
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
                out.append('$');
                continue;
            }
            int group = groupNumber(template.substring(nameStart, j));
            i = brace ? j + 1 : j;
            if (group >= 0 && group <= m.groupCount() && m.start(group) >= 0) {
                out.append(src, m.start(group), m.end(group));
            }
        }
        out.append(template, i, template.length());
    }

    /** The group a $name refers to (a number without leading zeros, or a group name), or -1. */
    private int groupNumber(String name) {
        boolean numeric = name.chars().allMatch(c -> c >= '0' && c <= '9');
        if (numeric) {
            boolean leadingZero = name.charAt(0) == '0' && name.length() > 1;
            return leadingZero || name.length() > 8 ? -1 : Integer.parseInt(name);
        }
        return pattern.namedGroups().getOrDefault(name, -1);
    }
}
