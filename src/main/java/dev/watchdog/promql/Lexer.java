package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoStrings;

/**
 * Splits a PromQL expression into tokens, one at a time as the parser asks, so that an error in the text is
 * met where Prometheus meets it. Like Prometheus' lexer it tracks parentheses, braces and brackets itself:
 * inside braces keywords are plain label names, and right after {@code [} comes a number or a duration.
 */
final class Lexer {

    private static final int EOF = -1;
    private static final String DIGITS = "0123456789";
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";
    private static final String DURATION_UNITS = "smhdwy";

    private final String input;
    private final StringReader reader;
    private int start;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;
    private boolean durationNext;

    Lexer(String input) {
        this.input = input;
        this.reader = new StringReader(input);
    }

    /** The next token; a lexical error is thrown as a {@link PromqlException.Problem}. */
    Token next() {
        if (braceOpen) {
            return insideBraces();
        }
        if (durationNext) {
            durationNext = false;
            skipSpaces();
            start = reader.pos();
            return numberOrDuration();
        }
        skipSpacesAndComments();
        start = reader.pos();
        int c = reader.next();
        return switch (c) {
            case EOF -> end();
            case ',' -> token(TokenType.COMMA);
            case '*' -> token(TokenType.MUL);
            case '/' -> token(TokenType.DIV);
            case '%' -> token(TokenType.MOD);
            case '+' -> token(TokenType.ADD);
            case '-' -> token(TokenType.SUB);
            case '^' -> token(TokenType.POW);
            case '@' -> token(TokenType.AT);
            case '=' -> equals();
            case '!' -> {
                int after = reader.next();
                if (after != '=') {
                    throw error("unexpected character after '!': " + quoteRune(after));
                }
                yield token(TokenType.NEQ);
            }
            case '<' -> token(reader.accept("=") ? TokenType.LTE : TokenType.LSS);
            case '>' -> token(reader.accept("=") ? TokenType.GTE : TokenType.GTR);
            case '"', '\'' -> string((char) c);
            case '`' -> rawString();
            case '(' -> {
                parenDepth++;
                yield token(TokenType.LEFT_PAREN);
            }
            case ')' -> closeParen();
            case '{' -> {
                braceOpen = true;
                yield token(TokenType.LEFT_BRACE);
            }
            case '[' -> openBracket();
            case ']' -> {
                if (!bracketOpen) {
                    throw error("unexpected right bracket ']'");
                }
                bracketOpen = false;
                yield token(TokenType.RIGHT_BRACKET);
            }
            default -> other(c);
        };
    }

    private Token other(int c) {
        if (isDigit(c) || c == '.' && isDigit(reader.peek())) {
            reader.backup();
            return numberOrDuration();
        }
        if (!isAlpha(c) && c != ':') {
            throw error("unexpected character: " + quoteRune(c));
        }
        if (!bracketOpen) {
            reader.backup();
            return keywordOrIdentifier();
        }
        if (c != ':') {
            throw error("unexpected character: " + quoteRune(c) + ", expected ':'");
        }
        if (gotColon) {
            throw error("unexpected colon ':'");
        }
        gotColon = true;
        return token(TokenType.COLON);
    }

    private Token end() {
        if (parenDepth != 0) {
            throw error("unclosed left parenthesis");
        }
        if (bracketOpen) {
            throw error("unclosed left bracket");
        }
        return token(TokenType.EOF);
    }

    private Token equals() {
        if (reader.peek() == '~') {
            throw error("unexpected character after '=': '~'");
        }
        return token(reader.accept("=") ? TokenType.EQLC : TokenType.EQL);
    }

    private Token closeParen() {
        parenDepth--;
        if (parenDepth < 0) {
            start = reader.pos(); // Prometheus reports this one after the parenthesis
            throw error("unexpected right parenthesis ')'");
        }
        return token(TokenType.RIGHT_PAREN);
    }

    private Token openBracket() {
        if (bracketOpen) {
            throw error("unexpected left bracket '['");
        }
        gotColon = false;
        bracketOpen = true;
        durationNext = true;
        return token(TokenType.LEFT_BRACKET);
    }

    /** Inside a selector's braces: label names (keywords included), strings, matcher operators. */
    private Token insideBraces() {
        skipSpacesAndComments();
        start = reader.pos();
        int c = reader.next();
        switch (c) {
            case EOF -> throw error("unexpected end of input inside braces");
            case ',' -> {
                return token(TokenType.COMMA);
            }
            case '"', '\'' -> {
                return string((char) c);
            }
            case '`' -> {
                return rawString();
            }
            case '=' -> {
                return token(reader.accept("~") ? TokenType.EQL_REGEX : TokenType.EQL);
            }
            case '!' -> {
                if (reader.accept("~")) {
                    return token(TokenType.NEQ_REGEX);
                }
                int after = reader.next();
                if (after != '=') {
                    throw error("unexpected character after '!' inside braces: " + quoteRune(after));
                }
                return token(TokenType.NEQ);
            }
            case '{' -> throw error("unexpected left brace '{'");
            case '}' -> {
                braceOpen = false;
                return token(TokenType.RIGHT_BRACE);
            }
            default -> {
                if (!isAlpha(c)) {
                    throw error("unexpected character inside braces: " + quoteRune(c));
                }
                while (isAlphaNumeric(reader.peek())) {
                    reader.next();
                }
                return token(TokenType.IDENTIFIER);
            }
        }
    }

