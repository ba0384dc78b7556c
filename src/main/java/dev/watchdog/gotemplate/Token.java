package dev.watchdog.gotemplate;

/** A lexical item of the template language, at a character offset into the source. */
record Token(Type type, int pos, String val) {

    enum Type {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
        LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** How Go's parser names a token in "unexpected ..." messages. */
    String describe() {
        if (type == Type.EOF) {
            return "EOF";
        }
        if (type == Type.ERROR) {
            return val;
        }
        if (type.isKeyword()) {
            return "<" + val + ">";
        }
        if (val.codePointCount(0, val.length()) > 10) {
            int end = val.offsetByCodePoints(0, 10);
            return GoStrings.quote(val.substring(0, end), false) + "...";
        }
        return GoStrings.quote(val, false);
    }
}
