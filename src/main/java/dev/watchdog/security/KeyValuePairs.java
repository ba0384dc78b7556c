package dev.watchdog.security;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Secrets named by their key: {@code password=…}, {@code "api_key": "…"}, {@code token: …},
 * {@code X-Api-Key: …}, {@code ?sig=…} and friends, in env, YAML, JSON (also JSON inside a JSON
 * string), query-string and header form. The key may carry a prefix ({@code db_password},
 * {@code SLACK_BOT_TOKEN}) but must be followed directly by the separator, so {@code max_tokens=100}
 * or {@code secret_name: x} stay readable.
 *
 * <p>Two tiers. Keys that only ever hold secrets ({@code password}, {@code secret}, {@code token},
 * {@code api_key}, …) mask any value except placeholders ({@code null}, {@code ${VAR}}, {@code ***}).
 * Keys that often hold ordinary values ({@code key}, {@code session}, {@code signature},
 * {@code auth}, {@code credentials}) mask only a value that looks random: see {@link #looksRandom}.
 * A value with a recognisable token shape (a Slack or GitHub token, a JWT) is reported as that kind.
 */
final class KeyValuePairs {

    /** Values of the cautious tier longer than this are left alone: it keeps a failed attempt cheap. */
    static final int MAX_RANDOM_VALUE = 1024;

    private static final String SEPARATOR = "\\\\?[\"']?[ \\t]{0,5}[:=][ \\t]{0,5}";
    /**
     * The value inside \"…\" (JSON in a JSON string), "…" or '…'; after an opening quote that is
     * never closed (a truncated line), the rest of the line; else unquoted, but not a structure
     * ({@code {…}}, {@code […]}), up to the next {@code &} in a query string and up to white space,
     * a quote, comma or semicolon elsewhere (env files and connection strings keep a password's
     * {@code &}). Quoted values never span lines.
     */
    private static final String ANY_VALUE = "(?:"
            + "\\\\\"([^\"\\\\\\r\\n]*+)\\\\\""
            + "|\"((?:[^\"\\\\\\r\\n]|\\\\.)*+)\""
            + "|'([^'\\r\\n]*+)'"
            + "|\\\\?[\"']([^\\r\\n]++)"
            + "|(?![{\\[])(?<=[?&][A-Za-z0-9_.-]{0,60}[:=])([^\\s\"',;&]++)"
            + "|(?![{\\[&])([^\\s\"',;]++)"
            + ")";
    /**
     * The same places, holding only a token's alphabet (base64 padding at the end), bounded, and
     * ending where a value ends. Such a value never runs into another key's separator, so however
     * often a cautious key repeats, each attempt reads other characters and the scan stays linear.
     */
    private static final String TOKEN = "([A-Za-z0-9+/_.~%-]{1," + MAX_RANDOM_VALUE + "}+={0,2})";
    private static final String TOKEN_VALUE = "(?:\\\\\"" + TOKEN + "\\\\\"|\"" + TOKEN + "\"|'" + TOKEN + "'|"
            + TOKEN + "(?=[\\s\"',;&)}\\]<>]|\\z))";
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)null|none|true|false|\\*+|\\$\\{[A-Za-z_][A-Za-z0-9_.]*}|\\{\\{[^{}]*}}|<[a-z _-]{1,40}>");

    private KeyValuePairs() {
    }

    /** A key that only holds secrets: any value but a placeholder is masked. */
    static SecretRule secret(String kind, List<String> triggers, String keyRegex) {
        return rule(kind, triggers, keyRegex, ANY_VALUE, value -> !PLACEHOLDER.matcher(value).matches());
    }

    /** A key that often holds ordinary values: only a value that looks random is masked. */
    static SecretRule ifRandom(String kind, List<String> triggers, String keyRegex) {
        return rule(kind, triggers, keyRegex, TOKEN_VALUE, KeyValuePairs::looksRandom);
    }

    private static SecretRule rule(String kind, List<String> triggers, String keyRegex, String valueRegex,
            Predicate<String> isSecret) {
        String marker = Redactor.marker(kind);
        return SecretRule.of(triggers, "(?i)(?:" + keyRegex + ")" + SEPARATOR + valueRegex, (match, inside) -> {
            int group = valueGroup(match);
            String value = match.group(group);
            if (value.isEmpty()) {
                return null;
            }
            if (value.contains(Redactor.MARKER_START)) {
                return match.group(); // redacted before, e.g. a bot token's secret part after its visible id
            }
            String withShapes = inside.apply(value);
            if (!withShapes.equals(value)) {
                return replace(match, group, withShapes);
            }
            return isSecret.test(value) ? replace(match, group, marker) : null;
        });
    }

    /** The one value group that took part: each alternative of a value pattern has its own. */
    private static int valueGroup(MatchResult match) {
        for (int group = 1; group < match.groupCount(); group++) {
            if (match.group(group) != null) {
                return group;
            }
        }
        return match.groupCount();
    }

    private static String replace(MatchResult match, int group, String replacement) {
        String whole = match.group();
        int offset = match.start();
        return whole.substring(0, match.start(group) - offset) + replacement + whole.substring(match.end(group) - offset);
    }

    /**
     * Whether a value looks generated rather than written: 16 or more characters of a token
     * alphabet, letters and at least two digits, not a UUID (request and trace ids are not
     * secrets), and switching between lower case, upper case and digits at least every third or so
     * character. Words, kebab-case names and versions switch far less often; camelCase names
     * switch often but rarely carry two digits.
     */
    static boolean looksRandom(String value) {
        int length = value.length();
        if (length < 16 || length > MAX_RANDOM_VALUE || UUID.matcher(value).matches()) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        int switches = 0;
        int previous = -1;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            int kind;
            if (c >= 'a' && c <= 'z') {
                kind = 0;
            } else if (c >= 'A' && c <= 'Z') {
                kind = 1;
            } else if (c >= '0' && c <= '9') {
                kind = 2;
            } else if ("+/=_.~%-".indexOf(c) >= 0) {
                continue;
            } else {
                return false;
            }
            if (kind == 2) {
                digits++;
            } else {
                letters++;
            }
            if (previous >= 0 && kind != previous) {
                switches++;
            }
            previous = kind;
        }
        return letters > 0 && digits >= 2 && switches * 10 >= (letters + digits) * 3;
    }
}
