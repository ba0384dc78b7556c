package dev.watchdog.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the expression tables: valid ones parse and print back to an equal tree, invalid ones fail. */
class ExpressionTableTest {

    static List<ExpressionTable.Row> valid() {
        return ExpressionTable.valid();
    }

    static List<ExpressionTable.Row> invalid() {
        return ExpressionTable.invalid();
    }

    @Test
    void theTablesAreLargeEnoughToMeanSomething() {
        assertThat(valid()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(invalid()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(valid()).extracting(ExpressionTable.Row::expr).doesNotHaveDuplicates();
        assertThat(invalid()).extracting(ExpressionTable.Row::expr).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAndPrintsBackToAnEqualTree(ExpressionTable.Row row) throws PromqlException {
        Expr parsed = PromQL.parse(row.expr());
        String printed = PromQL.print(parsed);

        Expr reparsed = PromQL.parse(printed);

        assertThat(reparsed).as("parse(print(parse(%s))) with print = %s", row.expr(), printed).isEqualTo(parsed);
        assertThat(PromQL.print(reparsed)).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void isRefusedWithWhereAndWhy(ExpressionTable.Row row) {
        assertThatThrownBy(() -> PromQL.parse(row.expr()))
                .isInstanceOf(PromqlException.class)
                .hasMessage(row.expected());
    }
}
