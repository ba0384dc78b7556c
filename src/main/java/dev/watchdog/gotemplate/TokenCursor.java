package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Token.Type;
import java.util.List;

/**
 * The tokens of one template source, read forward with back-up, and Go's parse errors at a position in that
 * source. A lexing error surfaces when its token is reached, as in Go.
 */
final class TokenCursor {

    private final String name;
    private final String source;
    private final List<Token> tokens;
    private int index;

    TokenCursor(String name, String source) {
        this.name = name;
        this.source = source;
        this.tokens = Lexer.lex(source);
    }

    Token next() throws TemplateException {
        Token token = tokens.get(Math.min(index, tokens.size() - 1));
        index++;
        if (token.type() == Type.ERROR) {
            throw error(token.pos(), token.val());
        }
        return token;
    }

    Token peek() throws TemplateException {
        Token token = next();
        index--;
        return token;
    }

    Token nextNonSpace() throws TemplateException {
        Token token;
        do {
            token = next();
        } while (token.type() == Type.SPACE);
        return token;
    }

    /** The next non-space token; the spaces before it are consumed. */
    Token peekNonSpace() throws TemplateException {
        Token token = nextNonSpace();
        index--;
        return token;
    }

    /** Steps back over the last token read. */
    void backup() {
        index--;
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    void expect(Type type, String context) throws TemplateException {
        Token token = nextNonSpace();
        if (token.type() != type) {
            throw unexpected(token, context);
        }
    }

    /** The value of a string token. */
    String unquote(Token token) throws TemplateException {
        String value = GoStrings.unquote(token.val());
        if (value == null) {
            throw error(token.pos(), "invalid syntax in string " + token.val());
        }
        return value;
    }

    TemplateException unexpected(Token token, String context) {
        return error(token.pos(), "unexpected " + token.describe() + " in " + context);
    }

    TemplateException errorAtEnd(String reason) {
        return error(source.length(), reason);
    }

    TemplateException error(int pos, String reason) {
        return TemplateException.at(name, source, pos, reason);
    }
}
