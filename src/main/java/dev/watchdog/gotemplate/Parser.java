package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Node.ActionNode;
import dev.watchdog.gotemplate.Node.BoolNode;
import dev.watchdog.gotemplate.Node.BreakNode;
import dev.watchdog.gotemplate.Node.ChainNode;
import dev.watchdog.gotemplate.Node.CommandNode;
import dev.watchdog.gotemplate.Node.ContinueNode;
import dev.watchdog.gotemplate.Node.ControlNode;
import dev.watchdog.gotemplate.Node.DotNode;
import dev.watchdog.gotemplate.Node.ElseNode;
import dev.watchdog.gotemplate.Node.EndNode;
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
import dev.watchdog.gotemplate.Token.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the parse tree from tokens following Go's text/template grammar, with Go's checks and messages:
 * unknown functions and undefined variables are errors here, at parse time, as they are in Go.
 */
final class Parser {

    private static final int MAX_PAREN_DEPTH = 1000;

    /** The result: the main tree and the templates defined with {@code define} or {@code block}. */
    record Parsed(ListNode root, Map<String, ListNode> defined) {
    }

    private final String name;
    private final String source;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Map<String, ListNode> defined = new HashMap<>();
    private final Deque<Token> openControls = new ArrayDeque<>();
    private List<String> vars;
    private int index;
    private int rangeDepth;
    private int parenDepth;

    private Parser(String name, String source, Set<String> functions, List<String> predeclared) {
        this.name = name;
        this.source = source;
        this.tokens = Lexer.lex(source);
        this.functions = functions;
        this.vars = new ArrayList<>(predeclared);
    }

    /**
     * Parses a template.
     *
     * @param functions   the names callable in the template
     * @param predeclared variables in scope at the top of the main template, {@code $} first
     */
    static Parsed parse(String name, String source, Set<String> functions, List<String> predeclared)
            throws TemplateException {
        Parser parser = new Parser(name, source, functions, predeclared);
        return new Parsed(parser.parseRoot(), Map.copyOf(parser.defined));
    }

