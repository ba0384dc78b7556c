package dev.watchdog.promql;

/** Binary operators, from the loosest binding to the tightest. */
public enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    UNLESS("unless", 2),
    EQL("==", 3),
    NEQ("!=", 3),
    GTR(">", 3),
    LSS("<", 3),
    GTE(">=", 3),
    LTE("<=", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    ATAN2("atan2", 5),
    POW("^", 6);

    /** Unary minus binds like {@code *}: tighter than {@code *}, looser than {@code ^}. */
    static final int UNARY_OPERAND_PRECEDENCE = 6;

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    /** Only {@code ^} groups from the right: {@code 2 ^ 3 ^ 2} is {@code 2 ^ (3 ^ 2)}. */
    public boolean rightAssociative() {
        return this == POW;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    /** The comparison read from the other side: {@code 5 < x} is {@code x > 5}; other operators stay as they are. */
    public BinaryOp mirrored() {
        return switch (this) {
            case GTR -> LSS;
            case LSS -> GTR;
            case GTE -> LTE;
            case LTE -> GTE;
            default -> this;
        };
    }

    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }
}
