package dev.watchdog.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's number formatting (strconv and fmt), which {@code $value}, {@code printf} and the humanizers rely on. */
class GoFormatTest {

    @ParameterizedTest(name = "%v of {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1                      | 1
            1.5                    | 1.5
            0.1                    | 0.1
            100000                 | 100000
            999999                 | 999999
            1000000                | 1e+06
            123456789              | 1.23456789e+08
            1e21                   | 1e+21
            1e20                   | 1e+20
            0.0001                 | 0.0001
            0.00001                | 1e-05
            1.5e-7                 | 1.5e-07
            0.3333333333333333     | 0.3333333333333333
            2.5                    | 2.5
            -2.5                   | -2.5
            123.456                | 123.456
            1e23                   | 1e+23
            5e-324                 | 5e-324
            1.7976931348623157e308 | 1.7976931348623157e+308
            9.223372036854776e18   | 9.223372036854776e+18
            12345678.9             | 1.23456789e+07
            3.14159265358979       | 3.14159265358979
            0                      | 0
            """)
    void valuePrintsAsGoShortestFloat(double value, String expected) {
        assertThat(GoFloat.shortest(value)).isEqualTo(expected);
    }

    @Test
    void specialValuesPrintLikeGo() {
        assertThat(GoFloat.shortest(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(GoFloat.shortest(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(GoFloat.shortest(Double.NaN)).isEqualTo("NaN");
        assertThat(GoFloat.shortest(-0.0)).isEqualTo("-0");
    }

    @Test
    void shortestFormIsShortestEvenWhereJava17DoubleToStringIsNot() {
        // Java 17 prints these as 5.6843418860808015E-14, 2.82879384806159008E17, 1.9999999999999998E23,
        // 9.999999999999999E22 and 8.409999999999999E21; Go prints the shortest form that reads back.
        assertThat(GoFloat.shortest(Math.pow(2, -44))).isEqualTo("5.684341886080802e-14");
        assertThat(GoFloat.shortest(2.82879384806159E17)).isEqualTo("2.82879384806159e+17");
        assertThat(GoFloat.shortest(2e23)).isEqualTo("2e+23");
        assertThat(GoFloat.shortest(1e23)).isEqualTo("1e+23");
        assertThat(GoFloat.shortest(8.41e21)).isEqualTo("8.41e+21");
    }

    @ParameterizedTest(name = "%.4g of {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0          | 0
            1          | 1
            1234       | 1234
            12345      | 1.234e+04
            99999.5    | 1e+05
            100000     | 1e+05
            0.000123456| 0.0001235
            1.2345678  | 1.235
            123.456    | 123.5
            9.995      | 9.995
            0.3333333333333333 | 0.3333
            4.941e-324 | 4.941e-324
            """)
    void fourSignificantDigitsLikeGo(double value, String expected) {
        assertThat(GoFloat.format(value, 'g', 4)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1} gives [{2}]")
    @CsvSource(delimiter = ';', quoteCharacter = '\'', textBlock = """
            %d             ; 3                 ; 3
            %5d            ; 42                ; '   42'
            %-5d|          ; 42                ; '42   |'
            %05d           ; -42               ; -0042
            %+d            ; 5                 ; +5
            %x             ; 255               ; ff
            %X             ; 255               ; FF
            %#x            ; 255               ; 0xff
            %o             ; 8                 ; 10
            %b             ; 5                 ; 101
            %c             ; 65                ; A
            %q             ; 65                ; '''A'''
            %U             ; 128512            ; U+1F600
            %.2f           ; 3.14159           ; 3.14
            %8.3f          ; -3.14159          ; '  -3.142'
            %08.3f         ; -3.14159          ; -003.142
            %e             ; 1234.5678         ; 1.234568e+03
            %E             ; 0.000123          ; 1.230000E-04
            %g             ; 0.0000001         ; 1e-07
            %G             ; 1e21              ; 1E+21
            %.3g           ; 100000.0          ; 1e+05
            %v             ; 1000000.0         ; 1e+06
            %.0f           ; 2.5               ; 2
            %.0f           ; 3.5               ; 4
            %6.2f%%        ; 12.345            ; ' 12.35%'
            %s             ; text              ; text
            %10s|          ; abc               ; '       abc|'
            %-10s|         ; abc               ; 'abc       |'
            %.3s           ; abcdef            ; abc
            %q             ; a"b               ; '"a\\"b"'
            %x             ; hi                ; 6869
            %X             ; hi                ; 6869
            %v             ; text              ; text
            """)
    void printfVerbsMatchGo(String format, String arg, String expected) {
        Object value = arg.matches("-?\\d+") ? (Object) Long.parseLong(arg)
                : arg.matches("-?[\\d.]+(e-?\\d+)?") ? (Object) Double.parseDouble(arg) : arg;
        assertThat(GoFmt.sprintf(format, List.of(value))).isEqualTo(expected);
    }

    @Test
    void wrongVerbsMissingAndExtraArgumentsAreReportedInlineLikeGo() {
        assertThat(GoFmt.sprintf("%d", List.of(42.0))).isEqualTo("%!d(float64=42)");
        assertThat(GoFmt.sprintf("%s", List.of(1L))).isEqualTo("%!s(int=1)");
        assertThat(GoFmt.sprintf("%f", List.of("1.5"))).isEqualTo("%!f(string=1.5)");
        assertThat(GoFmt.sprintf("%d %d", List.of(1L))).isEqualTo("1 %!d(MISSING)");
        assertThat(GoFmt.sprintf("%d", List.of(1L, 2L))).isEqualTo("1%!(EXTRA int=2)");
        assertThat(GoFmt.sprintf("%z", List.of(1L))).isEqualTo("%!z(int=1)");
        assertThat(GoFmt.sprintf("%", List.of())).isEqualTo("%!(NOVERB)");
        assertThat(GoFmt.sprintf("100%%", List.of())).isEqualTo("100%");
        assertThat(GoFmt.sprintf("%s", Arrays.asList((Object) null))).isEqualTo("%!s(<nil>)");
        assertThat(GoFmt.sprintf("%v", Arrays.asList((Object) null))).isEqualTo("<nil>");
    }

    @Test
    void argumentIndexesAndStarWidthsWork() {
        assertThat(GoFmt.sprintf("%[2]d %[1]d", List.of(1L, 2L))).isEqualTo("2 1");
        assertThat(GoFmt.sprintf("%[1]d %[1]x %[1]o", List.of(64L))).isEqualTo("64 40 100");
        assertThat(GoFmt.sprintf("%*d|", List.of(5L, 3L))).isEqualTo("    3|");
        assertThat(GoFmt.sprintf("%.*f", List.of(2L, 3.14159))).isEqualTo("3.14");
        assertThat(GoFmt.sprintf("%[3]d", List.of(1L, 2L))).isEqualTo("%!d(BADINDEX)");
    }

    @Test
    void mapsPrintSortedWithTheVerbAppliedToKeysAndValues() {
        GoMap labels = GoMap.ofStrings(Map.of("job", "node", "instance", "a:9100"));
        assertThat(GoFmt.sprintf("%v", List.of(labels))).isEqualTo("map[instance:a:9100 job:node]");
        assertThat(GoFmt.sprintf("%d", List.of(labels)))
                .isEqualTo("map[%!d(string=instance):%!d(string=a:9100) %!d(string=job):%!d(string=node)]");
        assertThat(GoFmt.sprintf("%#v", List.of(labels)))
                .isEqualTo("map[string]string{\"instance\":\"a:9100\", \"job\":\"node\"}");
        assertThat(GoFmt.sprintf("%T", List.of(labels))).isEqualTo("map[string]string");
    }

    @Test
    void sprintPutsSpacesOnlyBetweenNonStrings() {
        assertThat(GoFmt.sprint(List.of(1L, 2L, "a", "b", 3L))).isEqualTo("1 2ab3");
        assertThat(GoFmt.sprintln(List.of(1L, "a"))).isEqualTo("1 a\n");
    }

    /** Every row of a fixture produced by Go's own fmt.Sprintf, for 16 verbs. */
    @Test
    void matchesGoFmtOnAFixtureOfValues() throws IOException {
        List<String[]> rows = fixture();
        String[] verbs = null;
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String[] row : rows) {
            if (row[0].equals("#bits")) {
                verbs = row;
                continue;
            }
            Objects.requireNonNull(verbs, "header line missing");
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            for (int i = 1; i < verbs.length; i++) {
                checked++;
                String got = GoFmt.sprintf(verbs[i], List.of(value));
                if (!got.equals(row[i])) {
                    mismatches.add(row[0] + " " + verbs[i] + ": want " + row[i] + " got " + got);
                }
            }
        }
        assertThat(checked).isGreaterThan(3000);
        assertThat(mismatches).isEmpty();
    }

    private static List<String[]> fixture() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = GoFormatTest.class.getResourceAsStream("go-float-formats.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(
                     Objects.requireNonNull(in, "fixture"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("# ") || line.isBlank()) {
                    continue;
                }
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
