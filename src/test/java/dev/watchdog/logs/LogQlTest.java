package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogQlTest {

    private static final Instant END = Instant.parse("2024-01-15T10:30:00Z");

    @Test
    void textBecomesACaseInsensitiveLiteralRegex() {
        assertThat(LogQl.query("{app=\"checkout\"}", query("connection reset (code 104)", null)))
                .isEqualTo("{app=\"checkout\"} |~ \"(?i)connection reset \\\\(code 104\\\\)\"");
    }

    @Test
    void noTextAndNoLevelIsTheSelectorAlone() {
        assertThat(LogQl.query(" {app=\"checkout\"} ", query("", null))).isEqualTo("{app=\"checkout\"}");
    }

    @Test
    void aLevelListsTheWordsAtThatLevelOrWorse() {
        assertThat(LogQl.query("{job=\"x\"}", query("", "fatal")))
                .isEqualTo("{job=\"x\"} |~ \"(?i)\\\\b(?:fatal|critical|crit|panic|emerg|emergency|alert)\\\\b\"");
    }

    @Test
    void controlCharactersAreEscapedTheGoWay() {
        assertThat(LogQl.string("a\tb\nc\rd\u0001e\u007f")).isEqualTo("\"a\\tb\\nc\\rd\\x01e\\x7f\"");
    }

    /** Whatever the text, the string literal holds exactly it, and the regex in it matches it literally. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "plain", "quote \" inside", "backslash \\ inside", "\\\" both", "\"} | line_format \"{{.password}}\" | {x=\"",
        "`backtick`", "regex .* ( [ { ^ $ | + ?", "new\nline", "ünïcödé ✓ 🚀", "ends with backslash \\"
    })
    void theTextCannotLeaveTheString(String text) {
        String literal = LogQl.string("(?i)" + LogQl.quoteMeta(text));

        assertThat(literal).startsWith("\"").endsWith("\"");
        String unquoted = goUnquote(literal);
        assertThat(unquoted).isEqualTo("(?i)" + LogQl.quoteMeta(text));
        assertThat(Pattern.compile(unquoted).matcher("before " + text + " after").find()).isTrue();
    }

    /** Go's strconv.Unquote for the escapes LogQl.string writes; fails on an unescaped quote inside. */
    private static String goUnquote(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            assertThat(c).as("unescaped quote at %d in %s", i, literal).isNotEqualTo('"');
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = literal.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private static LogQuery query(String text, String level) {
        return new LogQuery(text, Duration.ofMinutes(5), level, END);
    }
}
