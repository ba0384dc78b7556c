package dev.watchdog.gotemplate;

import dev.watchdog.gotemplate.Node.ActionNode;
import dev.watchdog.gotemplate.Node.BreakNode;
import dev.watchdog.gotemplate.Node.ContinueNode;
import dev.watchdog.gotemplate.Node.ControlNode;
import dev.watchdog.gotemplate.Node.ElseNode;
import dev.watchdog.gotemplate.Node.EndNode;
import dev.watchdog.gotemplate.Node.ListNode;
import dev.watchdog.gotemplate.Node.PipeNode;
import dev.watchdog.gotemplate.Node.TemplateNode;
import dev.watchdog.gotemplate.Node.TextNode;
import dev.watchdog.gotemplate.Token.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the parse tree following Go's text/template grammar, with Go's checks and messages: text and actions,
 * {@code if}/{@code with}/{@code range} with their {@code else} chains and variable scopes, {@code break} and
 * {@code continue} inside {@code range}, and {@code define}/{@code block}/{@code template}. The pipelines inside
 * actions are the {@link PipelineParser}'s.
 */
final class Parser {

    /** The result: the main tree and the templates defined with {@code define} or {@code block}. */
    record Parsed(ListNode root, Map<String, ListNode> defined) {
    }

    private final TokenCursor cursor;
    private final PipelineParser pipelines;
    private final List<String> vars;
    private final Map<String, ListNode> defined = new HashMap<>();
    private final Deque<Token> openControls = new ArrayDeque<>();
    private int rangeDepth;