    private Token keywordOrIdentifier() {
        while (isAlphaNumeric(reader.peek()) || reader.peek() == ':') {
            reader.next();
        }
        String word = input.substring(start, reader.pos());
        TokenType keyword = TokenType.keyword(word);
        if (keyword != null) {
            return token(keyword);
        }
        return token(word.indexOf(':') >= 0 ? TokenType.METRIC_IDENTIFIER : TokenType.IDENTIFIER);
    }

    private Token numberOrDuration() {
        if (scanNumber()) {
            return token(TokenType.NUMBER);
        }
        if (scanRestOfDuration()) {
            reader.backup();
            return token(TokenType.DURATION);
        }
        throw error("bad number or duration syntax: " + GoStrings.quote(input.substring(start, reader.pos()), false));
    }

    /**
     * Decimal, hexadecimal and octal integers, floats with exponents, {@code _} between digits. Stops where
     * Prometheus stops, so a duration such as {@code 5m} can go on from the digits read.
     */
    private boolean scanNumber() {
        int initial = reader.pos();
        String digits = DIGITS;
        if (reader.accept("0") && reader.accept("xX")) {
            reader.accept("_");
            digits = HEX_DIGITS;
        }
        reader.accept(".");
        reader.accept(digits);
        boolean dotSeen = false;
        boolean exponentSeen = false;
        while (reader.is(digits + "._eE")) {
            if (reader.is(".") && dotSeen || reader.is("eE") && exponentSeen) {
                reader.next();
                return false;
            }
            if (reader.accept(".")) {
                dotSeen = true;
                if (reader.accept("_.") || digits.equals(HEX_DIGITS)) {
                    return false;
                }
            } else if (reader.accept("eE")) {
                exponentSeen = true;
                reader.accept("+-");
                if (reader.accept("._eE") || reader.peek() == EOF) {
                    return false;
                }
            } else if (reader.accept("_")) {
                if (reader.accept("._eE") || reader.peek() == EOF) {
                    return false;
                }
            } else {
                while (reader.accept(digits)) {
                    // the run of digits
                }
            }
        }
        return reader.pos() != initial && !isAlphaNumeric(reader.peek());
    }

    /** After the digits: units, and more digits with units ({@code 1h30m}); the value is checked later. */
    private boolean scanRestOfDuration() {
        if (!reader.accept(DURATION_UNITS)) {
            return false;
        }
        reader.accept("s");
        while (reader.accept(DIGITS)) {
            while (reader.accept(DIGITS)) {
                // the run of digits
            }
            if (!reader.accept("smhdw")) {
                return false;
            }
            reader.accept("s");
        }
        return !isAlphaNumeric(reader.next());
    }

    /** A quoted string with Go's escapes; the token's value is the text they stand for. */
    private Token string(char quote) {
        StringBuilder value = new StringBuilder();
        Escapes escapes = new Escapes(value);
        while (true) {
            int c = reader.next();
            if (c == EOF || c == '\n') {
                throw error("unterminated quoted string");
            }
            if (c == quote) {
                escapes.flush();
                return new Token(TokenType.STRING, input.substring(start, reader.pos()), start, value.toString());
            }
            if (c == '\\') {
                String problem = escapes.read(reader, quote);
                if (problem != null) {
                    throw error(problem);
                }
            } else {
                escapes.flush();
                value.append((char) c);
            }
        }
    }

    private Token rawString() {
        int end = input.indexOf('`', reader.pos());
        if (end < 0) {
            throw error("unterminated raw string");
        }
        String value = input.substring(reader.pos(), end);
        reader.skipTo(end + 1);
        return new Token(TokenType.STRING, input.substring(start, reader.pos()), start, value);
    }

    private void skipSpaces() {
        while (isSpace(reader.peek())) {
            reader.next();
        }
    }

    private void skipSpacesAndComments() {
        while (true) {
            skipSpaces();
            if (reader.peek() != '#') {
                return;
            }
            while (reader.peek() != EOF && reader.peek() != '\n' && reader.peek() != '\r') {
                reader.next();
            }
        }
    }

    private Token token(TokenType type) {
        return new Token(type, input.substring(start, reader.pos()), start);
    }

    private PromqlException.Problem error(String message) {
        return new PromqlException.Problem(start, message);
    }

    private static String quoteRune(int c) {
        return GoStrings.quoteRune(c == EOF ? 0xFFFD : c, false);
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(int c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAlphaNumeric(int c) {
        return isAlpha(c) || isDigit(c);
    }
}
