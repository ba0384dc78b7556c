package dev.watchdog.promql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The expression tables under {@code src/test/resources/promql/}: {@code valid.txt} holds one expression a
 * line, {@code invalid.txt} an expression, a tab and the problem Prometheus reports. A last column {@code 3.x}
 * marks what only Prometheus 3 reads that way.
 */
final class ExpressionTable {

    static final Path DIR = Path.of("src/test/resources/promql");
    private static final String PROMETHEUS_3_ONLY = "3.x";

    /**
     * @param expected the problem for an invalid expression, null for a valid one
     * @param line where the row is, for test names
     */
    record Row(String expr, String expected, boolean prometheus3Only, int line) {

        @Override
        public String toString() {
            return line + ": " + expr;
        }
    }

    private ExpressionTable() {
    }

    static List<Row> valid() {
        return read("valid.txt", false);
    }

    static List<Row> invalid() {
        return read("invalid.txt", true);
    }

    private static List<Row> read(String name, boolean withProblem) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DIR.resolve(name));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("# ")) {
                continue;
            }
            String[] columns = line.split("\t");
            int markColumn = withProblem ? 2 : 1;
            boolean only3 = columns.length > markColumn && columns[markColumn].equals(PROMETHEUS_3_ONLY);
            if (columns.length > markColumn + (only3 ? 1 : 0) || withProblem && columns.length < 2) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": unexpected columns: " + line);
            }
            rows.add(new Row(columns[0], withProblem ? columns[1] : null, only3, i + 1));
        }
        return rows;
    }
}
