package dev.watchdog.logs;

import dev.watchdog.security.Redactor;
import java.util.regex.Pattern;

/**
 * Turns an error message into its shape, so that "timeout after 3012 ms to 10.0.0.7:5432" and
 * "timeout after 2987 ms to 10.0.0.9:5432" count as one error type. Variable parts become
 * placeholders: {@code <str>}, {@code <uuid>}, {@code <ip>}, {@code <hex>}, {@code <id>}, {@code <num>}.
 *
 * <p>Runs on text that has already been redacted: a secret cut into pieces by placeholders would no
 * longer be recognisable by the {@link Redactor}.
 */
final class MessageNormaliser {

    /** Messages are cut before normalising: the start says what went wrong, the rest is detail. */
    static final int MAX_INPUT_CHARS = 400;

    // Order matters: quoted strings and UUIDs before the numbers inside them.
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]{0,200}+\"|'[^'\\n]{0,200}+'");
    private static final Pattern UUID = Pattern.compile(
            "(?i)(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?(?![\\d.])");
    /** Whole tokens only (the same token characters as {@link #ID}), so a pod name is one id, not hex and more. */
    private static final Pattern HEX = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])(?:0x[0-9a-f]++|(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}+)(?![A-Za-z0-9_-])");
    /** Tokens mixing letters and at least two digits, six characters or more: request ids, pod names. */
    private static final Pattern ID = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]{6,}+(?![A-Za-z0-9_-]))(?=[A-Za-z0-9_-]*[A-Za-z])"
                    + "(?=(?:[A-Za-z_-]*[0-9]){2})[A-Za-z0-9_-]++");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])\\d++(?:\\.\\d++)?");
    private static final Pattern SPACES = Pattern.compile("\\s++");

    private MessageNormaliser() {
    }

    static String normalise(String message) {
        String text = message.length() > MAX_INPUT_CHARS ? message.substring(0, MAX_INPUT_CHARS) : message;
        text = QUOTED.matcher(text).replaceAll("<str>");
        text = UUID.matcher(text).replaceAll("<uuid>");
        text = IPV4.matcher(text).replaceAll("<ip>");
        text = HEX.matcher(text).replaceAll("<hex>");
        text = ID.matcher(text).replaceAll("<id>");
        text = NUMBER.matcher(text).replaceAll("<num>");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
