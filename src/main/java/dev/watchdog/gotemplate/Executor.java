package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Node.ActionNode;
import dev.watchdog.gotemplate.Node.BoolNode;
import dev.watchdog.gotemplate.Node.BreakNode;
import dev.watchdog.gotemplate.Node.ChainNode;
import dev.watchdog.gotemplate.Node.CommandNode;
import dev.watchdog.gotemplate.Node.ContinueNode;
import dev.watchdog.gotemplate.Node.ControlNode;
import dev.watchdog.gotemplate.Node.DotNode;
import dev.watchdog.gotemplate.Node.FieldNode;
import dev.watchdog.gotemplate.Node.IdentifierNode;
import dev.watchdog.gotemplate.Node.ListNode;
import dev.watchdog.gotemplate.Node.NilNode;
import dev.watchdog.gotemplate.Node.NumberNode;
import dev.watchdog.gotemplate.Node.PipeNode;
import dev.watchdog.gotemplate.Node.StringNode;
import dev.watchdog.gotemplate.Node.TemplateNode;
import dev.watchdog.gotemplate.Node.TextNode;
import dev.watchdog.gotemplate.Node.VariableNode;
import dev.watchdog.gotemplate.TemplateFunction.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a parse tree and writes the output, with text/template's semantics: variable scopes, dot rebinding in
 * {@code range} and {@code with}, Go truthiness, argument type checks, and Go's wording for execution errors.
 * One executor renders one template once.
 */
final class Executor {

    static final int MAX_TEMPLATE_DEPTH = 1000;
    static final int MAX_OUTPUT_CHARS = 4 * 1024 * 1024;

    /** Marks "no value from a previous pipeline stage". */
    private static final Object MISSING = new Object();

    private static final class Var {
        final String name;
        Object value;

