package dev.watchdog.promql;

/** A cursor over the expression's characters with the lexer's small vocabulary: peek, accept, back up. */
final class StringReader {

    static final int EOF = -1;

    private final String input;
    private int pos;
    private int lastWidth;

    StringReader(String input) {
        this.input = input;
    }

    int pos() {
        return pos;
    }

    int next() {
        if (pos >= input.length()) {
            lastWidth = 0;
            return EOF;
        }
        lastWidth = 1;
        return input.charAt(pos++);
    }

    int peek() {
        return pos >= input.length() ? EOF : input.charAt(pos);
    }

    /** Steps back over the last character read (nothing when that was the end). */
    void backup() {
        pos -= lastWidth;
        lastWidth = 0;
    }

    boolean is(String chars) {
        int c = peek();
        return c != EOF && chars.indexOf(c) >= 0;
    }

    /** Reads the next character if it is one of {@code chars}. */
    boolean accept(String chars) {
        if (is(chars)) {
            next();
            return true;
        }
        return false;
    }

    void skipTo(int newPos) {
        pos = newPos;
        lastWidth = 0;
    }
}
