package dev.watchdog.gotemplate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree, shaped like Go's text/template/parse nodes. {@code toString()} gives Go's rendering of a
 * node, which error messages quote ({@code at <humanize "one">}). Positions are offsets into the source.
 */
sealed interface Node {

    int pos();

    // ---- structure ----

    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            return nodes.stream().map(Node::toString).collect(Collectors.joining());
        }
    }

    record TextNode(int pos, String text) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code {{pipeline}}}: prints the value unless the pipeline declares variables. */
    record ActionNode(int pos, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** if, with and range share this shape. */
    record ControlNode(int pos, Kind kind, PipeNode pipe, ListNode list, ListNode elseList) implements Node {
        enum Kind { IF, WITH, RANGE }

        @Override
        public String toString() {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            String text = "{{" + name + " " + pipe + "}}" + list;
            if (elseList != null) {
                text += "{{else}}" + elseList;
            }
            return text + "{{end}}";
        }
    }

    /** {@code {{template "name" pipeline}}}; the pipeline may be absent. */
    record TemplateNode(int pos, String name, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{template " + GoStrings.quote(name, false) + (pipe == null ? "" : " " + pipe) + "}}";
        }
    }

    record BreakNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record ContinueNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** Only seen while parsing: an {@code {{end}}} closing a list. */
    record EndNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    /** Only seen while parsing: an {@code {{else}}} closing a list. */
    record ElseNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    // ---- expressions ----

    record PipeNode(int pos, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds) implements Node {
        @Override
        public String toString() {
            String text = "";
            if (!decl.isEmpty()) {
                text = decl.stream().map(Node::toString).collect(Collectors.joining(", "))
                        + (isAssign ? " = " : " := ");
            }
            return text + cmds.stream().map(Node::toString).collect(Collectors.joining(" | "));
        }
    }

    record CommandNode(int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            return args.stream()
                    .map(arg -> arg instanceof PipeNode ? "(" + arg + ")" : arg.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** {@code .A.B.C}. */
    record FieldNode(int pos, List<String> idents) implements Node {
        @Override
        public String toString() {
            return idents.stream().map(id -> "." + id).collect(Collectors.joining());
        }
    }

    /** {@code $x.A.B}: the variable name (with its $) then any fields. */
    record VariableNode(int pos, List<String> idents) implements Node {
        String name() {
            return idents.get(0);
        }

        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    /** {@code (pipeline).A.B} or {@code func.A}. */
    record ChainNode(int pos, Node node, List<String> fields) implements Node {
        @Override
        public String toString() {
            String head = node instanceof PipeNode ? "(" + node + ")" : node.toString();
            return head + fields.stream().map(f -> "." + f).collect(Collectors.joining());
        }
    }

    /** A function name. */
    record IdentifierNode(int pos, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    record DotNode(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record NilNode(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record BoolNode(int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * A number constant. Go gives it the type its spelling suggests: {@code float64} when written with a
     * point or exponent, else {@code int}. {@code intValue} is null when it does not fit an int.
     */
    record NumberNode(int pos, String text, Long intValue, Double floatValue, boolean floatSyntax) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A quoted string; {@code quoted} is the source spelling, {@code text} the value. */
    record StringNode(int pos, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }
}
