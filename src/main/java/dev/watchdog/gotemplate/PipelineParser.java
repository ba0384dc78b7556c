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
import dev.watchdog.gotemplate.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the pipelines inside actions, Go's {@code declarations? command ('|' command)*}: variable declarations,
 * commands, operands with their field chains, parenthesized pipelines and literals (numbers with Go's rules).
 * Unknown functions and undefined variables are errors here, at parse time, as they are in Go.
 */
final class PipelineParser {

    private static final int MAX_PAREN_DEPTH = 1000;

    private final TokenCursor cursor;
    private final Set<String> functions;
    private final List<String> vars;
    private int parenDepth;

    /**
     * @param vars the variables in scope, shared with the {@link Parser}, which cuts them back when a scope ends;
     *             declarations are added to it
     */
    PipelineParser(TokenCursor cursor, Set<String> functions, List<String> vars) {
        this.cursor = cursor;
        this.functions = functions;
        this.vars = vars;
    }

    /** declarations? command ('|' command)* */
    PipeNode pipeline(String context, Type end) throws TemplateException {
        int pos = cursor.peekNonSpace().pos();
        List<VariableNode> decl = new ArrayList<>();
        boolean isAssign = false;
        while (cursor.peekNonSpace().type() == Type.VARIABLE) {
            int mark = cursor.mark();
            Token v = cursor.nextNonSpace();
            Token following = cursor.peekNonSpace();
            if (following.type() == Type.ASSIGN || following.type() == Type.DECLARE) {
                isAssign = following.type() == Type.ASSIGN;
                cursor.nextNonSpace();
                decl.add(new VariableNode(v.pos(), List.of(v.val())));
                vars.add(v.val());
                break;
            } else if (following.type() == Type.CHAR && following.val().equals(",")) {
                cursor.nextNonSpace();
                decl.add(new VariableNode(v.pos(), List.of(v.val())));
                vars.add(v.val());
                if (context.equals("range") && decl.size() < 2) {
                    Type t = cursor.peekNonSpace().type();
                    if (t == Type.VARIABLE || t == Type.RIGHT_DELIM || t == Type.RIGHT_PAREN) {
                        continue; // the second variable of "range $i, $v :="
                    }
                    throw cursor.error(following.pos(), "range can only initialize variables");
                }
                throw cursor.error(following.pos(), "too many declarations in " + context);
            } else {
                cursor.reset(mark);
                break;
            }
        }
        List<CommandNode> cmds = new ArrayList<>();
        while (true) {
            Token token = cursor.nextNonSpace();
            if (token.type() == end) {
                if (cmds.isEmpty()) {
                    throw cursor.error(token.pos(), "missing value for " + context);
                }
                for (int i = 1; i < cmds.size(); i++) {
                    Node first = cmds.get(i).args().get(0);
                    if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                            || first instanceof NumberNode || first instanceof StringNode) {
                        throw cursor.error(first.pos(), "non executable command in pipeline stage " + (i + 1));
                    }
                }
                return new PipeNode(pos, isAssign, List.copyOf(decl), List.copyOf(cmds));
            }
            switch (token.type()) {
                case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING,
                        VARIABLE, LEFT_PAREN -> {
                    cursor.backup();
                    cmds.add(command());
                }
                default -> throw cursor.unexpected(token, context);
            }
        }
    }

    /** operand (space operand)*, up to a pipe or a closing delimiter. */
    private CommandNode command() throws TemplateException {
        int pos = cursor.peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            cursor.peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = cursor.next();
            if (token.type() == Type.SPACE) {
                continue;
            }
            if (token.type() == Type.RIGHT_DELIM || token.type() == Type.RIGHT_PAREN) {
                cursor.backup();
            } else if (token.type() != Type.PIPE) {
                throw cursor.unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw cursor.error(pos, "empty command");
        }
        return new CommandNode(pos, List.copyOf(args));
    }

    /** term .Field* */
    private Node operand() throws TemplateException {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (cursor.peek().type() != Type.FIELD) {
            return node;
        }
        List<String> fields = new ArrayList<>();
        while (cursor.peek().type() == Type.FIELD) {
            fields.add(cursor.next().val().substring(1));
        }
        if (node instanceof FieldNode f) {
            List<String> idents = new ArrayList<>(f.idents());
            idents.addAll(fields);
            return new FieldNode(f.pos(), List.copyOf(idents));
        }
        if (node instanceof VariableNode v) {
            List<String> idents = new ArrayList<>(v.idents());
            idents.addAll(fields);
            return new VariableNode(v.pos(), List.copyOf(idents));
        }
        if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
                || node instanceof NilNode || node instanceof DotNode) {
            throw cursor.error(node.pos(), "unexpected . after term " + GoStrings.quote(node.toString(), false));
        }
        return new ChainNode(node.pos(), node, List.copyOf(fields));
    }

    private Node term() throws TemplateException {
        Token token = cursor.nextNonSpace();
        switch (token.type()) {
            case IDENTIFIER:
                if (!functions.contains(token.val())) {
                    throw cursor.error(token.pos(), "function " + GoStrings.quote(token.val(), false) + " not defined");
                }
                return new IdentifierNode(token.pos(), token.val());
            case DOT:
                return new DotNode(token.pos());
            case NIL:
                return new NilNode(token.pos());
            case VARIABLE:
                if (!vars.contains(token.val())) {
                    throw cursor.error(token.pos(), "undefined variable " + GoStrings.quote(token.val(), false));
                }
                return new VariableNode(token.pos(), List.of(token.val()));
            case FIELD:
                return new FieldNode(token.pos(), List.of(token.val().substring(1)));
            case BOOL:
                return new BoolNode(token.pos(), token.val().equals("true"));
            case CHAR_CONSTANT:
            case COMPLEX:
            case NUMBER:
                return number(token);
            case LEFT_PAREN:
                if (++parenDepth > MAX_PAREN_DEPTH) {
                    throw cursor.error(token.pos(), "max expression depth exceeded");
                }
                PipeNode pipe = pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                parenDepth--;
                return pipe;
            case STRING:
            case RAW_STRING:
                return new StringNode(token.pos(), token.val(), cursor.unquote(token));
            default:
                cursor.backup();
                return null;
        }
    }

    private NumberNode number(Token token) throws TemplateException {
        String text = token.val();
        if (token.type() == Type.CHAR_CONSTANT) {
            String value = GoStrings.unquote(text);
            if (value == null) {
                throw cursor.error(token.pos(), "malformed character constant: " + text);
            }
            long rune = value.codePointAt(0);
            return new NumberNode(token.pos(), text, rune, (double) rune, false);
        }
        if (token.type() == Type.COMPLEX || text.endsWith("i")) {
            throw cursor.error(token.pos(), "complex numbers are not supported: " + text);
        }
        Long intValue = GoNumbers.parseInt(text);
        Double floatValue;
        boolean hex = text.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT).startsWith("0x");
        boolean floatSyntax = hex ? text.matches(".*[pP].*") : text.matches(".*[.eE].*");
        if (intValue != null) {
            floatValue = (double) intValue;
        } else {
            floatValue = GoNumbers.tryParseFloat(text.replace("_", ""));
            if (floatValue != null && floatValue.isInfinite()) {
                floatValue = null; // out of range: strconv reports an error, so Go calls it illegal
            }
            if (floatValue != null && !floatSyntax && GoNumbers.isUint64Only(text)) {
                return new NumberNode(token.pos(), text, null, floatValue, false); // "overflows int" when used
            }
            if (floatValue != null && !floatSyntax) {
                throw cursor.error(token.pos(), "integer overflow: " + GoStrings.quote(text, false));
            }
            if (floatValue != null && floatValue == Math.rint(floatValue) && Math.abs(floatValue) < 0x1p63) {
                intValue = floatValue.longValue();
            }
        }
        if (intValue == null && floatValue == null) {
            throw cursor.error(token.pos(), "illegal number syntax: " + GoStrings.quote(text, false));
        }
        return new NumberNode(token.pos(), text, intValue, floatValue, floatSyntax);
    }
}
