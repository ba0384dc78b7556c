package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoStrings;
import java.nio.charset.StandardCharsets;

/**
 * One lexed token.
 *
 * @param pos the offset of its first character in the expression
 * @param value a string literal's text with its escapes resolved; otherwise the same as {@code text}
 */
record Token(TokenType type, String text, int pos, String value) {

    Token(TokenType type, String text, int pos) {
        this(type, text, pos, text);
    }

    boolean is(TokenType other) {
        return type == other;
    }

    /** As Prometheus describes a token in "unexpected ..." messages: {@code identifier "foo"}, {@code <op:+>}. */
    String describe() {
        return switch (type.kind()) {
            case END -> "end of input";
            case PUNCTUATION, PREPROCESSOR -> GoStrings.quote(text, false);
            case OPERATOR -> "<op:" + text + ">";
            case AGGREGATOR -> "<aggr:" + text + ">";
            case KEYWORD -> "<" + text + ">";
            case LITERAL -> type.literalName() + " " + quoted();
        };
    }

    /** Long numbers and strings are cut to their first ten characters, as Go's {@code %.10q} does. */
    private String quoted() {
        boolean identifier = type == TokenType.IDENTIFIER || type == TokenType.METRIC_IDENTIFIER;
        if (identifier || text.getBytes(StandardCharsets.UTF_8).length <= 10) {
            return GoStrings.quote(text, false);
        }
        int end = text.offsetByCodePoints(0, Math.min(10, text.codePointCount(0, text.length())));
        return GoStrings.quote(text.substring(0, end), false) + "...";
    }
}
