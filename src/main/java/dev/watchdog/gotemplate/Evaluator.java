package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Node.BoolNode;
import dev.watchdog.gotemplate.Node.ChainNode;
import dev.watchdog.gotemplate.Node.CommandNode;
import dev.watchdog.gotemplate.Node.DotNode;
import dev.watchdog.gotemplate.Node.FieldNode;
import dev.watchdog.gotemplate.Node.IdentifierNode;
import dev.watchdog.gotemplate.Node.NilNode;
import dev.watchdog.gotemplate.Node.NumberNode;
import dev.watchdog.gotemplate.Node.PipeNode;
import dev.watchdog.gotemplate.Node.StringNode;
import dev.watchdog.gotemplate.Node.VariableNode;
import dev.watchdog.gotemplate.TemplateFunction.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates pipelines with text/template's semantics: commands, field and method chains, function calls with
 * Go's argument count and type checks, {@code and}/{@code or} short-circuiting, and Go's wording for their errors.
 */
final class Evaluator {

    /** Marks "no value from a previous pipeline stage". */
    private static final Object MISSING = new Object();

    private final ExecState state;
    private final Map<String, TemplateFunction> functions;
    private final CallContext context;

    Evaluator(ExecState state, Map<String, TemplateFunction> functions, CallContext context) {
        this.state = state;
        this.functions = functions;
        this.context = context;
    }

    /** A pipeline's value; its declared variables are pushed or, for {@code =}, assigned. */
    Object evalPipeline(Object dot, PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        state.at(pipe);
        Object value = MISSING;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
        }
        for (VariableNode v : pipe.decl()) {
            if (pipe.isAssign()) {
                state.setVar(v.name(), value);
            } else {
                state.push(v.name(), value);
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().get(0);
        if (first instanceof FieldNode f) {
            state.at(f);
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
        state.at(first);
        notAFunction(cmd.args(), fin);
        if (first instanceof BoolNode b) {
            return b.value();
        }
        if (first instanceof DotNode) {
            return dot;
        }
        if (first instanceof NilNode) {
            throw state.fail("nil is not a command");
        }
        if (first instanceof NumberNode n) {
            return idealConstant(n);
        }
        if (first instanceof StringNode s) {
            return s.text();
        }
        throw state.fail("can't evaluate command " + GoStrings.quote(first.toString(), false));
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != MISSING) {
            throw state.fail("can't give argument to non-function " + args.get(0));
        }
    }

    /** A number where no type is asked for: float64 if written like one, else int. */
    private Object idealConstant(NumberNode n) {
        state.at(n);
        if (n.floatSyntax()) {
            return n.floatValue();
        }
        if (n.intValue() != null) {
            return n.intValue();
        }
        throw state.fail(n.text() + " overflows int");
    }

    private Object evalChain(Object dot, ChainNode chain, List<Node> args, Object fin) {
        state.at(chain);
        if (chain.node() instanceof NilNode) {
            throw state.fail("indirection through explicit nil in " + chain);
        }
        Object receiver = evalArg(dot, null, chain.node());
        return evalFieldChain(dot, receiver, chain, chain.fields(), args, fin);
    }

    private Object evalVariable(Object dot, VariableNode v, List<Node> args, Object fin) {
        state.at(v);
        Object value = state.varValue(v.name());
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
                throw state.fail("nil pointer evaluating interface {}." + field);
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
                throw state.fail(field + " has arguments but cannot be invoked as function");
            }
            return data.field(field);
        }
        if (receiver instanceof Sample sample && (field.equals("Labels") || field.equals("Value"))) {
            if (hasArgs) {
                throw state.fail(field + " has arguments but cannot be invoked as function");
            }
            return field.equals("Labels") ? sample.labels() : sample.value();
        }
        if (receiver instanceof GoMap map) {
            if (hasArgs) {
                throw state.fail(field + " is not a method but has arguments");
            }
            return map.get(field);
        }
        throw state.fail("can't evaluate field " + field + " in type "
                + (viaInterface ? "interface {}" : GoValues.typeName(receiver)));
    }

    private Object evalFunction(Object dot, IdentifierNode ident, Node cmd, List<Node> args, Object fin) {
        state.at(ident);
        TemplateFunction function = functions.get(ident.name());
        if (function == null) {
            throw state.fail(GoStrings.quote(ident.name(), false) + " is not a defined function");
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
                throw state.fail("wrong number of args for " + fnName + ": want at least " + (numParams - 1) + " got "
                        + argNodes.size());
            }
        } else if (numIn != numParams) {
            throw state.fail("wrong number of args for " + fnName + ": want " + numParams + " got " + numIn);
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
            state.at(node);
            throw state.fail("error calling " + fnName + ": " + e.getMessage());
        }
    }

    /** An argument of the given Go type; a null type means "whatever it is". */
    private Object evalArg(Object dot, Param type, Node n) {
        state.at(n);
        if (n instanceof DotNode) {
            return validateType(dot, type);
        }
        if (n instanceof NilNode) {
            if (type == null || type.canBeNil) {
                return null;
            }
            throw state.fail("cannot assign nil to " + type.goType);
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
        state.at(n);
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
            throw state.fail("expected string; found " + n);
        } else if (type == Param.DURATION) {
            if (n instanceof NumberNode num && num.intValue() != null) {
                return new GoDuration(num.intValue(), false);
            }
            throw state.fail("expected integer; found " + n);
        }
        throw state.fail("can't handle " + n + " for arg of type " + type.goType);
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
            throw state.fail("invalid value; expected " + type.goType);
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
            throw state.fail("wrong type for value; expected " + type.goType + "; got " + GoValues.typeName(value));
        }
        if (value instanceof GoDuration d) {
            return d.value();
        }
        if (value instanceof GoTime t) {
            return t.value();
        }
        return value;
    }
}
