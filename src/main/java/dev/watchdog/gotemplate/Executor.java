package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Node.ActionNode;
import dev.watchdog.gotemplate.Node.BreakNode;
import dev.watchdog.gotemplate.Node.ContinueNode;
import dev.watchdog.gotemplate.Node.ControlNode;
import dev.watchdog.gotemplate.Node.ListNode;
import dev.watchdog.gotemplate.Node.TemplateNode;
import dev.watchdog.gotemplate.Node.TextNode;
import dev.watchdog.gotemplate.Node.VariableNode;
import java.util.List;
import java.util.Map;

/**
 * Walks a parse tree and writes the output, with text/template's semantics: variable scopes, dot rebinding in
 * {@code range} and {@code with}, Go truthiness, {@code break}/{@code continue}, template calls, and Go's wording
 * for execution errors. Pipelines are the {@link Evaluator}'s. One executor renders one template once.
 */
final class Executor {

    static final int MAX_TEMPLATE_DEPTH = 1000;
    static final int MAX_OUTPUT_CHARS = 4 * 1024 * 1024;

    /** Unwinds to the nearest range; carries no stack trace. */
    private static final class LoopSignal extends RuntimeException {
        LoopSignal() {
            super(null, null, false, false);
        }
    }

    private static final LoopSignal BREAK = new LoopSignal();
    private static final LoopSignal CONTINUE = new LoopSignal();

    private final ListNode root;
    private final Map<String, ListNode> defined;
    private final ExecState state;
    private final Evaluator evaluator;
    private final StringBuilder out = new StringBuilder();
    private int depth;

    Executor(String name, String source, Parser.Parsed parsed, Map<String, TemplateFunction> functions,
             CallContext context) {
        this.root = parsed.root();
        this.defined = parsed.defined();
        this.state = new ExecState(name, source);
        this.evaluator = new Evaluator(state, functions, context);
    }

    /** Renders with the given dot and the predeclared variables (in declaration order, {@code $} first). */
    String execute(Object dot, Map<String, Object> predeclared) throws TemplateException {
        predeclared.forEach(state::push);
        try {
            walk(dot, root);
        } catch (ExecState.Failure f) {
            throw f.exception;
        }
        return out.toString();
    }

    private void walk(Object dot, Node node) {
        state.at(node);
        if (node instanceof ActionNode a) {
            Object value = evaluator.evalPipeline(dot, a.pipe());
            if (a.pipe().decl().isEmpty()) {
                state.at(a);
                write(GoFmt.printAction(value));
            }
        } else if (node instanceof TextNode t) {
            write(t.text());
        } else if (node instanceof ListNode l) {
            for (Node n : l.nodes()) {
                walk(dot, n);
            }
        } else if (node instanceof ControlNode c) {
            if (c.kind() == ControlNode.Kind.RANGE) {
                walkRange(dot, c);
            } else {
                walkIfOrWith(dot, c);
            }
        } else if (node instanceof TemplateNode t) {
            walkTemplate(dot, t);
        } else if (node instanceof BreakNode) {
            throw BREAK;
        } else if (node instanceof ContinueNode) {
            throw CONTINUE;
        } else {
            throw state.fail("unknown node: " + node);
        }
    }

    private void write(String text) {
        if (out.length() + text.length() > MAX_OUTPUT_CHARS) {
            throw state.fail("output longer than " + MAX_OUTPUT_CHARS + " characters");
        }
        out.append(text);
    }

    private void walkIfOrWith(Object dot, ControlNode c) {
        int mark = state.mark();
        try {
            Object value = evaluator.evalPipeline(dot, c.pipe());
            if (GoValues.isTrue(value)) {
                walk(c.kind() == ControlNode.Kind.WITH ? value : dot, c.list());
            } else if (c.elseList() != null) {
                walk(dot, c.elseList());
            }
        } finally {
            state.pop(mark);
        }
    }

    private void walkRange(Object dot, ControlNode r) {
        int mark = state.mark();
        try {
            Object value = evaluator.evalPipeline(dot, r.pipe());
            int iterationMark = state.mark();
            boolean ran = false;
            if (value instanceof QueryResult result) {
                List<Sample> samples = result.samples();
                for (int i = 0; i < samples.size(); i++) {
                    ran = true;
                    if (!iteration(r, (long) i, samples.get(i), iterationMark)) {
                        return;
                    }
                }
            } else if (value instanceof GoMap map) {
                for (Map.Entry<String, Object> e : map.entries().entrySet()) {
                    ran = true;
                    if (!iteration(r, e.getKey(), e.getValue(), iterationMark)) {
                        return;
                    }
                }
            } else if (value instanceof Long n) {
                if (r.pipe().decl().size() > 1) {
                    throw state.fail("can't use " + n + " to iterate over more than one variable");
                }
                for (long i = 0; i < n; i++) {
                    ran = true;
                    if (!iteration(r, i, i, iterationMark)) {
                        return;
                    }
                }
            } else if (value != null) {
                throw state.fail("range can't iterate over " + GoFmt.printAction(value));
            }
            if (!ran && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } finally {
            state.pop(mark);
        }
    }

    /** One pass of a range body; false when it hit {@code break}. */
    private boolean iteration(ControlNode r, Object index, Object elem, int mark) {
        List<VariableNode> decl = r.pipe().decl();
        if (!decl.isEmpty()) {
            if (r.pipe().isAssign()) {
                state.setVar(decl.get(0).name(), decl.size() > 1 ? index : elem);
            } else {
                state.setTopVar(1, elem);
            }
        }
        if (decl.size() > 1) {
            if (r.pipe().isAssign()) {
                state.setVar(decl.get(1).name(), elem);
            } else {
                state.setTopVar(2, index);
            }
        }
        try {
            walk(elem, r.list());
            return true;
        } catch (LoopSignal signal) {
            return signal != BREAK;
        } finally {
            state.pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateNode t) {
        state.at(t);
        // The main template can be invoked by its own name, as in Go.
        ListNode body = t.name().equals(state.name()) ? defined.getOrDefault(t.name(), root) : defined.get(t.name());
        if (body == null) {
            throw state.fail("template " + GoStrings.quote(t.name(), false) + " not defined");
        }
        if (depth >= MAX_TEMPLATE_DEPTH) {
            throw state.fail("exceeded maximum template depth (" + MAX_TEMPLATE_DEPTH + ")");
        }
        Object newDot = evaluator.evalPipeline(dot, t.pipe());
        depth++;
        try {
            state.inTemplateScope(newDot, () -> walk(newDot, body));
        } finally {
            depth--;
        }
    }
}
