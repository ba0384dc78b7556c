package dev.watchdog.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a migration file. A statement ends with a semicolon at the end of a line, so
 * a trigger keeps its body on one line; lines that start with {@code --} are comments.
 */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            String text = line.stripTrailing();
            if (text.endsWith(";")) {
                statement.append(text, 0, text.length() - 1);
                statements.add(statement.toString());
                statement.setLength(0);
            } else {
                statement.append(text).append('\n');
            }
        }
        if (!statement.isEmpty()) {
            throw new IllegalArgumentException("the last statement does not end with ';': "
                    + statement.toString().strip());
        }
        return statements;
    }
}
