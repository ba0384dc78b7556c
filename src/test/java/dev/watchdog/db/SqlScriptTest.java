package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void aSemicolonAtTheEndOfALineEndsAStatement() {
        assertThat(SqlScript.statements("""
                -- a comment; not a statement;
                CREATE TABLE t (
                    a TEXT
                );

                CREATE TRIGGER no_updates BEFORE UPDATE ON t
                BEGIN SELECT RAISE(ABORT, 'no; never'); END;\s\s
                ALTER TABLE t ADD COLUMN b TEXT;""")).containsExactly(
                        "CREATE TABLE t (\n    a TEXT\n)",
                        "CREATE TRIGGER no_updates BEFORE UPDATE ON t\nBEGIN SELECT RAISE(ABORT, 'no; never'); END",
                        "ALTER TABLE t ADD COLUMN b TEXT");
    }

    @Test
    void aStatementWithoutItsSemicolonIsRefused() {
        assertThatThrownBy(() -> SqlScript.statements("CREATE TABLE t (a TEXT);\nCREATE INDEX t_a ON t(a)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the last statement does not end with ';': CREATE INDEX t_a ON t(a)");
    }
}