        Var(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    /** Unwinds to the nearest range; carries no stack trace. */
    private static final class LoopSignal extends RuntimeException {
        LoopSignal() {
            super(null, null, false, false);
        }
    }

    private static final LoopSignal BREAK = new LoopSignal();
    private static final LoopSignal CONTINUE = new LoopSignal();

    /** Carries a TemplateException through the walk. */
    private static final class Failure extends RuntimeException {
        final TemplateException exception;

        Failure(TemplateException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    private final String name;
    private final String source;
    private final ListNode root;
    private final Map<String, ListNode> defined;
    private final Map<String, TemplateFunction> functions;
    private final CallContext context;
    private final StringBuilder out = new StringBuilder();
    private List<Var> vars = new ArrayList<>();
    private int depth;
    private Node current;

    Executor(String name, String source, Parser.Parsed parsed, Map<String, TemplateFunction> functions,
             CallContext context) {
        this.name = name;
        this.source = source;
        this.root = parsed.root();
        this.defined = parsed.defined();
        this.functions = functions;
        this.context = context;
    }

    /** Renders with the given dot and the predeclared variables (in declaration order, {@code $} first). */
    String execute(Object dot, Map<String, Object> predeclared) throws TemplateException {
        predeclared.forEach((varName, value) -> vars.add(new Var(varName, value)));
        try {
            walk(dot, root);
        } catch (Failure f) {
            throw f.exception;
        }
        return out.toString();
    }

    private void walk(Object dot, Node node) {
        current = node;
        if (node instanceof ActionNode a) {
            Object value = evalPipeline(dot, a.pipe());
            if (a.pipe().decl().isEmpty()) {
                current = a;
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
            throw fail("unknown node: " + node);
        }
    }

    private void write(String text) {
        if (out.length() + text.length() > MAX_OUTPUT_CHARS) {
            throw fail("output longer than " + MAX_OUTPUT_CHARS + " characters");
        }
        out.append(text);
    }

    private void walkIfOrWith(Object dot, ControlNode c) {
        int mark = vars.size();
        try {
            Object value = evalPipeline(dot, c.pipe());
            if (GoValues.isTrue(value)) {
                walk(c.kind() == ControlNode.Kind.WITH ? value : dot, c.list());
            } else if (c.elseList() != null) {
                walk(dot, c.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, ControlNode r) {
        int mark = vars.size();
        try {
            Object value = evalPipeline(dot, r.pipe());
            int iterationMark = vars.size();
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
                    throw fail("can't use " + n + " to iterate over more than one variable");
                }
                for (long i = 0; i < n; i++) {
                    ran = true;
                    if (!iteration(r, i, i, iterationMark)) {
                        return;
                    }
                }
            } else if (value != null) {
                throw fail("range can't iterate over " + GoFmt.printAction(value));
            }
            if (!ran && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    /** One pass of a range body; false when it hit {@code break}. */
    private boolean iteration(ControlNode r, Object index, Object elem, int mark) {
        List<VariableNode> decl = r.pipe().decl();
        if (!decl.isEmpty()) {
            if (r.pipe().isAssign()) {
                setVar(decl.get(0).name(), decl.size() > 1 ? index : elem);
            } else {
                vars.get(vars.size() - 1).value = elem;
            }
        }
        if (decl.size() > 1) {
            if (r.pipe().isAssign()) {
                setVar(decl.get(1).name(), elem);
            } else {
                vars.get(vars.size() - 2).value = index;
            }
        }
        try {
            walk(elem, r.list());
            return true;
        } catch (LoopSignal signal) {
            return signal != BREAK;
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateNode t) {
        current = t;
        ListNode body = defined.get(t.name());
        if (body == null && t.name().equals(name)) {
            body = root; // the main template can be invoked by its own name, as in Go
        }
        if (body == null) {
            throw fail("template " + GoStrings.quote(t.name(), false) + " not defined");
        }
        if (depth >= MAX_TEMPLATE_DEPTH) {
            throw fail("exceeded maximum template depth (" + MAX_TEMPLATE_DEPTH + ")");
        }
        Object newDot = evalPipeline(dot, t.pipe());
        List<Var> outer = vars;
        vars = new ArrayList<>(List.of(new Var("$", newDot)));
        depth++;
        try {
            walk(newDot, body);
        } finally {
            depth--;
            vars = outer;
        }
    }

    // ---- evaluation ----

    private Object evalPipeline(Object dot, PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        current = pipe;
        Object value = MISSING;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
        }
        for (VariableNode v : pipe.decl()) {
            if (pipe.isAssign()) {
                setVar(v.name(), value);
            } else {
                vars.add(new Var(v.name(), value));
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().get(0);
        if (first instanceof FieldNode f) {
            current = f;
            return evalFieldChain(dot, dot, f, f.idents(), cmd.args(), fin);
        }
        if (first instanceof ChainNode c) {
            return evalChain(dot, c, cmd.args(), fin);
        }
        if (first instanceof IdentifierNode i) {
            return evalFunction(dot, i, cmd, cmd.args(), fin);
        }
        if (first instanceof PipeNode p) {
            notAFunction(cmd.args(), fin);
            return evalPipeline(dot, p);
        }
        if (first instanceof VariableNode v) {
            return evalVariable(dot, v, cmd.args(), fin);
        }
        current = first;
        notAFunction(cmd.args(), fin);
        if (first instanceof BoolNode b) {
            return b.value();
        }
        if (first instanceof DotNode) {
            return dot;
        }
        if (first instanceof NilNode) {
            throw fail("nil is not a command");
        }
        if (first instanceof NumberNode n) {
            return idealConstant(n);
        }
        if (first instanceof StringNode s) {
            return s.text();
        }
        throw fail("can't evaluate command " + GoStrings.quote(first.toString(), false));
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != MISSING) {
            throw fail("can't give argument to non-function " + args.get(0));
        }
    }

    /** A number where no type is asked for: float64 if written like one, else int. */
    private Object idealConstant(NumberNode n) {
        current = n;
        if (n.floatSyntax()) {
            return n.floatValue();
        }
        if (n.intValue() != null) {
            return n.intValue();
        }
        throw fail(n.text() + " overflows int");
    }

    private Object evalChain(Object dot, ChainNode chain, List<Node> args, Object fin) {
        current = chain;
        if (chain.node() instanceof NilNode) {
            throw fail("indirection through explicit nil in " + chain);
        }
        Object receiver = evalArg(dot, null, chain.node());
        return evalFieldChain(dot, receiver, chain, chain.fields(), args, fin);
    }

    private Object evalVariable(Object dot, VariableNode v, List<Node> args, Object fin) {
        current = v;
        Object value = varValue(v.name());
        if (v.idents().size() == 1) {
            if (args != null) {
                notAFunction(args, fin);
            }
            return value;
        }
        return evalFieldChain(dot, value, v, v.idents().subList(1, v.idents().size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node node, List<String> idents, List<Node> args,
                                  Object fin) {
        int n = idents.size();
        boolean viaInterface = false;
        for (int i = 0; i < n - 1; i++) {
            Object next = evalField(dot, idents.get(i), node, null, MISSING, receiver, viaInterface);
            viaInterface = holdsInterface(receiver, idents.get(i));
            receiver = next;
        }
        return evalField(dot, idents.get(n - 1), node, args, fin, receiver, viaInterface);
    }

    /** Whether that field or map element has Go type interface{} (which changes how Go words errors). */
    private static boolean holdsInterface(Object container, String field) {
        return container instanceof GoMap m && m.zero() == null
                || (container instanceof AlertData || container instanceof Sample) && field.equals("Value");
    }

    private Object evalField(Object dot, String field, Node node, List<Node> args, Object fin, Object receiver,
                             boolean viaInterface) {
        if (receiver == null) {
            if (viaInterface) {
                throw fail("nil pointer evaluating interface {}." + field);
            }
            return null; // missingkey=zero: nil data has no fields, and that is not an error
        }
        TemplateFunction method = GoMethods.lookup(receiver, field);
        if (method != null) {
            return evalCall(dot, method, node, field, args, fin);
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        if (receiver instanceof AlertData data && AlertData.hasField(field)) {
            if (hasArgs) {
                throw fail(field + " has arguments but cannot be invoked as function");
            }
            return data.field(field);
        }
        if (receiver instanceof Sample sample && (field.equals("Labels") || field.equals("Value"))) {
            if (hasArgs) {
                throw fail(field + " has arguments but cannot be invoked as function");
            }
            return field.equals("Labels") ? sample.labels() : sample.value();
        }
        if (receiver instanceof GoMap map) {
            if (hasArgs) {
                throw fail(field + " is not a method but has arguments");
            }
            return map.get(field);
        }
        throw fail("can't evaluate field " + field + " in type "
                + (viaInterface ? "interface {}" : GoValues.typeName(receiver)));
    }

    private Object evalFunction(Object dot, IdentifierNode ident, Node cmd, List<Node> args, Object fin) {
        current = ident;
        TemplateFunction function = functions.get(ident.name());
        if (function == null) {
            throw fail(GoStrings.quote(ident.name(), false) + " is not a defined function");
        }
        return evalCall(dot, function, cmd, ident.name(), args, fin);
    }

    /** Calls a function or method; args, when present, starts with the node naming it. */
    private Object evalCall(Object dot, TemplateFunction fn, Node node, String fnName, List<Node> args, Object fin) {
        List<Node> argNodes = args == null ? List.of() : args.subList(1, args.size());
        int numIn = argNodes.size() + (fin != MISSING ? 1 : 0);
        int numParams = fn.params().size();
        if (fn.variadic()) {
            if (numIn < numParams - 1) {
                throw fail("wrong number of args for " + fnName + ": want at least " + (numParams - 1) + " got "
                        + argNodes.size());
            }
        } else if (numIn != numParams) {
            throw fail("wrong number of args for " + fnName + ": want " + numParams + " got " + numIn);
        }
        boolean builtinAndOr = (fnName.equals("and") || fnName.equals("or")) && functions.get(fnName) == fn;
        if (builtinAndOr) {
            Object v = null;
            for (Node arg : argNodes) {
                v = evalArg(dot, Param.VALUE, arg);
                if (GoValues.isTrue(v) == fnName.equals("or")) {
                    return v;
                }
            }
            return fin != MISSING ? validateType(fin, Param.VALUE) : v;
        }
        List<Object> argv = new ArrayList<>(numIn);
        for (int i = 0; i < argNodes.size(); i++) {
            argv.add(evalArg(dot, fn.paramAt(i), argNodes.get(i)));
        }
        if (fin != MISSING) {
            argv.add(validateType(fin, fn.paramAt(numIn - 1)));
        }
        try {
            return fn.body().call(context, argv);
        } catch (GoError e) {
            current = node;
            throw fail("error calling " + fnName + ": " + e.getMessage());
        }
    }

    /** An argument of the given Go type; a null type means "whatever it is". */
    private Object evalArg(Object dot, Param type, Node n) {
        current = n;
        if (n instanceof DotNode) {
            return validateType(dot, type);
        }
        if (n instanceof NilNode) {
            if (type == null || type.canBeNil) {
                return null;
            }
            throw fail("cannot assign nil to " + type.goType);
        }
        if (n instanceof FieldNode f) {
            return validateType(evalFieldChain(dot, dot, f, f.idents(), List.of(n), MISSING), type);
        }
        if (n instanceof VariableNode v) {
            return validateType(evalVariable(dot, v, null, MISSING), type);
        }
        if (n instanceof PipeNode p) {
            return validateType(evalPipeline(dot, p), type);
        }
        if (n instanceof IdentifierNode i) {
            return validateType(evalFunction(dot, i, i, null, MISSING), type);
        }
        if (n instanceof ChainNode c) {
            return validateType(evalChain(dot, c, null, MISSING), type);
        }
        current = n;
        if (type == null || type == Param.ANY || type == Param.VALUE) {
            if (n instanceof BoolNode b) {
                return b.value();
            }
            if (n instanceof NumberNode num) {
                return idealConstant(num);
            }
            if (n instanceof StringNode s) {
                return s.text();
            }
        } else if (type == Param.STRING) {
            if (n instanceof StringNode s) {
                return s.text();
            }
            throw fail("expected string; found " + n);
        } else if (type == Param.DURATION) {
            if (n instanceof NumberNode num && num.intValue() != null) {
                return new GoDuration(num.intValue(), false);
            }
            throw fail("expected integer; found " + n);
        }
        throw fail("can't handle " + n + " for arg of type " + type.goType);
    }

    /** Go's check that a value may be passed as a parameter of the given type. */
    private Object validateType(Object value, Param type) {
        if (type == null || type == Param.ANY || type == Param.VALUE) {
            return value;
        }
        if (value == null) {
            if (type.canBeNil) {
                return null;
            }
            throw fail("invalid value; expected " + type.goType);
        }
        boolean ok = switch (type) {
            case STRING -> value instanceof String;
            case SAMPLE -> value instanceof Sample;
            case QUERY_RESULT -> value instanceof QueryResult;
            case DURATION -> value instanceof GoDuration;
            case TIME -> value instanceof GoTime;
            default -> true;
        };
        if (!ok) {
            throw fail("wrong type for value; expected " + type.goType + "; got " + GoValues.typeName(value));
        }
        if (value instanceof GoDuration d) {
            return d.value();
        }
        if (value instanceof GoTime t) {
            return t.value();
        }
        return value;
    }

    // ---- variables ----

    private Object varValue(String varName) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(varName)) {
                return vars.get(i).value;
            }
        }
        throw fail("undefined variable: " + varName);
    }

    private void setVar(String varName, Object value) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(varName)) {
                vars.get(i).value = value;
                return;
            }
        }
        throw fail("undefined variable: " + varName);
    }

    private void pop(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    private Failure fail(String message) {
        Node at = current;
        String reason = at == null ? message : "at <" + at + ">: " + message;
        return new Failure(TemplateException.at(name, source, at == null ? 0 : at.pos(), reason));
    }
}
