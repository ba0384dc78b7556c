package dev.watchdog.security;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * One secret shape: the literals ("triggers") it is found by, a pattern that must match from the
 * trigger's position ({@code lookBack} characters earlier for shapes whose literal is not at their
 * start), and how a match is rewritten.
 *
 * <p>Patterns are tried with {@code lookingAt} at a trigger, never searched for, so their cost is
 * bounded by what they consume from that position; every quantifier that may fail after consuming
 * is bounded or starts behind a look-behind that stops it from being retried one character later.
 */
final class SecretRule {

    /** Rewrites a match: the replacement for the whole match, or null to let the next rule try. */
    interface Rewrite {
        String apply(MatchResult match, UnaryOperator<String> redactInside);
    }

    private final List<String> triggers;
    private final int lookBack;
    private final Pattern pattern;
    private final Rewrite rewrite;

    private SecretRule(List<String> triggers, int lookBack, Pattern pattern, Rewrite rewrite) {
        this.triggers = triggers.stream().map(trigger -> trigger.toLowerCase(Locale.ROOT)).toList();
        this.lookBack = lookBack;
        this.pattern = pattern;
        this.rewrite = rewrite;
    }

    static SecretRule of(List<String> triggers, String regex, Rewrite rewrite) {
        return new SecretRule(triggers, 0, Pattern.compile(regex), rewrite);
    }

    /** The whole match is the secret. */
    static SecretRule token(String kind, List<String> triggers, String regex) {
        String marker = Redactor.marker(kind);
        return of(triggers, regex, (match, inside) -> marker);
    }

    /** Groups 1, 2, … are secrets of these kinds; the rest of the match (a key, a URL) stays. */
    static SecretRule groups(List<String> triggers, String regex, String... kinds) {
        String[] markers = new String[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            markers[i] = Redactor.marker(kinds[i]);
        }
        return of(triggers, regex, (match, inside) -> replaceGroups(match, markers));
    }

    /** The same rule, its match starting this many characters before the trigger. */
    SecretRule lookingBack(int characters) {
        return new SecretRule(triggers, characters, pattern, rewrite);
    }

    List<String> triggers() {
        return triggers;
    }

    int lookBack() {
        return lookBack;
    }

    Pattern pattern() {
        return pattern;
    }

    String rewrite(MatchResult match, UnaryOperator<String> redactInside) {
        return rewrite.apply(match, redactInside);
    }

    /**
     * The whole match with group {@code i + 1} replaced by {@code markers[i]}; a null marker, a
     * group that did not take part and a secret that is already a marker leave the text as it is.
     */
    static String replaceGroups(MatchResult match, String... markers) {
        String whole = match.group();
        int offset = match.start();
        StringBuilder out = new StringBuilder(whole.length());
        int copied = 0;
        for (int group = 1; group <= markers.length; group++) {
            String value = match.group(group);
            if (markers[group - 1] == null || value == null || value.isEmpty() || Redactor.isMarker(value)) {
                continue;
            }
            out.append(whole, copied, match.start(group) - offset).append(markers[group - 1]);
            copied = match.end(group) - offset;
        }
        return out.append(whole, copied, whole.length()).toString();
    }
}
