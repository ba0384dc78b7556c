package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template source into tokens the way Go's text/template lexer does: text, {@code {{ }}} actions with
 * trim markers ({@code {{- } and {@code -}}}), comments, and the words inside actions. A lexical error
 * becomes an {@link Type#ERROR} token followed by nothing; the parser reports it when it gets there.
 */
final class Lexer {

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final Map<String, Type> KEYWORDS = Map.ofEntries(
            Map.entry("block", Type.BLOCK), Map.entry("break", Type.BREAK), Map.entry("continue", Type.CONTINUE),
            Map.entry("define", Type.DEFINE), Map.entry("else", Type.ELSE), Map.entry("end", Type.END),
            Map.entry("if", Type.IF), Map.entry("nil", Type.NIL), Map.entry("range", Type.RANGE),
            Map.entry("template", Type.TEMPLATE), Map.entry("with", Type.WITH));
    private static final int EOF = -1;

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int actionStart;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> lex(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            int x = input.indexOf(LEFT, pos);
            if (x < 0) {
                pos = input.length();
                if (pos > start) {
                    emit(Type.TEXT);
                }
                emit(Type.EOF);
                return;
            }
            boolean trimLeft = hasLeftTrimMarker(x + LEFT.length());
            int textEnd = trimLeft ? x - trailingSpace(start, x) : x;
            if (textEnd > start) {
                tokens.add(new Token(Type.TEXT, start, input.substring(start, textEnd)));
            }
            actionStart = x;
            pos = x + LEFT.length();
            int afterMarker = trimLeft ? 2 : 0;
            if (input.startsWith("/*", pos + afterMarker)) {
                if (!comment(pos + afterMarker + 2)) {
                    return;
                }
                continue;
            }
            tokens.add(new Token(Type.LEFT_DELIM, x, LEFT));
            pos += afterMarker;
            start = pos;
            parenDepth = 0;
            if (!insideAction()) {
                return;
            }
        }
    }

    /** A comment, from just after its opening marker. Returns false after an error. */
    private boolean comment(int from) {
        int close = input.indexOf("*/", from);
        if (close < 0) {
            return error(actionStart, "unclosed comment");
        }
        pos = close + 2;
        if (input.startsWith(RIGHT, pos)) {
            pos += RIGHT.length();
        } else if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
            pos += 2 + RIGHT.length();
            pos += leadingSpace(pos);
        } else {
            return error(actionStart, "comment ends before closing delimiter");
        }
        start = pos;
        return true;
    }

    /** Lexes inside an action until its right delimiter. Returns false after an error. */
    private boolean insideAction() {
        while (true) {
            boolean trim = hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2);
            if (trim || input.startsWith(RIGHT, pos)) {
                if (parenDepth != 0) {
                    return error(pos, "unclosed left paren");
                }
                if (trim) {
                    pos += 2;
                }
                tokens.add(new Token(Type.RIGHT_DELIM, pos, RIGHT));
                pos += RIGHT.length();
                if (trim) {
                    pos += leadingSpace(pos);
                }
                start = pos;
                return true;
            }
            start = pos;
            int r = next();
            boolean ok;
            if (r == EOF) {
                return error(actionStart, "unclosed action");
            } else if (isSpace(r)) {
                pos = start;
                ok = space();
            } else if (r == ':') {
                if (next() != '=') {
                    return error(start, "expected :=");
                }
                ok = emit(Type.DECLARE);
            } else if (r == '|') {
                ok = emit(Type.PIPE);
            } else if (r == '"') {
                ok = quoted('"', Type.STRING, "quoted string");
            } else if (r == '`') {
                ok = rawQuote();
            } else if (r == '$') {
                ok = atTerminator() ? emit(Type.VARIABLE) : fieldOrVariable(Type.VARIABLE);
            } else if (r == '\'') {
                ok = quoted('\'', Type.CHAR_CONSTANT, "character constant");
            } else if (r == '.' && !(pos < input.length() && isDigit(input.charAt(pos)))) {
                ok = atTerminator() ? emit(Type.DOT) : fieldOrVariable(Type.FIELD);
            } else if (r == '.' || r == '+' || r == '-' || isDigit(r)) {
                pos = start;
                ok = number();
            } else if (isAlphaNumeric(r)) {
                pos = start;
                ok = identifier();
            } else if (r == '(') {
                parenDepth++;
                ok = emit(Type.LEFT_PAREN);
            } else if (r == ')') {
                parenDepth--;
                int at = start;
                emit(Type.RIGHT_PAREN);
                if (parenDepth < 0) {
                    return error(at, "unexpected right paren");
                }
                ok = true;
            } else if (r == '=') {
                ok = emit(Type.ASSIGN);
            } else if (r < 0x80 && r >= 0x20 && r != 0x7f) {
                ok = emit(Type.CHAR);
            } else {
                return error(start, "unrecognized character in action: " + GoStrings.describeRune(r));
            }
            if (!ok) {
                return false;
            }
        }
    }

    private boolean space() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            // Leave the space that starts a " -}}" trim marker for the right delimiter.
            if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
                break;
            }
            pos++;
        }
        return pos > start ? emit(Type.SPACE) : true;
    }

    private boolean identifier() {
        while (isAlphaNumeric(peek())) {
            next();
        }
        if (!atTerminator()) {
            return error(start, "bad character " + GoStrings.describeRune(peek()));
        }
        String word = input.substring(start, pos);
        Type keyword = KEYWORDS.get(word);
        if (keyword != null) {
            return emit(keyword);
        }
        if (word.equals("true") || word.equals("false")) {
            return emit(Type.BOOL);
        }
        return emit(Type.IDENTIFIER);
    }

    /** {@code .Field} or {@code $name}; the leading character has been read. */
    private boolean fieldOrVariable(Type type) {
        while (isAlphaNumeric(peek())) {
            next();
        }
        if (!atTerminator()) {
            return error(start, "bad character " + GoStrings.describeRune(peek()));
        }
        return emit(type);
    }

    /** A quoted string or character constant up to {@code close}; escapes are kept for the parser to read. */
    private boolean quoted(int close, Type type, String what) {
        while (true) {
            int r = next();
            if (r == '\\') {
                r = next();
                if (r != EOF && r != '\n') {
                    continue;
                }
            }
            if (r == EOF || r == '\n') {
                return error(start, "unterminated " + what);
            }
            if (r == close) {
                return emit(type);
            }
        }
    }

    private boolean rawQuote() {
        int close = input.indexOf('`', pos);
        if (close < 0) {
            return error(start, "unterminated raw quoted string");
        }
        pos = close + 1;
        return emit(Type.RAW_STRING);
    }

    private boolean number() {
        if (!scanNumber()) {
            return error(start, "bad number syntax: " + GoStrings.quote(input.substring(start, pos), false));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return error(start, "bad number syntax: " + GoStrings.quote(input.substring(start, pos), false));
            }
            return emit(Type.COMPLEX);
        }
        return emit(Type.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // keep going
        }
    }

    /** Whether an identifier may end here: a space, end of input, one of {@code . , | : ( )} or the right delimiter. */
    private boolean atTerminator() {
        int r = peek();
        if (r == EOF || isSpace(r)) {
            return true;
        }
        return switch (r) {
            case '.', ',', '|', ':', ')', '(', '}' -> true;
            default -> false;
        };
    }

    private int next() {
        if (pos >= input.length()) {
            return EOF;
        }
        int cp = input.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    private int peek() {
        return pos >= input.length() ? EOF : input.codePointAt(pos);
    }

    private boolean emit(Type type) {
        tokens.add(new Token(type, start, input.substring(start, pos)));
        start = pos;
        return true;
    }

    private boolean error(int at, String message) {
        tokens.add(new Token(Type.ERROR, at, message));
        return false;
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    private int trailingSpace(int from, int to) {
        int i = to;
        while (i > from && isSpace(input.charAt(i - 1))) {
            i--;
        }
        return to - i;
    }

    private int leadingSpace(int from) {
        int i = from;
        while (i < input.length() && isSpace(input.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    private static boolean isDigit(int r) {
        return r >= '0' && r <= '9';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || (r != EOF && (Character.isLetter(r) || Character.isDigit(r)));
    }
}
