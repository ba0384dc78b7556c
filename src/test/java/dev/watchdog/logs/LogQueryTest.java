package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogQueryTest {

    private static final Instant END = Instant.parse("2024-01-15T10:30:00Z");

    @Test
    void slashesAtBothEndsMakeARegex() {
        LogQuery query = new LogQuery("/time(d)? out/", Duration.ofMinutes(5), null, END);

        assertThat(query.isRegex()).isTrue();
        assertThat(query.regex()).isEqualTo("time(d)? out");
        assertThat(new LogQuery("/", Duration.ofMinutes(5), null, END).isRegex()).isFalse();
        assertThat(new LogQuery("a/b/", Duration.ofMinutes(5), null, END).isRegex()).isFalse();
    }

    @Test
    void levelsAreReadInAnySpellingAndBlankMeansAll() {
        assertThat(new LogQuery("x", Duration.ofMinutes(5), "WARNING", END).minimumLevel()).contains(LogLevel.WARN);
        assertThat(new LogQuery("x", Duration.ofMinutes(5), " ", END).minimumLevel()).isEmpty();
        assertThat(new LogQuery(null, Duration.ofMinutes(5), null, END).text()).isEmpty();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> new LogQuery("/a(b/", Duration.ofMinutes(5), null, END))
                .hasMessage("\"/a(b/\" is not a valid regular expression (RE2): error parsing regexp: missing closing ): `a(b`");
        assertThatThrownBy(() -> new LogQuery("x", Duration.ofMinutes(5), "loud", END))
                .hasMessage("\"loud\" is not a log level (allowed: trace, debug, info, warn, error, fatal)");
        assertThatThrownBy(() -> new LogQuery("x", Duration.ZERO, null, END))
                .hasMessage("the search window must be positive, was PT0S");
    }

    @Test
    void anOpenEndIsFilledInOnce() {
        LogQuery open = new LogQuery("x", Duration.ofMinutes(5), null, null);

        assertThat(open.endingAtIfOpen(END).start()).isEqualTo(Instant.parse("2024-01-15T10:25:00Z"));
        assertThat(open.endingAtIfOpen(END).endingAtIfOpen(END.plusSeconds(60)).end()).isEqualTo(END);
    }

    @Test
    void levelsCompareBySeverity() {
        assertThat(LogLevel.FATAL.atLeast(LogLevel.ERROR)).isTrue();
        assertThat(LogLevel.WARN.atLeast(LogLevel.ERROR)).isFalse();
        assertThat(LogLevel.UNKNOWN.atLeast(LogLevel.TRACE)).isFalse();
        assertThat(LogLevel.detect("2024-01-15 10:00:00 [worker] Error connecting")).isEqualTo(LogLevel.ERROR);
        assertThat(LogLevel.detect("2024-01-15 10:00:00 INFO retrying after error")).isEqualTo(LogLevel.INFO);
        assertThat(LogLevel.detect("no level words here")).isEqualTo(LogLevel.UNKNOWN);
    }
}
