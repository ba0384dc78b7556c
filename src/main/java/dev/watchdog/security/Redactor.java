package dev.watchdog.security;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Replaces secrets in text by markers such as {@code [REDACTED:slack-token]} before the text leaves
 * the process: log lines, text sent to the model, Slack posts of untrusted text.
 *
 * <p>Only the secret itself is replaced; the key, scheme, header name or user name around it stays
 * so that the text can still be read ({@code password=[REDACTED:password]},
 * {@code https://user:[REDACTED:url-password]@host/}, {@code Authorization: Bearer [REDACTED:bearer-token]}).
 *
 * <p>Recognised ({@link SecretRules} lists every shape and its kind): PEM private key blocks;
 * passwords in URLs, whatever reserved characters they contain; {@code Authorization} and cookie
 * headers; tokens with a known prefix from cloud providers (AWS, Google, Azure, …), source control
 * (GitHub, GitLab, Bitbucket), Slack, model providers, payment and messaging services, package
 * registries, Vault and observability tools; webhook URLs; JWTs; and {@code key=value} pairs in env,
 * YAML, JSON, query-string and header form ({@link KeyValuePairs}). {@link #alsoMasking} adds
 * exact configured values.
 *
 * <p>One pass over the text: the rules are only tried where one of their literal triggers starts,
 * and every pattern consumes a bounded amount before it can fail, so a scan costs time linear in
 * the text length even on hostile input such as a megabyte of one repeated prefix: log lines and
 * metric labels can contain anything. Redacting twice gives the same text as redacting once.
 *
 * <p>Immutable and thread-safe.
 */
public final class Redactor {

    static final String MARKER_START = "[REDACTED:";

    /** Configured values shorter than this are not masked: masking "abc" would shred every log line. */
    static final int MIN_LITERAL_LENGTH = 4;

    /** Token shapes only: what a key=value pair's value is checked against, so a pair never recurses. */
    private static final SecretScanner SHAPES = new SecretScanner(SecretRules.SHAPES, UnaryOperator.identity());
    private static final SecretScanner ALL = new SecretScanner(SecretRules.ALL, SHAPES::redact);

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
        String result = text;
        // Configured literals first: a rule could otherwise rewrite part of one and hide it from the match.
        for (String literal : literals) {
            result = result.replace(literal, CONFIGURED_SECRET);
        }
        return ALL.redact(result);
    }

    /** The marker that replaces a secret of this kind, e.g. {@code [REDACTED:password]}. */
    public static String marker(String kind) {
        return MARKER_START + kind + "]";
    }

    static boolean isMarker(String value) {
        return value.startsWith(MARKER_START);
    }
}
