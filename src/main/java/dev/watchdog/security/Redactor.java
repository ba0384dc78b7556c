package dev.watchdog.security;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text by markers such as {@code [REDACTED:slack-token]} before the text leaves
 * the process: log lines, text sent to the model, Slack previews.
 *
 * <p>Only the secret itself is replaced; the key, scheme or user name around it stays so that the
 * text can still be read ({@code password=[REDACTED:password]},
 * {@code https://user:[REDACTED:password]@host/}).
 *
 * <p>Recognised: PEM private key blocks, passwords in URLs, {@code Authorization} headers and
 * {@code Bearer} tokens, Slack tokens ({@code xoxb-}, {@code xoxp-}, {@code xapp-}, …) and webhook
 * URLs, {@code sk-} API keys, GitHub tokens, AWS access key ids and secret keys, JWTs, and
 * {@code password / passwd / secret / token / api_key / apikey} pairs in {@code key=value},
 * {@code key: value} and JSON form. {@link #alsoMasking} adds exact configured values.
 *
 * <p>Every pattern is anchored on a literal and uses possessive or bounded quantifiers, so a scan
 * costs time linear in the text length even on hostile input such as a megabyte of one repeated
 * character: log lines and metric labels can contain anything.
 *
 * <p>Immutable and thread-safe.
 */
public final class Redactor {

    /** Configured values shorter than this are not masked: masking "abc" would shred every log line. */
    static final int MIN_LITERAL_LENGTH = 4;

    private static final String NOT_AFTER_ALNUM = "(?<![A-Za-z0-9])";

    /**
     * Order matters: block and URL forms first, then token shapes, then generic key=value pairs.
     * Each rule names the lower-case literals ("triggers") one of which any match contains, so the
     * usual log line, which has none of them, costs a few {@code indexOf} calls instead of a regex scan.
     */
    private static final List<Rule> RULES = List.of(
            // The whole PEM block; a block cut off by truncation is redacted up to the end of the text.
            Rule.wholeMatch("private-key", List.of("private key"),
                    "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----"
                            + "[\\s\\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----|\\z)"),
            // scheme://user:password@host -> keep the user, hide the password.
            new Rule(List.of("://"), "://[^\\s:/?#@\"'\\[\\]]*+:([^\\s/?#@\"']++)@",
                    m -> replaceGroup(m, 1, marker("password"))),
            // Authorization headers, with or without a scheme word.
            new Rule(List.of("authorization"), "(?i)authorization[\"']?[ \\t]{0,5}[:=][ \\t]{0,5}[\"']?"
                    + "(?:(bearer|basic|digest|token|bot)[ \\t]++)?([^\\s\"',;]++)",
                    m -> replaceGroup(m, 2, marker(authorizationKind(m.group(1))))),
            Rule.wholeMatch("slack-token", List.of("xox"), NOT_AFTER_ALNUM + "(?:xoxe\\.)?xox[a-z]-[A-Za-z0-9-]++"),
            Rule.wholeMatch("slack-token", List.of("xapp-"), NOT_AFTER_ALNUM + "xapp-[A-Za-z0-9-]++"),
            new Rule(List.of("hooks.slack.com"), "hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9/_-]++)",
                    m -> replaceGroup(m, 1, marker("slack-webhook"))),
            Rule.wholeMatch("openai-key", List.of("sk-"), "(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}+"),
            Rule.wholeMatch("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
                    "(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{20,}+"),
            Rule.wholeMatch("github-token", List.of("github_pat_"), NOT_AFTER_ALNUM + "github_pat_[A-Za-z0-9_]{20,}+"),
            Rule.wholeMatch("aws-access-key-id", List.of("akia", "asia"),
                    "(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
            Rule.wholeMatch("jwt", List.of("eyj"),
                    "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]*+"),
            new Rule(List.of("secret"),
                    "(?i)aws_?secret_?access_?key[\"']?[ \\t]{0,5}[:=][ \\t]{0,5}[\"']?([^\\s\"',;&]++)",
                    m -> replaceGroup(m, 1, marker("aws-secret-key"))),
            KeyValueRule.RULE,
            new Rule(List.of("bearer"), "(?i)" + NOT_AFTER_ALNUM + "bearer[ \\t]++([A-Za-z0-9._~+/=-]{8,}+)",
                    m -> replaceGroup(m, 1, marker("bearer-token"))));

    private static final String CONFIGURED_SECRET = marker("configured-secret");
    private static final Redactor STANDARD = new Redactor(List.of());

    /** Configured values, longest first so that a value containing another is masked whole. */
    private final List<String> literals;

    private Redactor(Collection<String> literals) {
        this.literals = literals.stream()
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Redacts the secret shapes listed in the class comment. */
    public static Redactor standard() {
        return STANDARD;
    }

    /**
     * A redactor that also masks these exact values (bot and app tokens, API keys, passwords read
     * from config) as {@code [REDACTED:configured-secret]}, so a configured secret is never printed
     * whatever its shape. Null, blank and very short values are ignored.
     */
    public Redactor alsoMasking(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>(literals);
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= MIN_LITERAL_LENGTH) {
                all.add(secret);
            }
        }
        return all.size() == literals.size() ? this : new Redactor(all);
    }

    /** The text with every secret replaced by a marker; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Rules only ever replace secrets by markers, so a trigger absent from the original text
        // cannot appear later except inside a marker, which no rule rewrites.
        String lowerCase = text.toLowerCase(Locale.ROOT);
        String result = text;
        // Configured literals first: a rule could otherwise rewrite part of one and hide it from the match.
        for (String literal : literals) {
            result = result.replace(literal, CONFIGURED_SECRET);
        }
        for (Rule rule : RULES) {
            if (rule.mayMatch(lowerCase)) {
                result = rule.apply(result);
            }
        }
        return result;
    }

    /** The marker that replaces a secret of this kind, e.g. {@code [REDACTED:password]}. */
    public static String marker(String kind) {
        return "[REDACTED:" + kind + "]";
    }

    static boolean isMarker(String value) {
        return value.startsWith("[REDACTED:");
    }

    private static String authorizationKind(String scheme) {
        if (scheme == null) {
            return "authorization";
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> "bearer-token";
            case "basic" -> "basic-auth";
            default -> "authorization";
        };
    }

    /** The whole match with one group replaced; a group that is already a marker stays as it is. */
    static String replaceGroup(MatchResult m, int group, String replacement) {
        if (isMarker(m.group(group))) {
            return m.group();
        }
        int offset = m.start();
        String whole = m.group();
        return whole.substring(0, m.start(group) - offset) + replacement + whole.substring(m.end(group) - offset);
    }

    /** One secret shape: the literals a match must contain, a pattern, and how to rewrite each match. */
    static final class Rule {
        private final List<String> triggers;
        private final Pattern pattern;
        private final Function<MatchResult, String> rewrite;

        Rule(List<String> triggers, String regex, Function<MatchResult, String> rewrite) {
            this.triggers = triggers;
            this.pattern = Pattern.compile(regex);
            this.rewrite = rewrite;
        }

        static Rule wholeMatch(String kind, List<String> triggers, String regex) {
            String replacement = marker(kind);
            return new Rule(triggers, regex, m -> replacement);
        }

        boolean mayMatch(String lowerCaseText) {
            for (String trigger : triggers) {
                if (lowerCaseText.contains(trigger)) {
                    return true;
                }
            }
            return false;
        }

        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            do {
                matcher.appendReplacement(out, Matcher.quoteReplacement(rewrite.apply(matcher)));
            } while (matcher.find());
            matcher.appendTail(out);
            return out.toString();
        }
    }

    /**
     * {@code password=…}, {@code "api_key": "…"}, {@code token: …} and friends, also with a prefix
     * ({@code db_password}, {@code SLACK_BOT_TOKEN}, {@code client_secret}) and inside JSON that was
     * itself put in a JSON string ({@code \"password\":\"…\"}). The keyword must be followed directly
     * by the separator, so {@code max_tokens=100} or {@code secret_name=x} stay readable.
     */
    private static final class KeyValueRule {
        private static final String KEYWORD =
                "(password|passwd|passphrase|secret(?:[_-]?(?:access[_-]?)?key)?|token|api[_-]?key|apikey)";
        private static final String SEPARATOR = "\\\\?[\"']?[ \\t]{0,5}[:=][ \\t]{0,5}";
        /**
         * Groups 2 to 6: the value inside \"…\" (JSON in a JSON string), "…" or '…'; after an
         * opening quote that is never closed (a truncated line), the rest of the line; else unquoted.
         * Quoted values never span lines, which keeps a scan for the closing quote within one line.
         */
        private static final String VALUE = "(?:"
                + "\\\\\"([^\"\\\\\\r\\n]*+)\\\\\""
                + "|\"((?:[^\"\\\\\\r\\n]|\\\\.)*+)\""
                + "|'([^'\\r\\n]*+)'"
                + "|\\\\?[\"']([^\\r\\n]++)"
                + "|([^\\s\"',;&]++)"
                + ")";
        static final Rule RULE = new Rule(List.of("pass", "secret", "token", "api"),
                // The look-ahead on the first letter lets most positions fail before trying each keyword.
                "(?i)(?=[pstak])" + KEYWORD + SEPARATOR + VALUE, KeyValueRule::rewrite);

        private static String rewrite(MatchResult m) {
            for (int valueGroup = 2; valueGroup <= 6; valueGroup++) {
                String value = m.group(valueGroup);
                if (value != null) {
                    return value.isEmpty() ? m.group() : replaceGroup(m, valueGroup, marker(kind(m.group(1))));
                }
            }
            return m.group();
        }

        private static String kind(String keyword) {
            String lower = keyword.toLowerCase(Locale.ROOT);
            if (lower.startsWith("pass")) {
                return "password";
            }
            if (lower.startsWith("secret")) {
                return "secret";
            }
            if (lower.equals("token")) {
                return "token";
            }
            return "api-key";
        }
    }
}
