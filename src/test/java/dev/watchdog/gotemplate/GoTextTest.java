package dev.watchdog.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Title casing, case mapping, quoting, and Go's time formats; expectations come from Go and x/text. */
class GoTextTest {

    @ParameterizedTest(name = "title {0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            aa bb CC             | Aa Bb CC
            hello-world          | Hello-World
            foo_bar              | Foo_bar
            foo.bar              | Foo.bar
            it's                 | It's
            1st place            | 1St Place
            élan vital           | Élan Vital
            DB-01 down           | DB-01 Down
            api/v1/query         | Api/V1/Query
            node_exporter:9100   | Node_exporter:9100
            foo:bar              | Foo:bar
            user@example.com     | User@Example.com
            iPhone               | IPhone
            ﬁne                  | Fine
            _foo bar_baz         | _Foo Bar_baz
            a..b                 | A..B
            a::b                 | A::B
            中文abc               | 中文Abc
            ǆemal                | ǅemal
            straße               | Straße
            x's y’s              | X's Y’s
            "(paren) [brack]"    | "(Paren) [Brack]"
            """)
    void titleFollowsXTextCases(String input, String expected) {
        assertThat(TitleCase.apply(input)).isEqualTo(expected);
    }

    @Test
    void caseMappingIsPerRuneLikeGo() {
        assertThat(GoStrings.toUpper("straße")).isEqualTo("STRAßE");
        assertThat(GoStrings.toLower("ÀÉÎ İ")).isEqualTo("àéî i");
    }

    @Test
    void quotingLikeStrconv() {
        assertThat(GoStrings.quote("a\"b\n\t\u0007é\u00a0", false)).isEqualTo("\"a\\\"b\\n\\t\\aé\\u00a0\"");
        assertThat(GoStrings.quote("é😀", true)).isEqualTo("\"\\u00e9\\U0001f600\"");
        assertThat(GoStrings.quoteRune(65, false)).isEqualTo("'A'");
        assertThat(GoStrings.unquote("\"\\u00e9\\x41\\101\\\"\"")).isEqualTo("éAA\"");
        assertThat(GoStrings.unquote("\"\\xc3\\xa9\"")).isEqualTo("é");
        assertThat(GoStrings.unquote("\"\\q\"")).isNull();
        assertThat(GoStrings.unquote("`a\r\nb`")).isEqualTo("a\nb");
    }

    @Test
    void timeLayoutsLikeGo() {
        GoTime t = new GoTime(Instant.ofEpochMilli(1353755652000L), true);
        assertThat(t.format("Mon Jan 2 15:04:05 2006 .999 ,000 002 __2 06 pm -07:00:00 Z0700"))
                .isEqualTo("Sat Nov 24 11:14:12 2012  ,000 329 329 12 am +00:00:00 Z");
        assertThat(t.format("2006-01-02T15:04:05Z07:00")).isEqualTo("2012-11-24T11:14:12Z");
        assertThat(new GoTime(Instant.ofEpochMilli(1435065584128L), true).toString())
                .isEqualTo("2015-06-23 13:19:44.128 +0000 UTC");
    }

    @Test
    void durationsPrintLikeGo() {
        long second = 1_000_000_000L;
        assertThat(new GoDuration(90 * 60 * second + 500_000_000L, false)).hasToString("1h30m0.5s");
        assertThat(new GoDuration(1500, false)).hasToString("1.5\u00b5s");
        assertThat(new GoDuration(1_500_000, false)).hasToString("1.5ms");
        assertThat(new GoDuration(-3 * 3600 * second, false)).hasToString("-3h0m0s");
        assertThat(new GoDuration(0, false)).hasToString("0s");
        assertThat(new GoDuration(1800 * second, true)).hasToString("30m0s");
    }
}
