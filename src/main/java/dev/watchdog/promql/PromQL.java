package dev.watchdog.promql;

/**
 * PromQL, offline: {@link #parse} reads an expression as Prometheus 2.x and 3.x do, or says where and why it
 * would refuse it; {@link #print} writes a tree back as text that parses to an equal tree.
 */
public final class PromQL {

    private PromQL() {
    }

    public static Expr parse(String expression) throws PromqlException {
        return new Parser(expression).parse();
    }

    public static String print(Expr expr) {
        return Printer.print(expr);
    }
}