    private Parser(String name, String source, Set<String> functions, List<String> predeclared) {
        this.cursor = new TokenCursor(name, source);
        this.vars = new ArrayList<>(predeclared);
        this.pipelines = new PipelineParser(cursor, functions, vars);
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
        while (cursor.peek().type() != Type.EOF) {
            if (cursor.peek().type() == Type.LEFT_DELIM) {
                int mark = cursor.mark();
                Token delim = cursor.next();
                if (cursor.nextNonSpace().type() == Type.DEFINE) {
                    parseDefinition(delim);
                    continue;
                }
                cursor.reset(mark);
            }
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                throw cursor.error(n.pos(), "unexpected " + n);
            }
            nodes.add(n);
        }
        return new ListNode(0, nodes);
    }

    private void parseDefinition(Token delim) throws TemplateException {
        Token nameToken = cursor.nextNonSpace();
        if (nameToken.type() != Type.STRING && nameToken.type() != Type.RAW_STRING) {
            throw cursor.unexpected(nameToken, "define clause");
        }
        String templateName = cursor.unquote(nameToken);
        cursor.expect(Type.RIGHT_DELIM, "define clause");
        ListNode body = parseBody(new Token(Type.DEFINE, delim.pos(), "define"), "define clause");
        addDefinition(nameToken, templateName, body);
    }

    /** A {@code define} or {@code block} body: its own variable scope, with only {@code $}. */
    private ListNode parseBody(Token opener, String context) throws TemplateException {
        List<String> outerVars = List.copyOf(vars);
        int outerRangeDepth = rangeDepth;
        vars.clear();
        vars.add("$");
        rangeDepth = 0;
        openControls.push(opener);
        ItemList items = itemList();
        openControls.pop();
        vars.clear();
        vars.addAll(outerVars);
        rangeDepth = outerRangeDepth;
        if (!(items.end instanceof EndNode)) {
            throw cursor.error(items.end.pos(), "unexpected " + items.end + " in " + context);
        }
        return items.list;
    }

    private void addDefinition(Token at, String templateName, ListNode body) throws TemplateException {
        ListNode existing = defined.get(templateName);
        if (existing != null && !isEmpty(existing) && !isEmpty(body)) {
            throw cursor.error(at.pos(), "template: multiple definition of template " + GoStrings.quote(templateName, false));
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
        int pos = cursor.peekNonSpace().pos();
        List<Node> nodes = new ArrayList<>();
        while (cursor.peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                return new ItemList(new ListNode(pos, nodes), n);
            }
            nodes.add(n);
        }
        Token open = openControls.peek();
        if (open != null) {
            throw cursor.error(open.pos(), "unexpected EOF: {{" + open.val() + "}} has no matching {{end}}");
        }
        throw cursor.errorAtEnd("unexpected EOF");
    }

    private Node textOrAction() throws TemplateException {
        Token token = cursor.nextNonSpace();
        return switch (token.type()) {
            case TEXT -> new TextNode(token.pos(), token.val());
            case LEFT_DELIM -> action(token);
            default -> throw cursor.unexpected(token, "input");
        };
    }

    private Node action(Token delim) throws TemplateException {
        Token token = cursor.nextNonSpace();
        switch (token.type()) {
            case BLOCK:
                return blockControl(delim);
            case BREAK:
            case CONTINUE:
                return loopControl(delim, token);
            case ELSE:
                return elseControl(delim);
            case END:
                cursor.expect(Type.RIGHT_DELIM, "end");
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
                cursor.backup();
                return new ActionNode(delim.pos(), pipelines.pipeline("command", Type.RIGHT_DELIM));
        }
    }

    private Node loopControl(Token delim, Token keyword) throws TemplateException {
        Token token = cursor.nextNonSpace();
        if (token.type() != Type.RIGHT_DELIM) {
            throw cursor.unexpected(token, "{{" + keyword.val() + "}}");
        }
        if (rangeDepth == 0) {
            throw cursor.error(delim.pos(), "{{" + keyword.val() + "}} outside {{range}}");
        }
        return keyword.type() == Type.BREAK ? new BreakNode(delim.pos()) : new ContinueNode(delim.pos());
    }

    private Node elseControl(Token delim) throws TemplateException {
        Token peek = cursor.peekNonSpace();
        if (peek.type() == Type.IF || peek.type() == Type.WITH) {
            return new ElseNode(delim.pos()); // "else if" / "else with": the keyword stays pending
        }
        cursor.expect(Type.RIGHT_DELIM, "else");
        return new ElseNode(delim.pos());
    }

    private ControlNode control(Token delim, Token keyword, ControlNode.Kind kind) throws TemplateException {
        String context = keyword.val();
        int varsMark = vars.size();
        PipeNode pipe = pipelines.pipeline(context, Type.RIGHT_DELIM);
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
            Type pending = cursor.peek().type();
            if (kind == ControlNode.Kind.IF && pending == Type.IF
                    || kind == ControlNode.Kind.WITH && pending == Type.WITH) {
                // {{else if x}} is {{else}}{{if x}}...{{end}} sharing the outer {{end}}.
                Token nested = cursor.next();
                openControls.pop();
                Token elseDelim = new Token(Type.LEFT_DELIM, elseNode.pos(), "{{");
                elseList = new ListNode(elseNode.pos(), List.of(control(elseDelim, nested, kind)));
                endScope(varsMark);
                return new ControlNode(delim.pos(), kind, pipe, items.list, elseList);
            }
            ItemList elseItems = itemList();
            if (!(elseItems.end instanceof EndNode)) {
                throw cursor.error(elseItems.end.pos(), "expected end; found " + elseItems.end);
            }
            elseList = elseItems.list;
        }
        openControls.pop();
        endScope(varsMark);
        return new ControlNode(delim.pos(), kind, pipe, items.list, elseList);
    }

    private Node templateControl(Token delim) throws TemplateException {
        Token nameToken = cursor.nextNonSpace();
        String templateName = templateName(nameToken, "template clause");
        PipeNode pipe = null;
        if (cursor.nextNonSpace().type() != Type.RIGHT_DELIM) {
            cursor.backup();
            pipe = pipelines.pipeline("template clause", Type.RIGHT_DELIM);
        }
        return new TemplateNode(delim.pos(), templateName, pipe);
    }

    private Node blockControl(Token delim) throws TemplateException {
        Token nameToken = cursor.nextNonSpace();
        String templateName = templateName(nameToken, "block clause");
        PipeNode pipe = pipelines.pipeline("block clause", Type.RIGHT_DELIM);
        ListNode body = parseBody(new Token(Type.BLOCK, delim.pos(), "block"), "block clause");
        addDefinition(nameToken, templateName, body);
        return new TemplateNode(delim.pos(), templateName, pipe);
    }

    private String templateName(Token token, String context) throws TemplateException {
        if (token.type() != Type.STRING && token.type() != Type.RAW_STRING) {
            throw cursor.unexpected(token, context);
        }
        return cursor.unquote(token);
    }

    /** The variables declared since the mark go out of scope. */
    private void endScope(int varsMark) {
        vars.subList(varsMark, vars.size()).clear();
    }
}
