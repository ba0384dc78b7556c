package dev.watchdog.promql;

/**
 * An expression Prometheus would refuse, with where: {@code 1:16: unclosed left parenthesis}. Like Prometheus,
 * only the first problem is reported; line and column count from 1, columns in characters.
 */
public final class PromqlException extends Exception {

    private final int line;
    private final int column;
    private final String problem;

    PromqlException(String expression, Problem first) {
        this(lineOf(expression, first.pos), columnOf(expression, first.pos), first.getMessage());
    }

    private PromqlException(int line, int column, String problem) {
        super(line + ":" + column + ": " + problem, null, false, false);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position, e.g. {@code unclosed left parenthesis}. */
    public String problem() {
        return problem;
    }

    private static int lineOf(String expression, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, expression.length()); i++) {
            if (expression.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String expression, int pos) {
        int clamped = Math.min(pos, expression.length());
        return clamped - expression.lastIndexOf('\n', clamped - 1);
    }

    /** A problem found while lexing, parsing or type checking, at an offset in the expression. */
    static final class Problem extends RuntimeException {

        final int pos;

        Problem(int pos, String message) {
            super(message, null, false, false);
            this.pos = pos;
        }
    }
}
