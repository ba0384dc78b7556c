package dev.watchdog.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expression tables against the real {@code promtool check rules}: every row becomes an alerting rule
 * of one throw-away file, and promtool must accept exactly the valid rows. promtool here is 2.42, which
 * predates Prometheus 3: the rows marked {@code 3.x} are not compared but listed, and each must still be
 * refused by 2.42 (otherwise its mark is wrong).
 */
class PromtoolExpressionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE_ERROR = Pattern.compile("rule (\\d+), \"Row\\d+\": (.*)");

    @Test
    void promtoolAcceptsExactlyTheValidRows(@TempDir Path dir) throws IOException {
        List<ExpressionTable.Row> rows = new ArrayList<>(ExpressionTable.valid());
        rows.addAll(ExpressionTable.invalid());
        Path file = dir.resolve("table.yml");
        Files.writeString(file, ruleFile(rows));

        Map<Integer, String> refused = refusals(Promtool.checkRules(List.of(file)).output());

        List<String> disagreements = new ArrayList<>();
        List<String> prometheus3Only = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ExpressionTable.Row row = rows.get(i);
            boolean valid = row.expected() == null;
            String refusal = refused.get(i + 1);
            if (row.prometheus3Only()) {
                prometheus3Only.add(row.expr());
                if (refusal == null) {
                    disagreements.add("marked 3.x but promtool 2.42 accepts it: " + row);
                }
            } else if (valid && refusal != null) {
                disagreements.add("valid, but promtool refuses it: " + row + "  ->  " + refusal);
            } else if (!valid && refusal == null) {
                disagreements.add("invalid (" + row.expected() + "), but promtool accepts it: " + row);
            }
        }
        System.out.println("Not compared, Prometheus 3 syntax that promtool 2.42 refuses (" + prometheus3Only.size()
                + " rows):\n  " + String.join("\n  ", prometheus3Only));
        assertThat(disagreements).as("rows where the table and promtool disagree").isEmpty();
        assertThat(rows.size() - prometheus3Only.size()).isGreaterThanOrEqualTo(550);
    }

    private static String ruleFile(List<ExpressionTable.Row> rows) throws JsonProcessingException {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: table\n    rules:\n");
        for (int i = 0; i < rows.size(); i++) {
            yaml.append("      - alert: Row").append(i + 1).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(rows.get(i).expr())).append('\n');
        }
        return yaml.toString();
    }

    /** Rule number (from 1) to promtool's first message about it. */
    private static Map<Integer, String> refusals(String output) {
        Map<Integer, String> refused = new HashMap<>();
        Matcher matcher = RULE_ERROR.matcher(output);
        while (matcher.find()) {
            refused.putIfAbsent(Integer.parseInt(matcher.group(1)), matcher.group(2));
        }
        return refused;
    }
}
