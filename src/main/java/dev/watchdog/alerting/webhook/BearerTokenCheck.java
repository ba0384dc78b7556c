package dev.watchdog.alerting.webhook;

import dev.watchdog.security.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer <token>} (what Alertmanager sends with
 * {@code http_config.authorization.credentials}) against the configured token.
 *
 * <p>Only a SHA-256 digest of the token is kept: the secret itself is not held in the handler, and
 * comparing two digests of equal length with {@link MessageDigest#isEqual} takes the same time
 * wherever they differ and whatever the length of the guess, so timing reveals nothing about it.
 */
final class BearerTokenCheck {

    enum Outcome { ALLOWED, MISSING, WRONG }

    private static final String SCHEME = "bearer ";

    /** Null when no token is configured: every request is allowed. */
    private final byte[] expectedDigest;

    private BearerTokenCheck(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /** @param token the configured token; null or empty turns the check off */
    static BearerTokenCheck of(Secret configured) {
        if (configured == null || configured.isEmpty()) {
            return new BearerTokenCheck(null);
        }
        String token = configured.reveal();
        if (!token.equals(token.strip())) {
            // It could never match: a header's token is read without surrounding spaces. Never echo it.
            throw new IllegalArgumentException("the webhook bearer token must not start or end with whitespace");
        }
        return new BearerTokenCheck(sha256(token));
    }

    boolean required() {
        return expectedDigest != null;
    }

    /** @param authorization the request's Authorization header, or null */
    Outcome check(String authorization) {
        if (!required()) {
            return Outcome.ALLOWED;
        }
        // The scheme name is case-insensitive (RFC 7235); the token is not.
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Outcome.MISSING;
        }
        String presented = authorization.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(sha256(presented), expectedDigest) ? Outcome.ALLOWED : Outcome.WRONG;
    }

    @Override
    public String toString() {
        return required() ? "bearer token required" : "no authentication";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
