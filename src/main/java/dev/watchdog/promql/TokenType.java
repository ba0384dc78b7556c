package dev.watchdog.promql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The lexer's token types, with what the grammar lets each one be besides itself. */
enum TokenType {
    EOF(Kind.END, ""),
    IDENTIFIER(Kind.LITERAL, "identifier"),
    METRIC_IDENTIFIER(Kind.LITERAL, "metric identifier"),
    NUMBER(Kind.LITERAL, "number"),
    DURATION(Kind.LITERAL, "duration"),
    STRING(Kind.LITERAL, "string"),

    LEFT_PAREN(Kind.PUNCTUATION, "("),
    RIGHT_PAREN(Kind.PUNCTUATION, ")"),
    LEFT_BRACE(Kind.PUNCTUATION, "{"),
    RIGHT_BRACE(Kind.PUNCTUATION, "}"),
    LEFT_BRACKET(Kind.PUNCTUATION, "["),
    RIGHT_BRACKET(Kind.PUNCTUATION, "]"),
    COMMA(Kind.PUNCTUATION, ","),
    EQL(Kind.PUNCTUATION, "="),
    COLON(Kind.PUNCTUATION, ":"),

    ADD(Kind.OPERATOR, "+"),
    SUB(Kind.OPERATOR, "-"),
    MUL(Kind.OPERATOR, "*"),
    DIV(Kind.OPERATOR, "/"),
    MOD(Kind.OPERATOR, "%"),
    POW(Kind.OPERATOR, "^"),
    EQLC(Kind.OPERATOR, "=="),
    NEQ(Kind.OPERATOR, "!="),
    LSS(Kind.OPERATOR, "<"),
    LTE(Kind.OPERATOR, "<="),
    GTR(Kind.OPERATOR, ">"),
    GTE(Kind.OPERATOR, ">="),
    EQL_REGEX(Kind.OPERATOR, "=~"),
    NEQ_REGEX(Kind.OPERATOR, "!~"),
    AT(Kind.OPERATOR, "@"),
    LAND(Kind.OPERATOR, "and", Name.METRIC),
    LOR(Kind.OPERATOR, "or", Name.METRIC),
    LUNLESS(Kind.OPERATOR, "unless", Name.METRIC),
    ATAN2(Kind.OPERATOR, "atan2", Name.LABEL_ONLY),

    SUM(Kind.AGGREGATOR, "sum", Name.METRIC),
    AVG(Kind.AGGREGATOR, "avg", Name.METRIC),
    COUNT(Kind.AGGREGATOR, "count", Name.METRIC),
    MIN(Kind.AGGREGATOR, "min", Name.METRIC),
    MAX(Kind.AGGREGATOR, "max", Name.METRIC),
    GROUP(Kind.AGGREGATOR, "group", Name.METRIC),
    STDDEV(Kind.AGGREGATOR, "stddev", Name.METRIC),
    STDVAR(Kind.AGGREGATOR, "stdvar", Name.METRIC),
    TOPK(Kind.AGGREGATOR, "topk", Name.METRIC),
    BOTTOMK(Kind.AGGREGATOR, "bottomk", Name.METRIC),
    COUNT_VALUES(Kind.AGGREGATOR, "count_values", Name.METRIC),
    QUANTILE(Kind.AGGREGATOR, "quantile", Name.METRIC),
    LIMITK(Kind.AGGREGATOR, "limitk", Name.METRIC),
    LIMIT_RATIO(Kind.AGGREGATOR, "limit_ratio", Name.METRIC),

    BOOL(Kind.KEYWORD, "bool", Name.LABEL_ONLY),
    BY(Kind.KEYWORD, "by", Name.METRIC),
    WITHOUT(Kind.KEYWORD, "without", Name.METRIC_ONLY),
    ON(Kind.KEYWORD, "on", Name.LABEL_ONLY),
    IGNORING(Kind.KEYWORD, "ignoring", Name.LABEL_ONLY),
    GROUP_LEFT(Kind.KEYWORD, "group_left", Name.LABEL_ONLY),
    GROUP_RIGHT(Kind.KEYWORD, "group_right", Name.LABEL_ONLY),
    OFFSET(Kind.KEYWORD, "offset", Name.METRIC),
    START(Kind.PREPROCESSOR, "start", Name.METRIC),
    END(Kind.PREPROCESSOR, "end", Name.METRIC);

    /** How a token of this type is described in "unexpected ..." messages. */
    enum Kind {
        END, LITERAL, PUNCTUATION, OPERATOR, AGGREGATOR, KEYWORD,
        /** {@code start} and {@code end} of {@code @ start()}: described by their text, like punctuation. */
        PREPROCESSOR
    }

    /** Where a keyword may also stand for a name: as a metric name, a label name in a grouping, or both. */
    private enum Name {
        NONE, METRIC, METRIC_ONLY, LABEL_ONLY
    }

    private static final Map<String, TokenType> KEYWORDS = new HashMap<>();

    static {
        for (TokenType type : values()) {
            if (type.kind == Kind.AGGREGATOR || type.kind == Kind.KEYWORD || type.kind == Kind.PREPROCESSOR
                    || type.name != Name.NONE) {
                KEYWORDS.put(type.text, type);
            }
        }
        KEYWORDS.put("inf", NUMBER);
        KEYWORDS.put("nan", NUMBER);
    }

    private final Kind kind;
    private final String text;
    private final Name name;

    TokenType(Kind kind, String text) {
        this(kind, text, Name.NONE);
    }

    TokenType(Kind kind, String text, Name name) {
        this.kind = kind;
        this.text = text;
        this.name = name;
    }

    Kind kind() {
        return kind;
    }

    /** The name used when describing a literal token ("identifier", "number", ...). */
    String literalName() {
        return text;
    }

    /** Keywords are matched case-insensitively, as Prometheus does ({@code SUM}, {@code By}). */
    static TokenType keyword(String word) {
        return KEYWORDS.get(word.toLowerCase(Locale.ROOT));
    }

    /** Identifiers and the keywords the grammar also accepts as a metric name ({@code sum}, {@code offset}). */
    boolean canNameMetric() {
        return this == IDENTIFIER || this == METRIC_IDENTIFIER || name == Name.METRIC || name == Name.METRIC_ONLY;
    }

    /** Identifiers and the keywords the grammar also accepts as a label in {@code by (...)}; not {@code without}. */
    boolean canNameLabel() {
        return this == IDENTIFIER || this == METRIC_IDENTIFIER || name == Name.METRIC || name == Name.LABEL_ONLY;
    }
}