    private ListNode parseRoot() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        while (peek().type() != Type.EOF) {
            if (peek().type() == Type.LEFT_DELIM) {
                int mark = index;
                Token delim = next();
                if (nextNonSpace().type() == Type.DEFINE) {
                    parseDefinition(delim);
                    continue;
                }
                index = mark;
            }
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                throw error(n.pos(), "unexpected " + n);
            }
            nodes.add(n);
        }
        return new ListNode(0, nodes);
    }

    private void parseDefinition(Token delim) throws TemplateException {
        Token nameToken = nextNonSpace();
        if (nameToken.type() != Type.STRING && nameToken.type() != Type.RAW_STRING) {
            throw unexpected(nameToken, "define clause");
        }
        String templateName = unquote(nameToken);
        expect(Type.RIGHT_DELIM, "define clause");
        ListNode body = parseBody(new Token(Type.DEFINE, delim.pos(), "define"), "define clause");
        addDefinition(nameToken, templateName, body);
    }

    /** A {@code define} or {@code block} body: its own variable scope, with only {@code $}. */
    private ListNode parseBody(Token opener, String context) throws TemplateException {
        List<String> outerVars = vars;
        int outerRangeDepth = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        openControls.push(opener);
        ItemList items = itemList();
        openControls.pop();
        vars = outerVars;
        rangeDepth = outerRangeDepth;
        if (!(items.end instanceof EndNode)) {
            throw error(items.end.pos(), "unexpected " + items.end + " in " + context);
        }
        return items.list;
    }

    private void addDefinition(Token at, String templateName, ListNode body) throws TemplateException {
        ListNode existing = defined.get(templateName);
        if (existing != null && !isEmpty(existing) && !isEmpty(body)) {
            throw error(at.pos(), "template: multiple definition of template " + GoStrings.quote(templateName, false));
        }
        if (existing == null || isEmpty(existing)) {
            defined.put(templateName, body);
        }
    }

    private static boolean isEmpty(ListNode list) {
        return list.nodes().stream().allMatch(n -> n instanceof TextNode t && t.text().isBlank());
    }

    private record ItemList(ListNode list, Node end) {
    }

    /** Nodes up to an {@code {{end}}} or {@code {{else}}}, which is returned separately. */
    private ItemList itemList() throws TemplateException {
        int pos = peekNonSpace().pos();
        List<Node> nodes = new ArrayList<>();
        while (peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                return new ItemList(new ListNode(pos, nodes), n);
            }
            nodes.add(n);
        }
        Token open = openControls.peek();
        if (open != null) {
            throw error(open.pos(), "unexpected EOF: {{" + open.val() + "}} has no matching {{end}}");
        }
        throw error(source.length(), "unexpected EOF");
    }

    private Node textOrAction() throws TemplateException {
        Token token = nextNonSpace();
        return switch (token.type()) {
            case TEXT -> new TextNode(token.pos(), token.val());
            case LEFT_DELIM -> action(token);
            default -> throw unexpected(token, "input");
        };
    }

    private Node action(Token delim) throws TemplateException {
        Token token = nextNonSpace();
        switch (token.type()) {
            case BLOCK:
                return blockControl(delim);
            case BREAK:
            case CONTINUE:
                return loopControl(delim, token);
            case ELSE:
                return elseControl(delim);
            case END:
                expect(Type.RIGHT_DELIM, "end");
                return new EndNode(delim.pos());
            case IF:
                return control(delim, token, ControlNode.Kind.IF);
            case RANGE:
                return control(delim, token, ControlNode.Kind.RANGE);
            case TEMPLATE:
                return templateControl(delim);
            case WITH:
                return control(delim, token, ControlNode.Kind.WITH);
            default:
                index--;
                return new ActionNode(delim.pos(), pipeline("command", Type.RIGHT_DELIM));
        }
    }

    private Node loopControl(Token delim, Token keyword) throws TemplateException {
        Token token = nextNonSpace();
        if (token.type() != Type.RIGHT_DELIM) {
            throw unexpected(token, "{{" + keyword.val() + "}}");
        }
        if (rangeDepth == 0) {
            throw error(delim.pos(), "{{" + keyword.val() + "}} outside {{range}}");
        }
        return keyword.type() == Type.BREAK ? new BreakNode(delim.pos()) : new ContinueNode(delim.pos());
    }

    private Node elseControl(Token delim) throws TemplateException {
        Token peek = peekNonSpace();
        if (peek.type() == Type.IF || peek.type() == Type.WITH) {
            return new ElseNode(delim.pos()); // "else if" / "else with": the keyword stays pending
        }
        expect(Type.RIGHT_DELIM, "else");
        return new ElseNode(delim.pos());
    }

    private ControlNode control(Token delim, Token keyword, ControlNode.Kind kind) throws TemplateException {
        String context = keyword.val();
        int varsMark = vars.size();
        PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
        openControls.push(new Token(keyword.type(), delim.pos(), keyword.val()));
        if (kind == ControlNode.Kind.RANGE) {
            rangeDepth++;
        }
        ItemList items = itemList();
        if (kind == ControlNode.Kind.RANGE) {
            rangeDepth--;
        }
        ListNode elseList = null;
        if (items.end instanceof ElseNode elseNode) {
            Type pending = peek().type();
            if (kind == ControlNode.Kind.IF && pending == Type.IF
                    || kind == ControlNode.Kind.WITH && pending == Type.WITH) {
                // {{else if x}} is {{else}}{{if x}}...{{end}} sharing the outer {{end}}.
                Token nested = next();
                openControls.pop();
                Token elseDelim = new Token(Type.LEFT_DELIM, elseNode.pos(), "{{");
                elseList = new ListNode(elseNode.pos(), List.of(control(elseDelim, nested, kind)));
                vars = new ArrayList<>(vars.subList(0, varsMark));
                return new ControlNode(delim.pos(), kind, pipe, items.list, elseList);
            }
            ItemList elseItems = itemList();
            if (!(elseItems.end instanceof EndNode)) {
                throw error(elseItems.end.pos(), "expected end; found " + elseItems.end);
            }
            elseList = elseItems.list;
        }
        openControls.pop();
        vars = new ArrayList<>(vars.subList(0, varsMark));
        return new ControlNode(delim.pos(), kind, pipe, items.list, elseList);
    }

    private Node templateControl(Token delim) throws TemplateException {
        Token nameToken = nextNonSpace();
        String templateName = templateName(nameToken, "template clause");
        PipeNode pipe = null;
        if (nextNonSpace().type() != Type.RIGHT_DELIM) {
            index--;
            pipe = pipeline("template clause", Type.RIGHT_DELIM);
        }
        return new TemplateNode(delim.pos(), templateName, pipe);
    }

    private Node blockControl(Token delim) throws TemplateException {
        Token nameToken = nextNonSpace();
        String templateName = templateName(nameToken, "block clause");
        PipeNode pipe = pipeline("block clause", Type.RIGHT_DELIM);
        ListNode body = parseBody(new Token(Type.BLOCK, delim.pos(), "block"), "block clause");
        addDefinition(nameToken, templateName, body);
        return new TemplateNode(delim.pos(), templateName, pipe);
    }

    private String templateName(Token token, String context) throws TemplateException {
        if (token.type() != Type.STRING && token.type() != Type.RAW_STRING) {
            throw unexpected(token, context);
        }
        return unquote(token);
    }

    /** declarations? command ('|' command)* */
    private PipeNode pipeline(String context, Type end) throws TemplateException {
        int pos = peekNonSpace().pos();
        List<VariableNode> decl = new ArrayList<>();
        boolean isAssign = false;
        while (peekNonSpace().type() == Type.VARIABLE) {
            int mark = index;
            Token v = nextNonSpace();
            Token following = peekNonSpace();
            if (following.type() == Type.ASSIGN || following.type() == Type.DECLARE) {
                isAssign = following.type() == Type.ASSIGN;
                nextNonSpace();
                decl.add(new VariableNode(v.pos(), List.of(v.val())));
                vars.add(v.val());
                break;
            } else if (following.type() == Type.CHAR && following.val().equals(",")) {
                nextNonSpace();
                decl.add(new VariableNode(v.pos(), List.of(v.val())));
                vars.add(v.val());
                if (context.equals("range") && decl.size() < 2) {
                    Type t = peekNonSpace().type();
                    if (t == Type.VARIABLE || t == Type.RIGHT_DELIM || t == Type.RIGHT_PAREN) {
                        continue; // the second variable of "range $i, $v :="
                    }
                    throw error(following.pos(), "range can only initialize variables");
                }
                throw error(following.pos(), "too many declarations in " + context);
            } else {
                index = mark;
                break;
            }
        }
        List<CommandNode> cmds = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.type() == end) {
                if (cmds.isEmpty()) {
                    throw error(token.pos(), "missing value for " + context);
                }
                for (int i = 1; i < cmds.size(); i++) {
                    Node first = cmds.get(i).args().get(0);
                    if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                            || first instanceof NumberNode || first instanceof StringNode) {
                        throw error(first.pos(), "non executable command in pipeline stage " + (i + 1));
                    }
                }
                return new PipeNode(pos, isAssign, List.copyOf(decl), List.copyOf(cmds));
            }
            switch (token.type()) {
                case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING,
                        VARIABLE, LEFT_PAREN -> {
                    index--;
                    cmds.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    /** operand (space operand)*, up to a pipe or a closing delimiter. */
    private CommandNode command() throws TemplateException {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            if (token.type() == Type.SPACE) {
                continue;
            }
            if (token.type() == Type.RIGHT_DELIM || token.type() == Type.RIGHT_PAREN) {
                index--;
            } else if (token.type() != Type.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error(pos, "empty command");
        }
        return new CommandNode(pos, List.copyOf(args));
    }

    /** term .Field* */
    private Node operand() throws TemplateException {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() != Type.FIELD) {
            return node;
        }
        List<String> fields = new ArrayList<>();
        while (peek().type() == Type.FIELD) {
            fields.add(next().val().substring(1));
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
            throw error(node.pos(), "unexpected . after term " + GoStrings.quote(node.toString(), false));
        }
        return new ChainNode(node.pos(), node, List.copyOf(fields));
    }

    private Node term() throws TemplateException {
        Token token = nextNonSpace();
        switch (token.type()) {
            case IDENTIFIER:
                if (!functions.contains(token.val())) {
                    throw error(token.pos(), "function " + GoStrings.quote(token.val(), false) + " not defined");
                }
                return new IdentifierNode(token.pos(), token.val());
            case DOT:
                return new DotNode(token.pos());
            case NIL:
                return new NilNode(token.pos());
            case VARIABLE:
                if (!vars.contains(token.val())) {
                    throw error(token.pos(), "undefined variable " + GoStrings.quote(token.val(), false));
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
                    throw error(token.pos(), "max expression depth exceeded");
                }
                PipeNode pipe = pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                parenDepth--;
                return pipe;
            case STRING:
            case RAW_STRING:
                return new StringNode(token.pos(), token.val(), unquote(token));
            default:
                index--;
                return null;
        }
    }

    private NumberNode number(Token token) throws TemplateException {
        String text = token.val();
        if (token.type() == Type.CHAR_CONSTANT) {
            String value = GoStrings.unquote(text);
            if (value == null) {
                throw error(token.pos(), "malformed character constant: " + text);
            }
            long rune = value.codePointAt(0);
            return new NumberNode(token.pos(), text, rune, (double) rune, false);
        }
        if (token.type() == Type.COMPLEX || text.endsWith("i")) {
            throw error(token.pos(), "complex numbers are not supported: " + text);
        }
        Long intValue = GoNumbers.parseInt(text);
        Double floatValue;
        boolean hex = text.replaceFirst("^[+-]", "").toLowerCase(java.util.Locale.ROOT).startsWith("0x");
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
                throw error(token.pos(), "integer overflow: " + GoStrings.quote(text, false));
            }
            if (floatValue != null && floatValue == Math.rint(floatValue) && Math.abs(floatValue) < 0x1p63) {
                intValue = floatValue.longValue();
            }
        }
        if (intValue == null && floatValue == null) {
            throw error(token.pos(), "illegal number syntax: " + GoStrings.quote(text, false));
        }
        return new NumberNode(token.pos(), text, intValue, floatValue, floatSyntax);
    }

    private String unquote(Token token) throws TemplateException {
        String value = GoStrings.unquote(token.val());
        if (value == null) {
            throw error(token.pos(), "invalid syntax in string " + token.val());
        }
        return value;
    }

    private void expect(Type type, String context) throws TemplateException {
        Token token = nextNonSpace();
        if (token.type() != type) {
            throw unexpected(token, context);
        }
    }

    // ---- token stream ----

    private Token next() throws TemplateException {
        Token token = tokens.get(Math.min(index, tokens.size() - 1));
        index++;
        if (token.type() == Type.ERROR) {
            throw error(token.pos(), token.val());
        }
        return token;
    }

    private Token peek() throws TemplateException {
        Token token = next();
        index--;
        return token;
    }

    private Token nextNonSpace() throws TemplateException {
        Token token;
        do {
            token = next();
        } while (token.type() == Type.SPACE);
        return token;
    }

    /** The next non-space token; the spaces before it are consumed. */
    private Token peekNonSpace() throws TemplateException {
        Token token = nextNonSpace();
        index--;
        return token;
    }

    private TemplateException unexpected(Token token, String context) {
        return error(token.pos(), "unexpected " + token.describe() + " in " + context);
    }

    private TemplateException error(int pos, String reason) {
        return TemplateException.at(name, source, pos, reason);
    }
}
