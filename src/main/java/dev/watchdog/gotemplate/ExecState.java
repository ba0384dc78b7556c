package dev.watchdog.gotemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * What the walk ({@link Executor}) and the evaluation ({@link Evaluator}) of one execution share, Go's
 * {@code exec.state}: the stack of variables, and the node being executed, which every error names with its
 * position as Go does.
 */
final class ExecState {

    /** Carries a TemplateException through the walk. */
    static final class Failure extends RuntimeException {
        final TemplateException exception;

        Failure(TemplateException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    private static final class Var {
        final String name;
        Object value;

        Var(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    private final String name;
    private final String source;
    private List<Var> vars = new ArrayList<>();
    private Node current;

    ExecState(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** The template's name, which it can be invoked by. */
    String name() {
        return name;
    }

    /** Marks the node being executed, for the position of errors. */
    void at(Node node) {
        current = node;
    }

    Failure fail(String message) {
        Node at = current;
        String reason = at == null ? message : "at <" + at + ">: " + message;
        return new Failure(TemplateException.at(name, source, at == null ? 0 : at.pos(), reason));
    }

    void push(String varName, Object value) {
        vars.add(new Var(varName, value));
    }

    int mark() {
        return vars.size();
    }

    /** Drops the variables declared since the mark: they go out of scope. */
    void pop(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    /** Sets the n-th variable from the top (1 is the last declared), as {@code range} does each pass. */
    void setTopVar(int n, Object value) {
        vars.get(vars.size() - n).value = value;
    }

    void setVar(String varName, Object value) {
        lookup(varName).value = value;
    }

    Object varValue(String varName) {
        return lookup(varName).value;
    }

    private Var lookup(String varName) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(varName)) {
                return vars.get(i);
            }
        }
        throw fail("undefined variable: " + varName);
    }

    /** Runs a template call, which sees only {@code $}, bound to its dot, and none of the caller's variables. */
    void inTemplateScope(Object dot, Runnable body) {
        List<Var> outer = vars;
        vars = new ArrayList<>(List.of(new Var("$", dot)));
        try {
            body.run();
        } finally {
            vars = outer;
        }
    }
}
